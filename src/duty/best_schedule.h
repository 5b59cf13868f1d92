// The best schedule for one member of staff alone, given what each shift on each day would cost:
// a resource-constrained shortest path over the days (labels carry the run of work or rest,
// minutes, weekends and counts of the limited shift types), exact up to a budget of labels per
// day. Every hard rule of the instance is about one person, so any mix of schedules this returns
// is a feasible roster.
#pragma once

#include <optional>
#include <vector>

#include "duty/shift_instance.h"

namespace peel::duty {

constexpr int kFree = -2;

struct ScheduleCosts {
  std::vector<long long> work;  // [day * shifts + shift]: what working it costs (may be negative)
  // [day]: kFree, or the shift (or kOff) the schedule must keep that day; empty: all free.
  std::vector<int> keep;
};

// nullopt when no schedule keeps the rules (or none was found with up to 64 times the label
// budget). labels_per_day bounds the work: more finds better schedules on long, varied horizons.
std::optional<std::vector<int>> best_schedule(const ShiftInstance& instance, size_t employee,
                                              const ScheduleCosts& costs, size_t labels_per_day);

}  // namespace peel::duty
