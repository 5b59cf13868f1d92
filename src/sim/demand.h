// Synthetic demand: calls for service as a force receives them, for a town with no recorded
// calls at hand. Arrivals follow a day's curve (quiet before dawn, busiest in the evening), the
// grades and kinds of call a large force sees, at places spread over the town.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "geo/road_network.h"

namespace peel::sim {

struct Call {
  double at_seconds = 0;  // after the simulation's start, in simulated time
  std::string classification;
  std::string grade;  // "I", "S", "E", "R"
  geo::LatLon location;
  std::string address;        // when set (a recorded call without coordinates), used instead
  double scene_minutes = 30;  // how long the first unit stays at scene
};

struct DemandOptions {
  double calls_per_day = 16'000;  // London: about 16,000
  double start_hour = 0;          // the simulated clock's hour of day at the start (0..24)
  double duration_seconds = 3600;
  unsigned seed = 1;
};

// Calls in time order. `places`: where calls may come from (points on roads); REQUIRES: not empty.
std::vector<Call> synthetic_calls(const DemandOptions& options,
                                  const std::vector<geo::LatLon>& places);

// Calls per hour at `hour_of_day` for `calls_per_day` (the day's curve).
double calls_per_hour(double calls_per_day, double hour_of_day);

}  // namespace peel::sim
