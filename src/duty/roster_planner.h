// The roster optimiser on the force's own data: for an area and a period it reads the people,
// their skills, leave and sickness, the tours already rostered and the minimum staffing, and
// proposes the tours to add and to cancel so that cover is met within the rules, fairly, and
// with as few changes to the published roster as cover allows (plan_instance.h). A proposal
// changes nothing; a planner reviews it and applies it, when every tour added is checked like
// any other (tours.h) and those a rule refuses are reported, not written.
#pragma once

#include <string>
#include <vector>

#include "duty/abstractions.h"
#include "duty/patterns.h"
#include "duty/plan_instance.h"
#include "duty/staffing.h"
#include "duty/tours.h"

namespace peel::duty {

struct PlanRequest {
  std::string area;
  Day from, to;  // both included
  double seconds = 10;
  std::vector<PlanShift> shifts;  // empty: standard_shifts()
};

struct PlanGap {
  Day day;
  std::string kind;  // of the shift
  std::string need;  // any, rank:sergeant, skill:taser
  int have = 0, wanted = 0;
};

struct PersonLoad {
  std::string person_id, name;
  int minutes_before = 0, minutes_after = 0;  // rostered in the period, now and as planned
  int away_days = 0;
};

struct RosterPlan {
  std::vector<NewTour> add;
  std::vector<RosteredTour> cancel;
  std::vector<PlanGap> gaps;  // left after the plan: nobody could be rostered to fill them
  std::vector<PersonLoad> people;
  int kept = 0;  // tours rostered already and left as they are
  long long penalty = 0;
};

struct PlanChanges {
  std::vector<std::string> cancel;  // tour ids
  std::vector<NewTour> add;
  std::string reason;  // recorded with each cancellation
};

struct PlanApplied {
  std::vector<std::string> cancelled;
  RosterBuilt built;
};

class RosterPlanner {
 public:
  RosterPlanner(const Staff& staff, Tours& tours, const Abstractions& abstractions,
                const Staffing& staffing);

  Result<RosterPlan> propose(const PlanRequest& request) const;
  // Cancels first (each tour must exist, or nothing is done), then adds each tour through the
  // rules; `may_override` as for Tours::add, for the tours that carry an override reason.
  Result<PlanApplied> apply(const PlanChanges& changes, const auth::Actor& by, bool may_override);

 private:
  const Staff& staff_;
  Tours& tours_;
  const Abstractions& abstractions_;
  const Staffing& staffing_;
};

}  // namespace peel::duty
