#include "geo/segment_index.h"

#include <gtest/gtest.h>

#include <random>

#include "geo/connected.h"
#include "geo/synth.h"

namespace peel::geo {
namespace {

// The nearest road that routes reach, by looking at every one: what the grid search must agree
// with.
double nearest_by_brute_force(const MapView& map, LatLon at) {
  const std::vector<bool> routable = routable_segments(map);
  double best = 1e18;
  for (size_t i = 0; i < map.segments.size(); ++i) {
    const Segment& s = map.segments[i];
    if (!routable[i]) continue;
    const LatLon a = map.nodes[s.from].degrees(), b = map.nodes[s.to].degrees();
    for (int k = 0; k <= 200; ++k) {  // fine enough for segments of ~90 m: ~0.5 m steps
      const double f = k / 200.0;
      best = std::min(best,
                      distance_m(at, {a.lat + f * (b.lat - a.lat), a.lon + f * (b.lon - a.lon)}));
    }
  }
  return best;
}

TEST(SegmentIndex, SnapsToTheNearestRoadAndNothingBeyondReach) {
  SynthOptions options;
  options.junctions = 900;
  const auto built = build_map(synthesize(options).network, SpeedFactors::emergency_defaults());
  const MapView view = built.view();
  const SegmentIndex index(view);
  std::mt19937 random(9);
  // Points in and around the town (about 2.7 km across), some in blocks with no road.
  std::uniform_real_distribution<double> lat(51.490, 51.525), lon(-0.150, -0.105);
  for (int i = 0; i < 60; ++i) {
    const LatLon at{lat(random), lon(random)};
    const double expected = nearest_by_brute_force(view, at);
    const auto snap = index.nearest(at, 1000);
    if (expected > 1000.5) {
      EXPECT_FALSE(snap) << at.lat << "," << at.lon;
      continue;
    }
    ASSERT_TRUE(snap) << at.lat << "," << at.lon;
    EXPECT_NEAR(snap->distance_m, expected, 0.6) << at.lat << "," << at.lon;
  }
  EXPECT_FALSE(index.nearest({51.60, -0.1276}, 1000));  // 10 km north of the town
}

// One way round a block (0 -> 1 -> 2 -> 0) with a one-way spur out of it (2 -> 3) and a road
// on its own (4 - 5): only the block can be driven to and from.
TEST(SegmentIndex, OnlyRoadsThatCanBeDrivenToAndFromCount) {
  RoadNetwork network;
  for (int i = 0; i < 6; ++i) network.nodes.push_back(FixedPoint::of({51.5 + 0.001 * i, -0.1}));
  auto road = [&](uint32_t from, uint32_t to, bool both_ways) {
    network.segments.push_back({from, to, 100, 30, RoadClass::kResidential, true, both_ways, 0});
  };
  road(0, 1, false);
  road(1, 2, false);
  road(2, 0, false);
  road(2, 3, false);
  road(4, 5, true);
  const auto built = build_map(std::move(network), SpeedFactors::emergency_defaults());
  EXPECT_EQ(routable_segments(built.view()), (std::vector<bool>{true, true, true, false, false}));
}

}  // namespace
}  // namespace peel::geo
