// Cover: who is on duty — rostered for a tour and not abstracted from it — with the skills that
// count that day, and how that compares hour by hour with the minimum staffing of each area.
// This is what Command & Control reads at a tour's start to crew its units.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "duty/abstractions.h"
#include "duty/staff.h"
#include "duty/tours.h"

namespace peel::duty {

struct OnDuty {
  DutyPerson person;
  RosteredTour tour;
  std::vector<std::string> skills;  // those valid on the tour's first day
};

// At least `count` people who are `need` on duty in `area` in each hour from `from_hour` to
// `to_hour` (UTC; to_hour may be smaller, for the hours across midnight), and `ideal` when the
// people allow (0: no more than the minimum wanted). Only the minimum makes a gap.
struct Minimum {
  std::string need;  // "any", "rank:sergeant" or "skill:taser"
  int from_hour = 0, to_hour = 24;
  int count = 1;
  int ideal = 0;

  bool covers_hour(int hour) const {
    return from_hour <= to_hour ? hour >= from_hour && hour < to_hour
                                : hour >= from_hour || hour < to_hour;
  }
};

struct HourCover {
  Timestamp hour;
  int on_duty = 0;
  std::map<std::string, int> by_rank, by_skill;
  std::vector<std::string> gaps;  // "skill:taser 0 of 2"
};

class Staffing {
 public:
  Staffing(store::Store& store, events::EventLog& log, const Staff& staff, const Tours& tours,
           const Abstractions& abstractions);

  // Everyone on duty at `at`, in `area` (empty: all), by number.
  Result<std::vector<OnDuty>> on_duty(Timestamp at, const std::string& area) const;
  // Each hour of [from, to) in `area`, with the gaps against its minimums.
  Result<std::vector<HourCover>> by_hour(Timestamp from, Timestamp to,
                                         const std::string& area) const;
  Status set_minimums(const std::string& area, const std::vector<Minimum>& minimums,
                      const auth::Actor& by);
  Result<std::vector<Minimum>> minimums(const std::string& area) const;
  // The area (BCU) as Duty spells it, found without case ("north bcu" is "North BCU"): one
  // someone is posted to or that has minimums. An area Duty does not know is an error naming the
  // areas it does, so that cover for a mistyped area is not shown as an all-clear.
  Result<std::string> area_named(const std::string& typed) const;

 private:
  // People with their tours overlapping [from, to), abstracted or not: each caller takes out
  // the abstracted for the moment or hour it asks about.
  Result<std::vector<OnDuty>> rostered(Timestamp from, Timestamp to, const std::string& area) const;

  store::Store& store_;
  events::EventLog& log_;
  const Staff& staff_;
  const Tours& tours_;
  const Abstractions& abstractions_;
};

}  // namespace peel::duty
