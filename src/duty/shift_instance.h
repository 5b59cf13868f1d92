// The shift scheduling benchmark format of Curtois & Qu (schedulingbenchmarks.org, Instance1..24):
// a horizon of days, shift types, staff with their contracts, fixed days off, weighted requests
// for and against shifts, and the cover wanted per day and shift. Read strictly: an error names
// the line and what is wrong with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace peel::duty {

struct ShiftType {
  std::string id;
  int minutes = 0;
  std::vector<bool> cannot_follow;  // by shift index: may that shift come the day after this one
};

struct StaffContract {
  std::string id;
  std::vector<int> max_shifts;  // by shift index
  int max_minutes = 0, min_minutes = 0;
  int max_consecutive = 0, min_consecutive = 0;  // shifts worked in a row
  int min_days_off = 0;                          // days off in a row
  int max_weekends = 0;                          // weekends with a shift on Saturday or Sunday
  std::vector<bool> day_off;                     // by day: a day that may not be worked
};

struct ShiftRequest {
  int employee = 0, day = 0, shift = 0, weight = 0;
};

struct Cover {
  int requirement = 0, under_weight = 0, over_weight = 0;

  // What `people` on the shift cost: each short of the requirement or over it, weighted.
  long long penalty_for(int people) const {
    return people < requirement ? static_cast<long long>(requirement - people) * under_weight
                                : static_cast<long long>(people - requirement) * over_weight;
  }
};

// Cover wanted of some of the staff only — those with a skill or of a rank — beside the cover of
// everyone. The benchmark's instances have none; Peel's roster planner adds one for each skill or
// rank its minimum staffing names.
struct CoverGroup {
  std::string need;          // "skill:taser"
  std::vector<bool> member;  // by employee
  std::vector<Cover> cover;  // days x shifts
  bool minimum = true;       // false: a level wanted beyond the minimum; short of it is no gap
};

struct ShiftInstance {
  int days = 0;  // day 0 is a Monday
  std::vector<ShiftType> shifts;
  std::vector<StaffContract> staff;
  std::vector<ShiftRequest> on_requests, off_requests;
  std::vector<Cover> cover;  // days x shifts; no row in the file: nobody wanted, over weight 0
  std::vector<CoverGroup> groups;

  const Cover& cover_at(int day, int shift) const {
    return cover[static_cast<size_t>(day) * shifts.size() + static_cast<size_t>(shift)];
  }
};

inline bool is_weekend_day(int day) { return day % 7 >= 5; }

// Errors are Error::invalid("instance", "line N: ...").
Result<ShiftInstance> parse_shift_instance(std::string_view text);

}  // namespace peel::duty
