// A house number the map does not have: a caller says "5 Calborough Street", the map has 3 and
// 7. The number is placed on the straight line between its neighbours of the same side (odd or
// even), in proportion to the numbers, and the candidate says so; with a neighbour on one side
// only it is placed at that neighbour; with none, at the street's middle. Routing snaps the
// point to the street, so the line between two houses is close enough.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "geo/gazetteer.h"

namespace peel::geo {

namespace {

// Streets of one name in two districts are two streets: an address this far from the street's
// middle is another's.
constexpr double kSameStreet = 2'500;

std::optional<int> number_of(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  return value;
}

struct Numbered {
  int number;
  const Place* place;
};

}  // namespace

Candidate Gazetteer::interpolated(const Candidate& street, std::string_view number) const {
  const int wanted = number_of(number).value_or(0);
  std::vector<Numbered> known;
  if (const auto it = addresses_by_street_.find(street.place.name);
      it != addresses_by_street_.end()) {
    for (uint32_t i : it->second) {
      const Place& address = places_[i];
      const auto n = number_of(address.housenumber);
      if (n && distance_m(address.at, street.place.at) <= kSameStreet)
        known.push_back({*n, &address});
    }
  }
  // Neighbours on the same side of the street first; either side when that side has none.
  auto neighbours = [&](bool same_side) {
    std::optional<Numbered> below, above;
    for (const auto& k : known) {
      if (same_side && (k.number - wanted) % 2 != 0) continue;
      if (k.number < wanted && (!below || k.number > below->number)) below = k;
      if (k.number > wanted && (!above || k.number < above->number)) above = k;
    }
    return std::pair{below, above};
  };
  auto [below, above] = neighbours(true);
  if (!below && !above) std::tie(below, above) = neighbours(false);

  Candidate out{street.place, street.score, true};
  out.place.kind = PlaceKind::kAddress;
  out.place.name = std::string(number) + " " + street.place.name;
  out.place.housenumber = std::string(number);
  out.place.street = street.place.name;
  out.place.category = "interpolated";
  const std::string missing = fmt::format("No {} on the map", number);
  if (below && above) {
    const double share =
        static_cast<double>(wanted - below->number) / (above->number - below->number);
    out.place.at = {below->place->at.lat + share * (above->place->at.lat - below->place->at.lat),
                    below->place->at.lon + share * (above->place->at.lon - below->place->at.lon)};
    out.note = fmt::format("{}: placed between {} and {} {}", missing, below->number, above->number,
                           street.place.name);
  } else if (below || above) {
    const Numbered& nearest = below ? *below : *above;
    out.place.at = nearest.place->at;
    out.note =
        fmt::format("{}: placed at {}, the nearest number it has", missing, nearest.place->name);
  } else {
    out.note = fmt::format("{}: the map has no numbers on {}, placed at its middle", missing,
                           street.place.name);
  }
  return out;
}

void Gazetteer::place_missing_number(std::vector<Candidate>& found, std::string_view number,
                                     size_t limit) const {
  const auto street = std::find_if(found.begin(), found.end(), [](const Candidate& c) {
    return c.place.kind == PlaceKind::kStreet;
  });
  if (street == found.end()) return;
  if (const auto it = addresses_by_street_.find(street->place.name);
      it != addresses_by_street_.end()) {
    for (uint32_t i : it->second) {
      if (has_house_number(places_[i], number) &&
          distance_m(places_[i].at, street->place.at) <= kSameStreet)
        return;  // the map has it: it ranks on its own
    }
  }
  Candidate placed = interpolated(*street, number);
  found.insert(street, std::move(placed));
  if (found.size() > limit) found.resize(limit);
}

}  // namespace peel::geo
