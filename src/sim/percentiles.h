// The median and 90th percentile (nearest rank) of each grade's times in minutes, written into
// the grade's outcome: response times by default, or another pair of its fields (received to
// dispatched). Private to the simulator.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/statistics.h"
#include "sim/sim.h"

namespace peel::sim {

using OutcomeMinutes = std::optional<double> GradeOutcome::*;

// Sorts each grade's times in place.
inline void add_percentiles(std::map<std::string, std::vector<double>>& times,
                            std::map<std::string, GradeOutcome>& out,
                            OutcomeMinutes median = &GradeOutcome::median_minutes,
                            OutcomeMinutes p90 = &GradeOutcome::p90_minutes) {
  for (auto& [grade, list] : times) {
    std::sort(list.begin(), list.end());
    out[grade].*median = nearest_rank(list, 0.5);
    out[grade].*p90 = nearest_rank(list, 0.9);
  }
}

}  // namespace peel::sim
