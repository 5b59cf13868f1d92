#include "geo/gazetteer.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "geo/text_match.h"

namespace peel::geo {

namespace {

// A word in more places than this only ranks the places rarer words found: on its own it
// would touch half the town ("road", "st", the house number "1").
constexpr size_t kAddingWord = 4'000;

double kind_weight(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kPoi:
      return 1.0;
    case PlaceKind::kPlace:
      return 0.99;
    case PlaceKind::kStreet:
      return 0.98;
    case PlaceKind::kAddress:
      return 0.97;
  }
  return 1.0;
}

// Places of one kind and name closer than this are one place shown once.
constexpr double kSameName = 150;
// Streets that come this close meet (the far carriageway of a dual carriageway is ~20 m off);
// meeting points this close are one junction.
constexpr double kNearlyMeet = 30;
constexpr double kOneJunction = 60;

// How a place ranks when the caller gave a house number: that address first, then the street
// (where the number will be placed), then other numbers on it and other places.
double number_weight(const Place& place, std::string_view number) {
  switch (place.kind) {
    case PlaceKind::kAddress:
      return has_house_number(place, number) ? 1.0 : 0.88;
    case PlaceKind::kStreet:
      return 0.95;
    case PlaceKind::kPoi:
      return 0.94;
    case PlaceKind::kPlace:
      return 0.93;
  }
  return 1.0;
}

}  // namespace

Gazetteer::Gazetteer(std::vector<Place> places, const MapView* map)
    : places_(std::move(places)), map_(map) {
  std::map<std::string, std::vector<uint32_t>> postings;
  place_street_type_.reserve(places_.size());
  place_number_words_.reserve(places_.size());
  for (uint32_t i = 0; i < places_.size(); ++i) {
    auto words = normalized_tokens(places_[i].name);
    place_street_type_.push_back(street_type_index(street_type_in(words)));
    place_number_words_.push_back(static_cast<uint8_t>(
        std::min<size_t>(255, normalized_tokens(places_[i].housenumber).size())));
    if (places_[i].kind == PlaceKind::kAddress && !places_[i].street.empty())
      addresses_by_street_[places_[i].street].push_back(i);
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (auto& w : words) postings[w].push_back(i);
    if (places_[i].kind == PlaceKind::kAddress)
      address_cells_[grid_cell(places_[i].at)].push_back(i);
    if (places_[i].kind == PlaceKind::kPlace) areas_.push_back(i);
  }
  for (auto& [word, list] : postings) {
    const auto id = static_cast<uint32_t>(tokens_.size());
    if (word.size() >= 4) {
      for (size_t k = 0; k < word.size(); ++k)
        deletions_[word.substr(0, k) + word.substr(k + 1)].push_back(id);
    }
    tokens_.push_back(word);
    postings_.push_back(std::move(list));
  }
  // The forward index, filled in token order so that each place's words come out sorted.
  place_token_starts_.assign(places_.size() + 1, 0);
  for (const auto& list : postings_) {
    for (uint32_t place : list) ++place_token_starts_[place + 1];
  }
  for (size_t i = 1; i < place_token_starts_.size(); ++i)
    place_token_starts_[i] += place_token_starts_[i - 1];
  place_tokens_.resize(place_token_starts_.back());
  std::vector<uint32_t> next(place_token_starts_.begin(), place_token_starts_.end() - 1);
  for (uint32_t token = 0; token < postings_.size(); ++token) {
    for (uint32_t place : postings_[token]) place_tokens_[next[place]++] = token;
  }
  if (map_) {
    for (const Segment& s : map_->segments) {
      if (s.name == 0) continue;
      auto& nodes = street_nodes_[std::string(map_->names[s.name])];
      nodes.push_back(s.from);
      nodes.push_back(s.to);
    }
    for (auto& [name, nodes] : street_nodes_) {
      std::sort(nodes.begin(), nodes.end());
      nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    }
  }
}

uint16_t Gazetteer::street_type_index(const std::string& type) {
  if (type.empty()) return 0;
  const auto it = std::find(street_types_.begin(), street_types_.end(), type);
  if (it != street_types_.end()) return static_cast<uint16_t>(it - street_types_.begin());
  street_types_.push_back(type);
  return static_cast<uint16_t>(street_types_.size() - 1);
}

bool clearly_first(const std::vector<Candidate>& found) {
  if (found.empty() || found.front().interpolated) return false;
  return found.size() == 1 || found[0].score - found[1].score >= kClearLead - 1e-9;
}

