// The point grid finds everything within a distance, once each, as reading every point would.
#include "geo/point_grid.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace peel::geo {
namespace {

TEST(PointGrid, FindsWhatIsWithinReachAsABruteForceSearchWould) {
  std::mt19937 random(4);
  std::uniform_real_distribution<double> lat(51.40, 51.60), lon(-0.30, 0.05);
  std::vector<LatLon> points;
  PointGrid<size_t> grid;
  for (size_t i = 0; i < 20'000; ++i) {
    points.push_back({lat(random), lon(random)});
    grid.add(i, points.back());
  }
  for (double radius : {10.0, 50.0, 250.0, 1'500.0}) {
    for (int q = 0; q < 100; ++q) {
      const LatLon at{lat(random), lon(random)};
      auto found = grid.near(at, radius);
      std::sort(found.begin(), found.end());
      EXPECT_TRUE(std::adjacent_find(found.begin(), found.end()) == found.end())
          << "each point once";
      for (size_t i = 0; i < points.size(); ++i) {
        if (distance_m(at, points[i]) <= radius) {
          EXPECT_TRUE(std::binary_search(found.begin(), found.end(), i))
              << "point " << i << " within " << radius << " m";
        }
      }
    }
  }
}

}  // namespace
}  // namespace peel::geo
