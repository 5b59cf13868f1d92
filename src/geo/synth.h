// A synthetic town, so that Peel has a map where no OpenStreetMap extract is at hand (the demo,
// tests, and London-scale benchmarks). A jittered grid of streets with a hierarchy: trunk roads
// every few kilometres, main roads between them, local streets in between, some one-way, some
// missing (dead ends, parks); named streets in named districts, numbered addresses, and police
// stations, hospitals, schools and railway stations spread over the town.
#pragma once

#include <cstdint>
#include <vector>

#include "geo/place.h"
#include "geo/road_network.h"

namespace peel::geo {

struct SynthOptions {
  uint32_t junctions = 2'500;  // about this many nodes (a square grid)
  uint64_t seed = 1;
  LatLon centre{51.5072, -0.1276};
  double spacing_m = 90;  // between neighbouring junctions
};

struct SynthTown {
  RoadNetwork network;
  std::vector<Place> places;  // addresses, districts and points of interest (not streets)
};

SynthTown synthesize(const SynthOptions& options);

}  // namespace peel::geo
