#include "cad/api/unit_access.h"

#include <fmt/format.h>

#include <algorithm>

namespace peel::cad {

namespace {

// "MP4521 PC Asha Patel" -> "MP4521": entries begin with the warrant or staff number.
std::string number_of(const std::string& entry) { return entry.substr(0, entry.find(' ')); }

}  // namespace

Status may_act_for(const CrewRegister& register_, const auth::Principal& who,
                   const std::vector<const Resource*>& units, UnitAction action) {
  if (who.can(auth::permission::kCadDispatch)) return {};
  if (action == UnitAction::kPosition && who.can(auth::permission::kCadPositionsAnyUnit)) return {};
  if (!register_.entry_of_user)
    return Error::forbidden("only a unit's crew or a dispatcher may change a unit");
  auto me = register_.entry_of_user(who.user.username);
  if (!me) {
    if (me.error().code != ErrorCode::kNotFound) return me.error();
    return Error::forbidden("your account (" + who.user.username +
                            ") is nobody on Duty's register, so it crews no unit: ask a"
                            " dispatcher");
  }
  const std::string mine = number_of(*me);
  for (const Resource* unit : units) {
    const bool crewing = std::any_of(unit->crew.begin(), unit->crew.end(),
                                     [&](const auto& entry) { return number_of(entry) == mine; });
    if (!crewing)
      return Error::forbidden(fmt::format(
          "you ({}) are not crewing {}: a unit's {} is changed by its crew or a dispatcher", mine,
          unit->call_sign,
          action == UnitAction::kPosition ? "position"
          : action == UnitAction::kCrew   ? "crew"
                                          : "status"));
  }
  return {};
}

Result<std::vector<std::string>> registered_crew(const CrewRegister& register_,
                                                 const std::vector<std::string>& typed) {
  if (!register_.entry_for) return typed;
  std::vector<std::string> out;
  for (size_t i = 0; i < typed.size(); ++i) {
    auto entry = register_.entry_for(number_of(typed[i]));
    if (!entry) {
      if (entry.error().code != ErrorCode::kNotFound) return entry.error();
      return Error::invalid(
          fmt::format("crew[{}]", i),
          "\"" + typed[i] + "\" is nobody on Duty's register: give a warrant or staff number");
    }
    if (std::find(out.begin(), out.end(), *entry) == out.end()) out.push_back(*entry);
  }
  return out;
}

}  // namespace peel::cad
