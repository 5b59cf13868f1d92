// The working-time rules a roster change is checked against, for one person's tours of duty:
// the Working Time Regulations 1998 and Police Regulations 2003 with their determinations.
// Times are the force's wall-clock time. Each breach names its rule, so that a planner sees
// which one a change breaks and an authorised person can override it knowingly.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/clock.h"

namespace peel::duty {

struct Tour {
  Timestamp start, end;  // end after start
};

struct WorkingTimeRules {
  std::chrono::minutes daily_rest{11 * 60};  // WTR 1998 reg. 10(1)
  double average_weekly_hours = 48;          // WTR 1998 reg. 4(1)
  int reference_weeks = 17;                  // WTR 1998 reg. 4(3)(b)
  int rest_days_per_week = 2;                // Police Regulations 2003, Annex E
  std::chrono::hours force_day_starts{7};    // the force day: 24 hours from 07:00 unless fixed
};

struct RuleBreach {
  std::string rule;    // "daily rest", "average weekly hours", "rest days"
  std::string detail;  // what, when, and the limit
};

// Every breach in `tours` (any order). Weeks are force weeks from the Monday force day on or
// before the first tour; a week counts for rest days only when all of it lies within
// [from, to), the period the tours were rostered for.
std::vector<RuleBreach> check_working_time(std::vector<Tour> tours, Timestamp from, Timestamp to,
                                           const WorkingTimeRules& rules = {});

// Duty on a rostered rest day (Police Regulations 2003 reg. 26, Annex G): notice is counted in
// clear days, leaving out the day the officer was told and the day of duty. With fewer than 15,
// time and a half for at least four hours; with 15 or more, another rest day instead, to be
// notified within four days.
struct RestDayWorking {
  int clear_days_notice = 0;
  bool time_and_a_half = false;  // else a re-rostered rest day
  double hours_paid = 0;         // at time and a half; 0 when re-rostered
};
RestDayWorking rest_day_working(std::chrono::sys_days told, std::chrono::sys_days duty_day,
                                double hours_worked);
// Clear days of notice: the days between, leaving out the day told and the day of duty.
int clear_days_between(std::chrono::sys_days told, std::chrono::sys_days duty_day);

}  // namespace peel::duty
