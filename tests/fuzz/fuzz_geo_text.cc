// libFuzzer target: what a caller or a client types, as the geo part reads it — gazetteer
// search text (junction phrases, abbreviations, accents, typos), "LAT,LON" points, profile
// names and OpenStreetMap maxspeed values. Any crash, sanitizer report or uncaught exception
// is a bug.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "geo/gazetteer.h"
#include "geo/osm_import.h"
#include "geo/profile.h"
#include "geo/synth.h"

namespace {

struct World {
  peel::geo::SynthTown town;
  std::unique_ptr<peel::geo::Gazetteer> gazetteer;

  World() {
    peel::geo::SynthOptions options;
    options.junctions = 400;
    town = peel::geo::synthesize(options);
    auto places = peel::geo::street_places(town.network);
    places.insert(places.end(), town.places.begin(), town.places.end());
    gazetteer = std::make_unique<peel::geo::Gazetteer>(std::move(places), nullptr);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto found = world.gazetteer->search(text, 10);
  for (const auto& c : found) {
    if (!(c.score >= 0 && c.score <= 1.0001)) __builtin_trap();  // scores are 0..1
  }
  (void)peel::geo::parse_lat_lon("at", text);
  (void)peel::geo::parse_profile(text);
  (void)peel::geo::parse_maxspeed_kmh(text);
  return 0;
}
