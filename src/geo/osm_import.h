// Reads an OpenStreetMap extract (.osm.pbf, .osm, .osm.bz2) into a drivable road network and
// gazetteer entries.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "geo/place.h"
#include "geo/road_network.h"

namespace peel::geo {

struct ImportStats {
  size_t ways_read = 0;
  size_t drivable_ways = 0;
  size_t one_way_ways = 0;
  size_t restricted_ways = 0;            // dropped: access=no/private for motor vehicles
  size_t turn_restrictions = 0;          // applied (an only_* turn bans every other way on)
  size_t skipped_turn_restrictions = 0;  // via a way, or not on a road of the extract
};

struct ImportedMap {
  RoadNetwork network;
  std::vector<Place> places;  // addresses, named places and points of interest (not streets)
  ImportStats stats;
};

// Fails with a reason for a file that cannot be read, is damaged, or has no drivable roads.
Result<ImportedMap> import_osm(const std::string& path);
// The same from bytes in memory; `format` is "pbf", "osm" or "osm.bz2".
Result<ImportedMap> import_osm_bytes(std::string_view bytes, const std::string& format);

// "30 mph" -> 48, "50" -> 50, "walk" -> 0 (unknown: use the class default).
int parse_maxspeed_kmh(const std::string& value);

}  // namespace peel::geo
