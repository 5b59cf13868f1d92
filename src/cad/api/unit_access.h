// Who may act for a unit (issue 22): a unit's status, crew and position are changed by those
// crewing it, by those who dispatch (cad.dispatch: any unit), and — positions only — by the AVL
// gateway (cad.positions.any). Anyone else is refused 403 saying why. A crew is people on Duty's
// register: what is typed ("MP4521") becomes the register's entry ("MP4521 PC Asha Patel").
// Duty is another module, so the platform hands CAD the two questions it asks of it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "cad/cad.h"
#include "core/result.h"

namespace peel::cad {

struct CrewRegister {
  // The crew entry of the person this account is ("MP4521 PC Asha Patel"); not_found when the
  // account is nobody on the register.
  std::function<Result<std::string>(const std::string& username)> entry_of_user;
  // The register's entry for what was typed (a number, or a number and a name); not_found when
  // nobody on the register has that number.
  std::function<Result<std::string>(const std::string& typed)> entry_for;
};

enum class UnitAction { kStatus, kCrew, kPosition };

// Ok, or Error::forbidden naming why.
Status may_act_for(const CrewRegister& register_, const auth::Principal& who,
                   const std::vector<const Resource*>& units, UnitAction action);

// Each entry replaced by the register's; Error::invalid("crew[i]") for one not on it.
Result<std::vector<std::string>> registered_crew(const CrewRegister& register_,
                                                 const std::vector<std::string>& typed);

}  // namespace peel::cad
