// Gazetteer entries: what a caller may name to say where they are.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "geo/road_network.h"

namespace peel::geo {

enum class PlaceKind { kStreet, kAddress, kPlace, kPoi };

const char* place_kind_name(PlaceKind kind);
Result<PlaceKind> parse_place_kind(const std::string& name);

struct Place {
  PlaceKind kind = PlaceKind::kPlace;
  std::string name;      // as shown: "10 Downing Street", "Kentish Town Police Station"
  std::string category;  // streets: road class; POIs: "police", "hospital", ...; places: "suburb"
  std::string housenumber;  // addresses only
  std::string street;       // addresses: the street; POIs: the street if known
  LatLon at;
};

// Whether this is the address with that house number ("12a" is "12A"), as a caller says it.
bool has_house_number(const Place& place, std::string_view number);

// One entry per named street: the segments of one name that touch each other form one street
// (two "High Street"s in different districts are two entries), placed at its middle segment.
std::vector<Place> street_places(const RoadNetwork& network);

}  // namespace peel::geo