std::vector<Gazetteer::TokenMatch> Gazetteer::matches_of(const std::string& word,
                                                         bool as_prefix) const {
  std::vector<TokenMatch> found;
  auto add = [&](uint32_t token, double similarity) {
    for (auto& f : found) {
      if (f.token == token) {
        f.similarity = std::max(f.similarity, similarity);
        return;
      }
    }
    found.push_back({token, similarity});
  };
  auto exact = std::lower_bound(tokens_.begin(), tokens_.end(), word);
  if (exact != tokens_.end() && *exact == word)
    add(static_cast<uint32_t>(exact - tokens_.begin()), 1.0);
  if (as_prefix && word.size() >= 2) {
    for (auto it = exact; it != tokens_.end() && it->starts_with(word) && found.size() < 64; ++it) {
      add(static_cast<uint32_t>(it - tokens_.begin()), 0.9);
    }
  }
  if (word.size() >= 4) {
    // Typos: a word and a dictionary word with one letter deleted from either (or both) agree.
    const int limit = word.size() >= 8 ? 2 : 1;
    auto consider = [&](const std::string& key) {
      if (auto it = deletions_.find(key); it != deletions_.end()) {
        for (uint32_t t : it->second) {
          const int d = edit_distance(word, tokens_[t], limit);
          if (d <= limit) add(t, d == 0 ? 1.0 : (d == 1 ? 0.8 : 0.6));
        }
      }
      auto direct = std::lower_bound(tokens_.begin(), tokens_.end(), key);
      if (direct != tokens_.end() && *direct == key)
        add(static_cast<uint32_t>(direct - tokens_.begin()), 0.8);
    };
    consider(word);
    for (size_t k = 0; k < word.size(); ++k) consider(word.substr(0, k) + word.substr(k + 1));
  }
  return found;
}

std::vector<Candidate> Gazetteer::search(std::string_view text, size_t limit) const {
  // "junction of A and B", "corner of A and B", "A / B", "A & B", "A junction with B".
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (std::string_view lead : {"junction of ", "corner of ", "junction ", "corner "}) {
    if (lower.starts_with(lead)) {
      lower.erase(0, lead.size());
      break;
    }
  }
  // "j/w" before "/", which it holds.
  for (std::string_view joint : {" junction with ", " jw ", " j/w ", " and ", " / ", " & ", "/"}) {
    if (const size_t at = lower.find(joint); at != std::string::npos && at > 0) {
      auto junctions = search_junction(lower.substr(0, at), lower.substr(at + joint.size()), limit);
      if (!junctions.empty()) return junctions;
    }
  }
  return search_tokens(normalized_tokens(text), limit, false);
}

