// Things at points, found by distance without looking at all of them: each is filed under its
// grid cell (road_network.h, about 200 m), and a search reads only the cells a circle touches.
// Callers still measure each candidate: the cells overshoot the circle.
#pragma once

#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "geo/road_network.h"

namespace peel::geo {

template <typename Id>
class PointGrid {
 public:
  void add(const Id& id, LatLon at) { cells_[grid_cell(at)].push_back(id); }

  // Everything filed within `meters` of `at`, and some a little further.
  std::vector<Id> near(LatLon at, double meters) const {
    constexpr double kMetersPerDegree = 111'320;
    const double dlat = meters / kMetersPerDegree;
    const double dlon =
        meters / (kMetersPerDegree * std::max(0.01, std::cos(at.lat * M_PI / 180.0)));
    std::vector<Id> out;
    auto index = [](double degrees) {
      return static_cast<int64_t>(std::floor(degrees / kGridCellDegrees));
    };
    for (int64_t y = index(at.lat - dlat); y <= index(at.lat + dlat); ++y) {
      for (int64_t x = index(at.lon - dlon); x <= index(at.lon + dlon); ++x) {
        // The cell's centre names the cell.
        const LatLon centre{(static_cast<double>(y) + 0.5) * kGridCellDegrees,
                            (static_cast<double>(x) + 0.5) * kGridCellDegrees};
        const auto it = cells_.find(grid_cell(centre));
        if (it != cells_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
      }
    }
    return out;
  }

 private:
  std::unordered_map<int64_t, std::vector<Id>> cells_;
};

}  // namespace peel::geo
