// Command & Control's crews from the roster: at each tour's start, the people on duty whose tour
// names a unit crew it, and the unit's capabilities become the skills valid for them that day
// (an expired taser authorisation no longer sends the unit to a knife call). Runs with the
// server's timers; a unit the roster names but Command & Control does not know is logged.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "cad/api/unit_access.h"
#include "cad/cad_service.h"
#include "duty/duty.h"

namespace peel::app {

// Duty's register as Command & Control asks of it: who an account is on the roster, and the
// register's entry for a number typed as crew. Entries are "<number> <name>", as the feed writes.
cad::CrewRegister crew_register(const duty::Duty& duty);

class CrewFeed {
 public:
  CrewFeed(const duty::Duty& duty, cad::CadService& cad, Timestamp start_after);

  // Crews every unit named by a tour that starts in (after, up_to]; the call signs crewed.
  Result<std::vector<std::string>> crew_tours_starting(Timestamp after, Timestamp up_to);
  // At start-up: the units named by tours in progress are crewed by who is on duty now, where
  // Command & Control does not have that crew already (tours that started while the server
  // was down); the feed then goes on from `now`. The call signs crewed.
  Result<std::vector<std::string>> crew_tours_in_progress(Timestamp now);
  // Everything since the last call (or since start_after) up to `now`.
  void catch_up(Timestamp now);

 private:
  // Sets the unit's crew and capabilities from those of `on_duty` whose tour names it; false
  // when the unit is unknown (logged) or, with `unless_crewed`, already has that crew.
  Result<bool> crew_unit(const std::string& call_sign, const std::vector<duty::OnDuty>& on_duty,
                         bool unless_crewed);

  const duty::Duty& duty_;
  cad::CadService& cad_;
  std::mutex mutex_;
  Timestamp done_up_to_;
};

}  // namespace peel::app