std::vector<Candidate> Gazetteer::search_tokens(const std::vector<std::string>& raw_words,
                                                size_t limit, bool streets_only) const {
  std::vector<std::string> words(raw_words.begin(),
                                 raw_words.begin() + std::min<size_t>(raw_words.size(), 8));
  if (words.empty() || limit == 0) return {};
  // A house number ranks the addresses of the streets the other words find; it finds nothing
  // itself ("20" is in every street), and a number the map lacks is placed, not dropped.
  std::string number;
  size_t number_at = words.size();
  for (size_t i = 0; i < words.size() && words.size() > 1 && !streets_only; ++i) {
    if (is_house_number(words[i])) {
      number = words[i];
      number_at = i;
      break;
    }
  }
  // Per query word: its matching dictionary words, rarest first.
  struct Word {
    std::vector<TokenMatch> matches;
    size_t postings = 0;
    double weight = 1;
  };
  std::vector<Word> query(words.size());
  std::string typed_type;  // the street type the caller said, if any ("st" for "stret")
  const double total_places = static_cast<double>(places_.size()) + 1;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i == number_at) {
      query[i].weight = 0;
      continue;
    }
    const bool last = i + 1 == words.size();
    query[i].matches = matches_of(words[i], last);
    // A word the map does not know that is a street type misspelt or half typed ("stret",
    // "aven") reads as that type too; a word the map knows ("hall") keeps its own meaning.
    const bool known = std::binary_search(tokens_.begin(), tokens_.end(), words[i]);
    const std::string type =
        known ? street_type_of(words[i], false) : street_type_of(words[i], last);
    if (!type.empty() && i > 0) typed_type = type;
    if (!known && !type.empty()) {
      const auto it = std::lower_bound(tokens_.begin(), tokens_.end(), type);
      if (it != tokens_.end() && *it == type) {
        const auto token = static_cast<uint32_t>(it - tokens_.begin());
        auto same = std::find_if(query[i].matches.begin(), query[i].matches.end(),
                                 [&](const TokenMatch& m) { return m.token == token; });
        if (same == query[i].matches.end()) {
          query[i].matches.push_back({token, 0.95});
        } else {
          same->similarity = std::max(same->similarity, 0.95);
        }
      }
    }
    for (const auto& m : query[i].matches) query[i].postings += postings_[m.token].size();
    const double df = std::max<double>(1, static_cast<double>(query[i].postings));
    query[i].weight = std::log(total_places / df) + 1;  // rarer words tell more
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i != number_at) order.push_back(i);
  }
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return query[a].postings < query[b].postings; });

  // Candidates come from the rarer words; a common word ("st", "road") only ranks the
  // candidates already found, read from each candidate's own words.
  std::vector<Hit> hits;
  for (size_t i : order) {
    if (query[i].matches.empty()) continue;
    if (hits.empty() || query[i].postings <= kAddingWord) {
      add_hits(hits, i, query[i].matches, streets_only);
    } else {
      mark_hits(hits, i, query[i].matches);
    }
  }
  double total_weight = 0;
  for (const auto& q : query) total_weight += q.weight;
  const uint16_t typed_type_index = [&]() -> uint16_t {
    const auto it = std::find(street_types_.begin(), street_types_.end(), typed_type);
    return typed_type.empty() || it == street_types_.end()
               ? uint16_t{0}
               : static_cast<uint16_t>(it - street_types_.begin());
  }();
  std::vector<std::pair<double, uint32_t>> ranked;
  ranked.reserve(hits.size());
  for (const Hit& hit : hits) {
    const Place& place = places_[hit.place];
    double covered = 0;
    int matched = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      covered += hit.per_word[i] * query[i].weight;
      matched += hit.per_word[i] > 0 ? 1 : 0;
    }
    const double recall = covered / total_weight;
    // An address's own number ("14-18": two words) is not a word the caller left out.
    const size_t words_in_name = tokens_of(hit.place).size();
    const size_t own =
        words_in_name - std::min<size_t>(words_in_name, place_number_words_[hit.place]);
    const double precision = std::min(1.0, matched / std::max<double>(1, static_cast<double>(own)));
    double weight = kind_weight(place.kind);
    if (!number.empty()) weight = number_weight(place, number);
    // The street type said is part of the name: "Calborough Street" is not "Calborough Avenue".
    const uint16_t own_type = place_street_type_[hit.place];
    if (!typed_type.empty() && own_type != 0 && own_type != typed_type_index) weight *= 0.85;
    ranked.emplace_back((0.8 * recall + 0.2 * precision) * weight, hit.place);
  }
  // More than asked for, as places of one name close together are shown once.
  const size_t keep = std::min(limit * 3 + 8, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                    ranked.end(), [&](const auto& a, const auto& b) {
                      const double sa = std::round(a.first * 1000), sb = std::round(b.first * 1000);
                      if (sa != sb) return sa > sb;
                      return natural_less(places_[a.second].name, places_[b.second].name);
                    });
  std::vector<Candidate> out;
  out.reserve(limit + 1);
  for (size_t i = 0; i < keep && out.size() < limit; ++i) {
    const Place& place = places_[ranked[i].second];
    // The same address mapped on two entrances, or a street in two pieces, is one candidate.
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Candidate& c) {
      return c.place.kind == place.kind && c.place.name == place.name &&
             distance_m(c.place.at, place.at) < kSameName;
    });
    if (seen) continue;
    out.push_back({place, std::round(ranked[i].first * 1000) / 1000});
  }
  if (!number.empty()) place_missing_number(out, number, limit);
  return out;
}

