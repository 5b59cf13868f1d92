#include <algorithm>
#include <array>

#include "auth/auth.h"

namespace peel::auth {

namespace {

struct RoleEntry {
  Role role;
  const char* name;
  std::vector<std::string> permissions;
};

// Who may do what. Each module adds its permissions to the roles that need them as it is built;
// a permission not listed here is denied to everyone. Everyone may see their own roster and ask
// for leave (duty.own), and walk in to a Tech Bar for IT help (techbar.use).
const std::vector<RoleEntry>& table() {
  static const std::vector<RoleEntry> entries = {
      {Role::kCallHandler,
       "call_handler",
       {permission::kGeoRead, permission::kCadRead, permission::kCadIncidentsCreate,
        permission::kIopRead, permission::kPoleRead, permission::kDutyOwn,
        permission::kTechbarUse}},
      {Role::kDispatcher,
       "dispatcher",
       {permission::kGeoRead, permission::kCadRead, permission::kCadIncidentsCreate,
        permission::kCadDispatch, permission::kCadStatus, permission::kIopRead,
        permission::kPoleRead, permission::kDutyRead, permission::kDutyOwn,
        permission::kTechbarUse}},
      {Role::kControlRoomSupervisor,
       "control_room_supervisor",
       {permission::kGeoRead, permission::kCadRead, permission::kCadIncidentsCreate,
        permission::kCadDispatch, permission::kCadStatus, permission::kCadResourcesManage,
        permission::kCadSupervise, permission::kCadWarningsManage, permission::kCadConfigure,
        permission::kIopRead, permission::kPoleRead, permission::kDutyRead, permission::kDutyOwn,
        permission::kTechbarUse, permission::kUsersUnlock}},
      {Role::kPatrolOfficer,
       "patrol_officer",
       {permission::kGeoRead, permission::kCadRead, permission::kCadIncidentsCreate,
        permission::kCadStatus, permission::kCadPositionsReport, permission::kPoleRead,
        permission::kPoleWrite, permission::kDutyOwn, permission::kTechbarUse,
        permission::kRoboticsSubmit}},
      {Role::kCustodySergeant,
       "custody_sergeant",
       {permission::kGeoRead, permission::kPoleRead, permission::kPoleWrite, permission::kDutyOwn,
        permission::kTechbarUse}},
      {Role::kInvestigator,
       "investigator",
       {permission::kGeoRead, permission::kCadWarningsManage, permission::kPoleRead,
        permission::kPoleWrite, permission::kPoleMerge, permission::kDutyOwn,
        permission::kTechbarUse}},
      // Keeps the records sound: merges duplicates, works the MoPI review queue.
      {Role::kRecordsManager,
       "records_manager",
       {permission::kGeoRead, permission::kPoleRead, permission::kPoleWrite, permission::kPoleMerge,
        permission::kPoleReview, permission::kDutyOwn, permission::kTechbarUse,
        permission::kRoboticsSubmit, permission::kRoboticsRead, permission::kRoboticsReview}},
      {Role::kAnalyst,
       "analyst",
       {permission::kGeoRead, permission::kIopRead, permission::kPoleRead, permission::kDutyOwn,
        permission::kTechbarUse, permission::kTechbarRead}},
      {Role::kResourcePlanner,
       "resource_planner",
       {permission::kGeoRead, permission::kCadResourcesManage, permission::kDutyRead,
        permission::kDutyOwn, permission::kTechbarUse, permission::kDutyPlan}},
      // A sergeant or inspector over a team: decides leave, may accept a tour that breaks a
      // working-time rule (recorded with the reason), and sees the team's roster and cover.
      {Role::kSupervisor,
       "supervisor",
       {permission::kGeoRead, permission::kCadRead, permission::kPoleRead, permission::kDutyRead,
        permission::kDutyOwn, permission::kTechbarUse, permission::kDutyPlan,
        permission::kDutyApprove, permission::kUsersUnlock}},
      // The engineers at the Tech Bar counters; the AVL gateway that forwards vehicles'
      // positions runs as an IT engineer's account too.
      {Role::kItEngineer,
       "it_engineer",
       {permission::kGeoRead, permission::kCadPositionsReport, permission::kCadPositionsAnyUnit,
        permission::kDutyOwn, permission::kTechbarUse, permission::kTechbarServe,
        permission::kTechbarManage, permission::kTechbarRead}},
      {Role::kAutomationAdministrator,
       "automation_administrator",
       {permission::kGeoRead, permission::kDutyOwn, permission::kTechbarUse,
        permission::kRoboticsSubmit, permission::kRoboticsRead, permission::kRoboticsReview,
        permission::kRoboticsManage}},
      // The force website's service account: it forwards the public's online forms and reads
      // back what became of those it submitted, nothing else.
      {Role::kPublicPortal, "public_portal", {permission::kRoboticsSubmit}},
      {Role::kSystemAdministrator,
       "system_administrator",
       {permission::kUsersRead, permission::kUsersManage, permission::kUsersUnlock,
        permission::kAccessLogRead, permission::kAuditRead, permission::kSystemObserve,
        permission::kGeoRead, permission::kDutyOwn, permission::kTechbarUse,
        permission::kTechbarManage, permission::kTechbarRead}},
  };
  return entries;
}

const RoleEntry& entry(Role role) {
  for (const auto& e : table()) {
    if (e.role == role) return e;
  }
  return table().front();
}

}  // namespace

const char* role_name(Role role) { return entry(role).name; }

std::optional<Role> parse_role(std::string_view name) {
  for (const auto& e : table()) {
    if (name == e.name) return e.role;
  }
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> out;
    for (const auto& e : table()) out.push_back(e.role);
    return out;
  }();
  return roles;
}

bool role_has(Role role, std::string_view permission) {
  const auto& granted = entry(role).permissions;
  return std::find(granted.begin(), granted.end(), permission) != granted.end();
}

std::vector<std::string> permissions_of(Role role) { return entry(role).permissions; }

const char* access_action_name(AccessAction action) {
  switch (action) {
    case AccessAction::kCollection:
      return "collection";
    case AccessAction::kAlteration:
      return "alteration";
    case AccessAction::kConsultation:
      return "consultation";
    case AccessAction::kDisclosure:
      return "disclosure";
    case AccessAction::kCombination:
      return "combination";
    case AccessAction::kErasure:
      return "erasure";
  }
  return "consultation";
}

}  // namespace peel::auth
