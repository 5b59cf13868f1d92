// Finds places from whatever a caller says: forgiving of case, accents, abbreviations
// ("st"/"street"), word order and typos (one edit in words of 4+ letters, two in 8+), with the
// last word read as a prefix while it is still being typed. The street type said counts
// ("Calborough Street" is not "Calborough Avenue", "stret" is "street"); a house number ranks
// the addresses of the streets the other words find, and one the map lacks is placed along its
// street and says so (house_numbers.cc). Junctions ("junction of X and Y", "X / Y", "X j/w Y")
// are found where streets of the two names meet or pass within 30 m (dual carriageways). One
// place mapped twice is shown once; numbers sort as numbers. In memory; built at start.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/graph_file.h"
#include "geo/place.h"

namespace peel::geo {

struct Candidate {
  Place place;
  double score = 0;  // 0..1, best first
  // A house number the map does not have, placed along its street from the numbers it has;
  // `note` says so ("No 5 on the map: placed between 3 and 7 Calborough Street").
  bool interpolated = false;
  std::string note{};
};

// Whether the first candidate stands clearly above the rest, so that a screen may take it on
// Enter without the caller's place being checked: a place on the map (not interpolated),
// kClearLead ahead of the second.
inline constexpr double kClearLead = 0.05;
bool clearly_first(const std::vector<Candidate>& found);

class Gazetteer {
 public:
  // `map` (may be null) lets junction queries find where streets meet.
  Gazetteer(std::vector<Place> places, const MapView* map);

  std::vector<Candidate> search(std::string_view text, size_t limit) const;
  // The nearest address within `max_m`, or null.
  const Place* nearest_address(LatLon at, double max_m) const;
  // The named area (suburb, district, town: places of kind kPlace) nearest `at`, or null when
  // the map names none. The areas an operating picture counts by.
  const Place* nearest_area(LatLon at) const;
  size_t size() const { return places_.size(); }
  const std::vector<Place>& places() const { return places_; }

 private:
  struct TokenMatch {
    uint32_t token;
    double similarity;
  };
  // One candidate place and how well each query word (up to 8) matched it.
  struct Hit {
    uint32_t place;
    std::array<float, 8> per_word;
  };
  std::vector<TokenMatch> matches_of(const std::string& word, bool as_prefix) const;
  void add_hits(std::vector<Hit>& hits, size_t word, const std::vector<TokenMatch>& matches,
                bool streets_only) const;
  void mark_hits(std::vector<Hit>& hits, size_t word, std::vector<TokenMatch> matches) const;
  std::span<const uint32_t> tokens_of(uint32_t place) const {
    return {place_tokens_.data() + place_token_starts_[place],
            place_token_starts_[place + 1] - place_token_starts_[place]};
  }
  std::vector<Candidate> search_tokens(const std::vector<std::string>& words, size_t limit,
                                       bool streets_only) const;
  std::vector<Candidate> search_junction(const std::string& first, const std::string& second,
                                         size_t limit) const;
  // `street` with a house number it does not have, placed from the numbers it has.
  Candidate interpolated(const Candidate& street, std::string_view number) const;
  // When the best street found lacks the number asked for, the number placed on it goes just
  // above it (house_numbers.cc).
  void place_missing_number(std::vector<Candidate>& found, std::string_view number,
                            size_t limit) const;
  // The street type each place's name ends in, as an index into street_types_ (0: none).
  uint16_t street_type_index(const std::string& type);

  std::vector<Place> places_;
  // Forward index: the sorted dictionary words of place p are
  // place_tokens_[place_token_starts_[p] .. place_token_starts_[p + 1]).
  std::vector<uint32_t> place_token_starts_;
  std::vector<uint32_t> place_tokens_;
  std::vector<std::string> tokens_;                                   // sorted dictionary
  std::vector<std::vector<uint32_t>> postings_;                       // per token: places
  std::unordered_map<std::string, std::vector<uint32_t>> deletions_;  // one letter off -> tokens
  const MapView* map_ = nullptr;
  std::unordered_map<std::string, std::vector<uint32_t>> street_nodes_;  // name -> sorted nodes
  std::unordered_map<int64_t, std::vector<uint32_t>> address_cells_;
  std::vector<uint32_t> areas_;  // places of kind kPlace: a few hundred even for London
  std::unordered_map<std::string, std::vector<uint32_t>> addresses_by_street_;
  std::vector<std::string> street_types_{""};
  std::vector<uint16_t> place_street_type_;
  std::vector<uint8_t> place_number_words_;  // words in each place's house number
};

}  // namespace peel::geo