void Gazetteer::add_hits(std::vector<Hit>& hits, size_t word,
                         const std::vector<TokenMatch>& matches, bool streets_only) const {
  std::vector<std::pair<uint32_t, float>> found;
  for (const auto& m : matches) {
    for (uint32_t place : postings_[m.token]) {
      if (streets_only && places_[place].kind != PlaceKind::kStreet) continue;
      found.emplace_back(place, static_cast<float>(m.similarity));
    }
  }
  if (matches.size() > 1) std::sort(found.begin(), found.end());
  // Merge into the hits, both ordered by place.
  std::vector<Hit> merged;
  merged.reserve(hits.size() + found.size());
  size_t h = 0;
  for (const auto& [place, similarity] : found) {
    while (h < hits.size() && hits[h].place < place) merged.push_back(hits[h++]);
    if (merged.empty() || merged.back().place != place) {
      if (h < hits.size() && hits[h].place == place) {
        merged.push_back(hits[h++]);
      } else {
        merged.push_back({place, {}});
      }
    }
    float& slot = merged.back().per_word[word];
    slot = std::max(slot, similarity);
  }
  merged.insert(merged.end(), hits.begin() + static_cast<std::ptrdiff_t>(h), hits.end());
  hits = std::move(merged);
}

void Gazetteer::mark_hits(std::vector<Hit>& hits, size_t word,
                          std::vector<TokenMatch> matches) const {
  std::sort(matches.begin(), matches.end(),
            [](const auto& a, const auto& b) { return a.token < b.token; });
  for (Hit& hit : hits) {
    for (uint32_t token : tokens_of(hit.place)) {
      auto it = std::lower_bound(matches.begin(), matches.end(), token,
                                 [](const TokenMatch& m, uint32_t t) { return m.token < t; });
      if (it != matches.end() && it->token == token) {
        float& slot = hit.per_word[word];
        slot = std::max(slot, static_cast<float>(it->similarity));
      }
    }
  }
}

std::vector<Candidate> Gazetteer::search_junction(const std::string& first,
                                                  const std::string& second, size_t limit) const {
  if (!map_) return {};
  const auto a = search_tokens(normalized_tokens(first), 5, true);
  const auto b = search_tokens(normalized_tokens(second), 5, true);
  std::vector<Candidate> out;
  auto point = [&](uint32_t node) { return map_->nodes[node].degrees(); };
  for (const auto& x : a) {
    for (const auto& y : b) {
      if (x.place.name == y.place.name) continue;
      const auto ia = street_nodes_.find(x.place.name);
      const auto ib = street_nodes_.find(y.place.name);
      if (ia == street_nodes_.end() || ib == street_nodes_.end()) continue;
      std::vector<LatLon> meeting;
      std::vector<uint32_t> common;
      std::set_intersection(ia->second.begin(), ia->second.end(), ib->second.begin(),
                            ib->second.end(), std::back_inserter(common));
      meeting.reserve(common.size());
      for (uint32_t node : common) meeting.push_back(point(node));
      if (meeting.empty()) {
        // A dual carriageway, or a street that stops short of the other: where they come
        // within kNearlyMeet of each other.
        for (uint32_t p : ia->second) {
          for (uint32_t q : ib->second) {
            if (distance_m(point(p), point(q)) <= kNearlyMeet) meeting.push_back(point(p));
          }
        }
      }
      const std::string name = "junction of " + x.place.name + " and " + y.place.name;
      const double score = std::round((x.score + y.score) / 2 * 1000) / 1000;
      for (const LatLon& at : meeting) {
        // The two carriageways of one crossing are one junction.
        const bool seen = std::any_of(out.begin(), out.end(), [&](const Candidate& c) {
          return c.place.name == name && distance_m(c.place.at, at) < kOneJunction;
        });
        if (seen) continue;
        out.push_back({{PlaceKind::kStreet, name, "junction", "", "", at}, score});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& l, const auto& r) { return l.score > r.score; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

const Place* Gazetteer::nearest_address(LatLon at, double max_m) const {
  const Place* best = nullptr;
  double best_m = max_m;
  for (int dy = -1; dy <= 1; ++dy) {
    for (int dx = -1; dx <= 1; ++dx) {
      const auto cell = grid_cell({at.lat + dy * kGridCellDegrees, at.lon + dx * kGridCellDegrees});
      auto it = address_cells_.find(cell);
      if (it == address_cells_.end()) continue;
      for (uint32_t i : it->second) {
        const double d = distance_m(at, places_[i].at);
        if (d <= best_m) {
          best_m = d;
          best = &places_[i];
        }
      }
    }
  }
  return best;
}

const Place* Gazetteer::nearest_area(LatLon at) const {
  const Place* best = nullptr;
  double best_m = 0;
  for (uint32_t i : areas_) {
    const double d = distance_m(at, places_[i].at);
    if (!best || d < best_m) {
      best_m = d;
      best = &places_[i];
    }
  }
  return best;
}

}  // namespace peel::geo
