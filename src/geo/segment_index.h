// A grid over the road segments: snapping a point to the nearest road that routes reach
// (connected.h), the roads near a point and the roads in a box.
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "geo/graph_file.h"

namespace peel::geo {

struct Snap {
  uint32_t segment = 0;
  double fraction = 0;  // 0 at the segment's `from`, 1 at its `to`
  LatLon point;         // the nearest point on the road
  double distance_m = 0;
};

class SegmentIndex {
 public:
  explicit SegmentIndex(const MapView& map);

  // The nearest road within `max_m` that can be driven to and from the rest of the map, or
  // nullopt.
  std::optional<Snap> nearest(LatLon at, double max_m) const;
  // Every road within `max_m` (keep it to tens of metres), nearest first, routable or not.
  std::vector<Snap> within(LatLon at, double max_m) const;
  // Whether snapping may pick segment `i` (connected.h).
  bool routable(uint32_t i) const { return routable_[i]; }
  // Segments with an end inside the box, at most `limit`.
  std::vector<uint32_t> in_box(LatLon south_west, LatLon north_east, size_t limit) const;

 private:
  const MapView& map_;
  std::unordered_map<int64_t, std::vector<uint32_t>> cells_;
  std::vector<bool> routable_;  // per segment (connected.h)
};

}  // namespace peel::geo
