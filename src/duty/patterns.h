// Shift patterns: a rotation of tours over a number of days (four on, four off; two earlies, two
// lates, two nights, four rest days; ...), kept by name, from which a roster for any period is
// built — each person starting at their own place in the rotation, so that crews take turns.
// Every tour built is checked like any other (tours.h); those a rule refuses are reported, not
// written, and the rest stand.
#pragma once

#include <string>
#include <vector>

#include "duty/tours.h"

namespace peel::duty {

struct PatternTour {
  int day = 0;           // within the rotation, from 0
  std::string kind;      // early, late, night, day
  int start_minute = 0;  // of the day, UTC: 07:00 is 420
  int minutes = 0;       // how long
};

struct NewPattern {
  std::string name;
  int length_days = 0;
  std::vector<PatternTour> tours;
};

struct Pattern {
  std::string id;
  NewPattern facts;
};

struct PatternPlacement {
  std::string person_id;
  int offset = 0;  // the rotation's day this person works on the first day of the period
};

struct RosterRequest {
  std::string pattern_id;
  std::vector<PatternPlacement> people;
  Day from, to;      // both included
  std::string unit;  // crewed by every tour built, if given
};

struct TourRefused {
  NewTour tour;
  std::string reason;
};

struct RosterBuilt {
  std::vector<RosteredTour> rostered;
  std::vector<TourRefused> refused;
};

// Adds the tour to `built`: rostered, or refused with the rule or field it broke; any other
// failure (the store) is returned.
Status add_to_roster(Tours& tours, const NewTour& tour, const auth::Actor& by, bool may_override,
                     RosterBuilt& built);

class Patterns {
 public:
  Patterns(store::Store& store, events::EventLog& log, const Clock& clock, Tours& tours);

  Result<Pattern> add(const NewPattern& pattern, const auth::Actor& by);
  Result<Pattern> get(const std::string& id) const;
  Result<std::vector<Pattern>> list() const;
  // Checks the whole request (the pattern, everyone, the period) before building anything.
  Result<RosterBuilt> build(const RosterRequest& request, const auth::Actor& by);

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
  Tours& tours_;
};

}  // namespace peel::duty
