#include "sim/route_follower.h"

#include <algorithm>

namespace peel::sim {

RouteFollower::RouteFollower(std::vector<geo::LatLon> points, double seconds)
    : points_(std::move(points)), seconds_(seconds) {
  cumulative_m_.reserve(points_.size());
  double total = 0;
  for (size_t i = 0; i < points_.size(); ++i) {
    if (i > 0) total += geo::distance_m(points_[i - 1], points_[i]);
    cumulative_m_.push_back(total);
  }
}

geo::LatLon RouteFollower::at(double elapsed) const {
  if (points_.empty()) return {};
  if (seconds_ <= 0 || elapsed >= seconds_ || points_.size() == 1) return points_.back();
  const double wanted = cumulative_m_.back() * std::max(0.0, elapsed) / seconds_;
  const auto next = std::upper_bound(cumulative_m_.begin(), cumulative_m_.end(), wanted);
  if (next == cumulative_m_.end()) return points_.back();
  const auto i = static_cast<size_t>(next - cumulative_m_.begin());
  const double span = cumulative_m_[i] - cumulative_m_[i - 1];
  const double f = span > 0 ? (wanted - cumulative_m_[i - 1]) / span : 0;
  return {points_[i - 1].lat + f * (points_[i].lat - points_[i - 1].lat),
          points_[i - 1].lon + f * (points_[i].lon - points_[i - 1].lon)};
}

}  // namespace peel::sim
