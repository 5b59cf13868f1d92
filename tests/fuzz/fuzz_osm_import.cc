// libFuzzer target: arbitrary bytes as an OpenStreetMap extract, through the whole import —
// libosmium's PBF / XML / bzip2 readers, the road, turn restriction and gazetteer builder,
// contraction of the graph, the gazetteer index and one search. The first byte picks the
// format, so one corpus covers all three. A map or a clear error is fine; any crash,
// sanitizer report or uncaught exception is a bug.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "geo/gazetteer.h"
#include "geo/osm_import.h"
#include "geo/profile.h"
#include "geo/turns.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace peel::geo;
  if (size < 1) return 0;
  static const std::array<const char*, 3> kFormats = {"pbf", "osm", "osm.bz2"};
  const char* format = kFormats.at(data[0] % kFormats.size());
  auto map = import_osm_bytes({reinterpret_cast<const char*>(data + 1), size - 1}, format);
  if (!map.ok()) return 0;
  const TurnTable turns = turn_table(map->network);
  const uint32_t n = turns.view().node_count();
  const auto ch =
      contract(n, routing_arcs(map->network, SpeedFactors::emergency_defaults(), turns.view()),
               routing_keys(map->network, turns.view()));
  auto places = street_places(map->network);
  places.insert(places.end(), map->places.begin(), map->places.end());
  const Gazetteer gazetteer(places, nullptr);
  if (!places.empty()) gazetteer.search(places.front().name, 5);
  return ch.node_of.size() == n ? 0 : 1;
}
