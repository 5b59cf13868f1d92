// Synthetic demand follows the day's curve and a force's mix of grades, reproducibly; a unit on
// its route is where its time says.
#include "sim/demand.h"

#include <gtest/gtest.h>

#include <map>

#include "sim/route_follower.h"

namespace peel::sim {
namespace {

std::vector<geo::LatLon> grid() {
  std::vector<geo::LatLon> places;
  places.reserve(100);
  for (int i = 0; i < 100; ++i) places.push_back({51.5 + i * 1e-4, -0.12});
  return places;
}

TEST(SyntheticDemand, FollowsTheDaysCurveAndIsReproducible) {
  DemandOptions o;
  o.calls_per_day = 16'000;
  o.duration_seconds = 24 * 3600;
  const auto calls = synthetic_calls(o, grid());
  EXPECT_NEAR(static_cast<double>(calls.size()), 16'000, 400) << "a day at London's volume";
  std::map<int, int> per_hour;
  std::map<std::string, int> grades;
  for (const auto& c : calls) {
    ++per_hour[static_cast<int>(c.at_seconds / 3600)];
    ++grades[c.grade];
    EXPECT_GE(c.scene_minutes, 5);
    EXPECT_LE(c.scene_minutes, 120);
  }
  EXPECT_LT(per_hour[5], per_hour[18] / 2) << "quiet before dawn, busy in the evening";
  EXPECT_NEAR(per_hour[18], calls_per_hour(16'000, 18), 120);
  for (const char* g : {"I", "S", "E", "R"}) EXPECT_GT(grades[g], 500) << g;
  EXPECT_GT(grades["S"], grades["R"]);
  for (size_t i = 1; i < calls.size(); ++i) ASSERT_GE(calls[i].at_seconds, calls[i - 1].at_seconds);

  const auto again = synthetic_calls(o, grid());
  ASSERT_EQ(again.size(), calls.size());
  EXPECT_EQ(again.back().classification, calls.back().classification);
  o.seed = 2;
  EXPECT_NE(synthetic_calls(o, grid()).size(), calls.size());
}

TEST(SyntheticDemand, StartsAtTheGivenHour) {
  DemandOptions o;
  o.calls_per_day = 24'000;
  o.duration_seconds = 3600;
  o.start_hour = 4;
  const auto dawn = synthetic_calls(o, grid()).size();
  o.start_hour = 17;
  const auto evening = synthetic_calls(o, grid()).size();
  EXPECT_LT(dawn * 2, evening);
}

TEST(RouteFollower, MovesAlongTheRouteAtItsPace) {
  // 0.001 degrees of latitude north (~111 m), then as far east; 20 s in all.
  const RouteFollower route({{51.500, -0.12}, {51.501, -0.12}, {51.501, -0.1184}}, 20);
  EXPECT_NEAR(route.at(0).lat, 51.500, 1e-9);
  EXPECT_NEAR(route.at(5).lat, 51.5005, 2e-5) << "a quarter of the time, half the first leg";
  EXPECT_NEAR(route.at(15).lon, -0.1192, 2e-5);
  EXPECT_FALSE(route.arrived(19.9));
  EXPECT_TRUE(route.arrived(20));
  EXPECT_NEAR(route.at(99).lon, -0.1184, 1e-9);
}

}  // namespace
}  // namespace peel::sim
