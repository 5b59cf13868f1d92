// Tours of duty: who works from when to when, on which kind of tour and crewing which unit.
// Every tour added is checked against the working-time rules (working_time.h) with the person's
// other tours; one that would break a rule is refused naming it, unless an authorised person
// overrides it with a reason, which is recorded with the rules it overrode. Overlapping tours for
// one person are never accepted: nobody works two tours at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "duty/staff.h"
#include "duty/working_time.h"

namespace peel::duty {

const std::vector<std::string>& tour_kinds();  // early, late, night, day, rest_day_working

struct NewTour {
  std::string person_id;
  Timestamp start, end;
  std::string kind;
  std::string unit;             // call sign of the unit crewed (Command & Control), if any
  std::string override_reason;  // empty: refuse a tour that breaks a rule
};

struct RosteredTour {
  std::string id;
  NewTour facts;
  std::vector<RuleBreach> overridden;  // the rules broken with an override
  std::string override_by;
  Timestamp rostered_at;  // when the person was told of it

  // Clear days between being told and the tour's day (Police Regulations count neither).
  int clear_days_notice() const;
  // Rostered within a month of the tour: a change to the roster already published.
  bool changes_published_roster() const;
};

// A tour breaking rules is refused naming each: Error::conflict("breaks daily rest (...)").
class Tours {
 public:
  Tours(store::Store& store, events::EventLog& log, const Clock& clock,
        WorkingTimeRules rules = {});

  // `may_override`: whether `by` is allowed to accept a tour that breaks a rule.
  Result<RosteredTour> add(const NewTour& tour, const auth::Actor& by, bool may_override);
  Status cancel(const std::string& tour_id, const std::string& reason, const auth::Actor& by);
  // In the caller's transaction (a swap request's approval): two people exchange tours, each
  // checked against the rules as if newly rostered without the tour they give up; refused
  // naming the rule and the person (409), or naming the tour field (422). Both tours as they
  // now stand.
  Result<std::vector<RosteredTour>> swap_in(store::Session& s, const std::string& tour_id,
                                            const std::string& other_tour_id) const;
  Result<RosteredTour> get(const std::string& tour_id) const;
  // Tours overlapping [from, to): of one person, or of everyone when person_id is empty.
  Result<std::vector<RosteredTour>> between(Timestamp from, Timestamp to,
                                            const std::string& person_id) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
  WorkingTimeRules rules_;
};

}  // namespace peel::duty
