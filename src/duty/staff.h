// The people the force rosters — rank, team, area (BCU) and role — and the skills each holds,
// each from the day it was granted to the day it expires. A skill counts only between the two:
// an expired taser authorisation does not put a taser on a unit.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "store/store.h"

namespace peel::duty {

using Day = std::chrono::sys_days;

// "YYYY-MM-DD", a real day; Error::invalid(field, ...) otherwise.
Result<Day> read_day(const std::string& text, const char* field);
std::string format_day(Day day);

const std::vector<std::string>& skill_names();  // response_driver, taser, armed_response, ...
const std::vector<std::string>& rank_names();   // constable ... chief_superintendent, staff

struct NewDutyPerson {
  std::string number;  // warrant or staff number, unique: "MP4521"
  std::string name;    // "Sgt Asha Patel"
  std::string rank, team, area, role;
  std::string user;  // the Peel account that is this person, for "my roster"; may be empty
};

struct SkillGrant {
  std::string skill;
  Day granted;
  std::optional<Day> expires;  // the first day it no longer counts

  bool valid_on(Day day) const { return granted <= day && (!expires || day < *expires); }
};

struct DutyPerson {
  std::string id;
  NewDutyPerson facts;
  std::vector<SkillGrant> skills;  // by skill, then granted

  // The skills that count on `day`, sorted, each once.
  std::vector<std::string> skills_on(Day day) const;
};

class Staff {
 public:
  Staff(store::Store& store, events::EventLog& log, const Clock& clock);

  Result<DutyPerson> add(const NewDutyPerson& person, const auth::Actor& by);
  Result<DutyPerson> grant(const std::string& person_id, const SkillGrant& grant,
                           const auth::Actor& by);
  Result<DutyPerson> get(const std::string& id) const;
  Result<DutyPerson> of_user(const std::string& user) const;
  // By warrant or staff number ("MP4521"), as written; 404 when nobody has it.
  Result<DutyPerson> by_number(const std::string& number) const;
  // Those whose name is `name`, in any case, or ends with it after a rank ("Asha Patel" finds
  // "Sgt Asha Patel"); by number.
  Result<std::vector<DutyPerson>> named(const std::string& name) const;
  // Everyone, or those of one area, by number.
  Result<std::vector<DutyPerson>> list(const std::string& area) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::duty
