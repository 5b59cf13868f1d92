// A roster for a shift scheduling instance that keeps every hard rule and keeps the penalty low:
// large-neighbourhood search whose repair is exact per person. Each move frees a few people's
// schedules and rebuilds them one at a time with best_schedule, pricing each shift by what it
// does to cover given everyone else; moves that do not make the roster worse are kept, and now
// and then a worse one (simulated annealing) so the search leaves local optima. Several searches
// may run side by side, each taking up the best roster of all when it falls behind.
#pragma once

#include <cstdint>
#include <functional>

#include "duty/roster_check.h"
#include "duty/shift_instance.h"

namespace peel::duty {

struct SolveOptions {
  double seconds = 60;
  uint64_t seed = 1;
  // Told of each better roster found: its penalty and the seconds since the start.
  std::function<void(long long penalty, double seconds)> on_better;
  // Labels kept per day when one person's schedule is rebuilt (best_schedule): more finds
  // better schedules on long, varied horizons and costs time per move.
  size_t labels_per_day = 500;
  // Searches side by side, each from its own seed (seed, seed + 1, ...), sharing the best
  // roster found every few seconds: one per core the machine can give.
  int threads = 1;
};

struct SolveResult {
  Roster roster;
  long long penalty = 0;
  double seconds_to_best = 0;
  size_t moves = 0;
};

// Error::invalid when someone's rules admit no schedule at all.
Result<SolveResult> solve_roster(const ShiftInstance& instance, const SolveOptions& options);

}  // namespace peel::duty
