// Where a unit is along its road route after some time: the route's points, travelled at the
// route's own average speed (its seconds come from the routing profile).
#pragma once

#include <vector>

#include "geo/road_network.h"

namespace peel::sim {

class RouteFollower {
 public:
  RouteFollower() = default;
  RouteFollower(std::vector<geo::LatLon> points, double seconds);

  // The point reached `elapsed` seconds after setting off (the end once there).
  geo::LatLon at(double elapsed) const;
  bool arrived(double elapsed) const { return elapsed >= seconds_; }
  double seconds() const { return seconds_; }

 private:
  std::vector<geo::LatLon> points_;
  std::vector<double> cumulative_m_;  // distance from the start to each point
  double seconds_ = 0;
};

}  // namespace peel::sim
