// Duty management as one part: the people and their skills, tours of duty checked against the
// working-time rules, shift patterns that build them, abstractions, and cover against minimum
// staffing, over one store and one event log, and the planner that runs the roster optimiser on
// them. The optimiser itself (roster_solver.h) needs no store.
#pragma once

#include "duty/abstractions.h"
#include "duty/patterns.h"
#include "duty/roster_planner.h"
#include "duty/staff.h"
#include "duty/staffing.h"
#include "duty/swaps.h"
#include "duty/tours.h"
#include "store/migrations.h"

namespace peel::duty {

std::vector<store::Migration> migrations();

struct Duty {
  Duty(store::Store& store, events::EventLog& log, const Clock& clock)
      : staff(store, log, clock),
        tours(store, log, clock),
        abstractions(store, log, clock),
        staffing(store, log, staff, tours, abstractions),
        patterns(store, log, clock, tours),
        swaps(store, log, clock, tours),
        planner(staff, tours, abstractions, staffing) {}

  Staff staff;
  Tours tours;
  Abstractions abstractions;
  Staffing staffing;
  Patterns patterns;
  Swaps swaps;
  RosterPlanner planner;
};

}  // namespace peel::duty
