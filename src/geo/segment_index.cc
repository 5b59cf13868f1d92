#include "geo/segment_index.h"

#include <algorithm>
#include <cmath>

#include "geo/connected.h"

namespace peel::geo {

namespace {
constexpr double kMetersPerDegree = 111'320.0;  // of latitude
}  // namespace

SegmentIndex::SegmentIndex(const MapView& map) : map_(map) {
  routable_ = routable_segments(map);
  for (uint32_t i = 0; i < map.segments.size(); ++i) {
    const LatLon a = map.nodes[map.segments[i].from].degrees();
    const LatLon b = map.nodes[map.segments[i].to].degrees();
    // Every cell the segment's box covers (segments are short: a few cells at most).
    for (double lat = std::min(a.lat, b.lat); lat <= std::max(a.lat, b.lat) + kGridCellDegrees;
         lat += kGridCellDegrees) {
      for (double lon = std::min(a.lon, b.lon); lon <= std::max(a.lon, b.lon) + kGridCellDegrees;
           lon += kGridCellDegrees) {
        auto& list = cells_[grid_cell(
            {std::min(lat, std::max(a.lat, b.lat)), std::min(lon, std::max(a.lon, b.lon))})];
        if (list.empty() || list.back() != i) list.push_back(i);
      }
    }
  }
}

namespace {

// The nearest point of segment `i` to `at`, compared in a flat projection around `at` (exact
// enough within a kilometre, and no trigonometry per road).
Snap project(const MapView& map, uint32_t i, LatLon at, double scale) {
  const Segment& s = map.segments[i];
  const LatLon a = map.nodes[s.from].degrees();
  const LatLon b = map.nodes[s.to].degrees();
  const double ax = (a.lon - at.lon) * scale, ay = a.lat - at.lat;
  const double bx = (b.lon - at.lon) * scale, by = b.lat - at.lat;
  const double dx = bx - ax, dy = by - ay;
  const double length2 = dx * dx + dy * dy;
  const double f = length2 > 0 ? std::clamp(-(ax * dx + ay * dy) / length2, 0.0, 1.0) : 0.0;
  const double px = ax + f * dx, py = ay + f * dy;
  return {i,
          f,
          {a.lat + f * (b.lat - a.lat), a.lon + f * (b.lon - a.lon)},
          std::sqrt(px * px + py * py) * kMetersPerDegree};
}

}  // namespace

std::optional<Snap> SegmentIndex::nearest(LatLon at, double max_m) const {
  std::optional<Snap> best;
  const double scale = std::max(std::cos(at.lat * M_PI / 180), 0.1);  // local flat projection
  const double cell_m = kGridCellDegrees * kMetersPerDegree * scale;  // the narrower side of a cell
  const int reach = static_cast<int>(std::ceil(max_m / cell_m)) + 1;
  auto consider = [&](int dx, int dy) {
    auto it =
        cells_.find(grid_cell({at.lat + dy * kGridCellDegrees, at.lon + dx * kGridCellDegrees}));
    if (it == cells_.end()) return;
    for (uint32_t i : it->second) {
      if (!routable_[i]) continue;
      const Snap snap = project(map_, i, at, scale);
      if (snap.distance_m <= max_m && (!best || snap.distance_m < best->distance_m)) best = snap;
    }
  };
  // Ring by ring outwards: once the best road is nearer than the next ring can be, stop.
  for (int ring = 0; ring <= reach; ++ring) {
    for (int dy = -ring; dy <= ring; ++dy) {
      for (int dx = -ring; dx <= ring; ++dx) {
        if (std::max(std::abs(dx), std::abs(dy)) == ring) consider(dx, dy);
      }
    }
    if (best && best->distance_m <= ring * cell_m) break;
  }
  // The winner's distance measured properly.
  if (best) best->distance_m = distance_m(at, best->point);
  return best;
}

std::vector<Snap> SegmentIndex::within(LatLon at, double max_m) const {
  std::vector<Snap> out;
  const double scale = std::max(std::cos(at.lat * M_PI / 180), 0.1);
  const double cell_m = kGridCellDegrees * kMetersPerDegree * scale;
  const int reach = static_cast<int>(std::ceil(max_m / cell_m)) + 1;
  for (int dy = -reach; dy <= reach; ++dy) {
    for (int dx = -reach; dx <= reach; ++dx) {
      auto it =
          cells_.find(grid_cell({at.lat + dy * kGridCellDegrees, at.lon + dx * kGridCellDegrees}));
      if (it == cells_.end()) continue;
      for (uint32_t i : it->second) {
        Snap snap = project(map_, i, at, scale);
        if (snap.distance_m > max_m) continue;
        snap.distance_m = distance_m(at, snap.point);
        out.push_back(snap);
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Snap& a, const Snap& b) {
    return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.segment < b.segment;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Snap& a, const Snap& b) { return a.segment == b.segment; }),
            out.end());
  return out;
}

std::vector<uint32_t> SegmentIndex::in_box(LatLon sw, LatLon ne, size_t limit) const {
  std::vector<uint32_t> out;
  for (double lat = sw.lat; lat <= ne.lat + kGridCellDegrees && out.size() < limit;
       lat += kGridCellDegrees) {
    for (double lon = sw.lon; lon <= ne.lon + kGridCellDegrees && out.size() < limit;
         lon += kGridCellDegrees) {
      auto it = cells_.find(grid_cell({std::min(lat, ne.lat), std::min(lon, ne.lon)}));
      if (it == cells_.end()) continue;
      for (uint32_t i : it->second) {
        const LatLon a = map_.nodes[map_.segments[i].from].degrees();
        if (a.lat >= sw.lat && a.lat <= ne.lat && a.lon >= sw.lon && a.lon <= ne.lon)
          out.push_back(i);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace peel::geo
