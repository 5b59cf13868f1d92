#include "geo/segment_index.h"

#include <gtest/gtest.h>

#include <random>

#include "geo/synth.h"

namespace peel::geo {
namespace {

// The nearest road by looking at every one: what the grid search must agree with.
double nearest_by_brute_force(const MapView& map, LatLon at) {
  double best = 1e18;
  for (const Segment& s : map.segments) {
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

}  // namespace
}  // namespace peel::geo
