// A roster for a shift scheduling instance, and the independent check of it: which hard rules it
// breaks (each named with the employee and day) and its penalty, the benchmark's objective.
// The solver keeps its own running figures; this recomputes everything from the roster alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "duty/shift_instance.h"

namespace peel::duty {

constexpr int kOff = -1;

struct Roster {
  std::vector<std::vector<int>> shift;  // [employee][day]: a shift index, or kOff

  static Roster all_off(const ShiftInstance& instance) {
    return {std::vector<std::vector<int>>(
        instance.staff.size(), std::vector<int>(static_cast<size_t>(instance.days), kOff))};
  }
};

struct RosterCheck {
  std::vector<std::string> broken;  // hard rules broken; empty when the roster is feasible
  long long penalty = 0;            // requests not met and cover missed, weighted
  long long request_penalty = 0, cover_penalty = 0;

  bool feasible() const { return broken.empty(); }
};

RosterCheck check_roster(const ShiftInstance& instance, const Roster& roster);

// One row `employee,day,shift` per worked day, day counted from 0 (peel duty solve --out).
std::string roster_csv(const ShiftInstance& instance, const Roster& roster);
// The same format back; errors name the line.
Result<Roster> read_roster_csv(const ShiftInstance& instance, std::string_view text);

}  // namespace peel::duty
