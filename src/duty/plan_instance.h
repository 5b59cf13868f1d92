// The force's own roster problem as a shift scheduling instance (shift_instance.h), so that the
// optimiser that meets the published benchmark plans Peel's rosters too. People become staff
// whose rules are the working-time rules, their leave and sickness fixed days off, minimum
// staffing the cover wanted (of everyone, and of each skill and rank it names, at the minimum
// and, more cheaply, at the ideal level), leave asked for and the tours already rostered
// requests to keep: a re-plan moves as few tours as cover needs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "duty/roster_check.h"
#include "duty/shift_instance.h"
#include "duty/staff.h"
#include "duty/staffing.h"

namespace peel::duty {

// A tour the planner may roster each day.
struct PlanShift {
  std::string kind;      // early, late, night, day
  int start_minute = 0;  // of the day, UTC
  int minutes = 0;
};

const std::vector<PlanShift>& standard_shifts();  // early 07:00, late 15:00, night 23:00; 8 h

constexpr int kOtherTour = -3;  // [day]: a tour that is none of the plan's shifts; it stays

struct PlanPerson {
  std::string id;
  std::string rank;
  std::vector<std::string> skills;      // valid on every day of the period
  std::vector<bool> away;               // [day]: on leave, sick, training, court
  std::vector<bool> wished_off;         // [day]: leave asked for, not yet decided
  std::vector<int> current;             // [day]: the shift rostered, kOff or kOtherTour
  std::optional<Timestamp> last_ended;  // their last tour before the period
};

struct PlanInput {
  Day first;
  int days = 0;
  std::vector<PlanShift> shifts;
  std::vector<PlanPerson> people;
  std::vector<Minimum> minimums;
  WorkingTimeRules rules;
};

// Weights: a person short of a minimum costs what ten changed days do, so cover comes first
// and, of the rosters that give it, the one changing least is chosen; short of an ideal level
// costs half a change, so the ideal is met with people who would otherwise be spare.
constexpr int kShortWeight = 100, kOverWeight = 1, kChangeWeight = 10, kIdealWeight = 5;

struct PlanInstance {
  ShiftInstance instance;
  int lead_days = 0;  // days before `first` back to a Monday, off for all: weekends line up
};

PlanInstance plan_instance(const PlanInput& input);

// The requirement of `need` on a shift: the most any hour of it asks for, at the minimum
// (`&Minimum::count`) or the ideal level (`&Minimum::ideal`).
int shift_requirement(const std::vector<Minimum>& minimums, const std::string& need,
                      const PlanShift& shift, int Minimum::*level = &Minimum::count);

}  // namespace peel::duty
