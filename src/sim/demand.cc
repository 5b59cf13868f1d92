#include "sim/demand.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace peel::sim {

namespace {

// Share of a day's calls in each hour (a force's typical shape: lowest around 05:00, highest in
// the early evening); sums to 1.
constexpr std::array<double, 24> kHourShare = {
    0.040, 0.033, 0.027, 0.022, 0.019, 0.018, 0.022, 0.030, 0.038, 0.043, 0.046, 0.048,
    0.049, 0.050, 0.051, 0.053, 0.055, 0.057, 0.057, 0.055, 0.052, 0.050, 0.047, 0.044};

struct Kind {
  const char* classification;
  double weight;
  std::array<double, 4> grades;  // chance of I, S, E, R
};

// Kinds of call that any response unit can attend (no special capability), with how they tend
// to be graded.
const std::vector<Kind>& kinds() {
  static const std::vector<Kind> list = {
      {"anti_social_behaviour", 0.16, {0.05, 0.35, 0.45, 0.15}},
      {"theft", 0.13, {0.05, 0.25, 0.50, 0.20}},
      {"concern_for_welfare", 0.12, {0.35, 0.45, 0.15, 0.05}},
      {"domestic", 0.11, {0.40, 0.45, 0.15, 0.00}},
      {"assault", 0.09, {0.45, 0.40, 0.15, 0.00}},
      {"suspicious_activity", 0.09, {0.15, 0.40, 0.35, 0.10}},
      {"road_traffic_collision", 0.08, {0.35, 0.40, 0.20, 0.05}},
      {"burglary", 0.07, {0.30, 0.35, 0.30, 0.05}},
      {"mental_health", 0.06, {0.30, 0.50, 0.20, 0.00}},
      {"missing_person", 0.05, {0.25, 0.55, 0.20, 0.00}},
      {"robbery", 0.04, {0.60, 0.35, 0.05, 0.00}},
  };
  return list;
}

}  // namespace

double calls_per_hour(double calls_per_day, double hour_of_day) {
  const double h = std::fmod(std::fmod(hour_of_day, 24) + 24, 24);
  return calls_per_day * kHourShare[static_cast<size_t>(h) % 24];
}

std::vector<Call> synthetic_calls(const DemandOptions& o, const std::vector<geo::LatLon>& places) {
  std::mt19937_64 random(o.seed);
  std::uniform_real_distribution<double> unit(0, 1);
  const double peak = o.calls_per_day * *std::max_element(kHourShare.begin(), kHourShare.end());
  std::exponential_distribution<double> gap(peak / 3600.0);
  std::exponential_distribution<double> scene(1.0 / 30.0);  // minutes, mean 30
  double total_weight = 0;
  for (const auto& k : kinds()) total_weight += k.weight;

  std::vector<Call> calls;
  // Arrivals at the peak rate, each kept with the hour's share of it (thinning), so the rate
  // follows the day's curve exactly.
  for (double t = gap(random); t < o.duration_seconds; t += gap(random)) {
    const double hour = o.start_hour + t / 3600.0;
    if (unit(random) * peak > calls_per_hour(o.calls_per_day, hour)) continue;
    double pick = unit(random) * total_weight;
    const Kind* kind = &kinds().back();
    for (const auto& k : kinds()) {
      if ((pick -= k.weight) <= 0) {
        kind = &k;
        break;
      }
    }
    double g = unit(random);
    size_t grade = 0;
    while (grade < 3 && (g -= kind->grades[grade]) > 0) ++grade;
    Call call;
    call.at_seconds = t;
    call.classification = kind->classification;
    call.grade = std::string(1, "ISER"[grade]);
    call.location = places[static_cast<size_t>(unit(random) * static_cast<double>(places.size())) %
                           places.size()];
    call.scene_minutes = std::clamp(scene(random), 5.0, 120.0);
    calls.push_back(std::move(call));
  }
  return calls;
}

}  // namespace peel::sim
