#include "geo/profile.h"

#include <cmath>

namespace peel::geo {

const char* profile_name(Profile profile) {
  return profile == Profile::kNormal ? "normal" : "emergency";
}

Result<Profile> parse_profile(const std::string& name) {
  if (name == "normal") return Profile::kNormal;
  if (name == "emergency") return Profile::kEmergency;
  return Error::invalid("profile", "must be normal or emergency");
}

SpeedFactors SpeedFactors::normal() {
  SpeedFactors f;
  f.by_class.fill(1.0);
  return f;
}

SpeedFactors SpeedFactors::emergency_defaults() {
  // Motorway, trunk, primary, secondary, tertiary, unclassified, residential, living street,
  // service: most gained where traffic can pull over, least on narrow or already fast roads.
  return {{1.2, 1.3, 1.5, 1.5, 1.4, 1.3, 1.3, 1.2, 1.1}};
}

uint32_t travel_ms(double meters, int speed_kmh, double factor) {
  const double ms = meters / (speed_kmh * factor / 3.6) * 1000.0;
  return std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(ms)));
}

std::vector<Arc> arcs_of(const RoadNetwork& network, const SpeedFactors& factors) {
  std::vector<Arc> arcs;
  arcs.reserve(network.segments.size() * 2);
  for (const Segment& s : network.segments) {
    const uint32_t ms =
        travel_ms(s.meters, s.speed_kmh, factors.by_class.at(static_cast<size_t>(s.road_class)));
    if (s.forward) arcs.push_back({s.from, s.to, ms});
    if (s.backward) arcs.push_back({s.to, s.from, ms});
  }
  return arcs;
}

}  // namespace peel::geo
