// Travel profiles: how fast each road is driven. Normal traffic drives at the road's speed;
// on blue lights a vehicle goes faster by a factor that depends on the class of road (a
// motorway gains less than a main road where traffic pulls over). Factors are configurable.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/result.h"
#include "geo/contraction.h"
#include "geo/road_network.h"

namespace peel::geo {

enum class Profile { kNormal, kEmergency };
inline constexpr int kProfileCount = 2;

const char* profile_name(Profile profile);
Result<Profile> parse_profile(const std::string& name);

struct SpeedFactors {
  std::array<double, kRoadClassCount> by_class{};

  static SpeedFactors normal();
  static SpeedFactors emergency_defaults();
};

// Milliseconds to drive a segment at `speed_kmh` times `factor`; at least 1.
uint32_t travel_ms(double meters, int speed_kmh, double factor);

// The directed arcs of the network with their times for a profile, one-way streets respected.
std::vector<Arc> arcs_of(const RoadNetwork& network, const SpeedFactors& factors);

}  // namespace peel::geo
