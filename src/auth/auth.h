// Authentication, authorisation and the personal-data access log.
//
// Deny by default: a request is anonymous until it presents a valid session token, and an
// authenticated user may do only what their role's permissions allow. Passwords are hashed
// with argon2id; session tokens are random, shown once, and stored only as SHA-256 hashes.
// Every change (user created, disabled, logged in, locked out, logged out) is an event in the
// hash-chained event log, written together with the table it changes.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "store/migrations.h"
#include "store/store.h"

namespace peel::auth {

enum class Role {
  kCallHandler,
  kDispatcher,
  kControlRoomSupervisor,
  kPatrolOfficer,
  kCustodySergeant,
  kInvestigator,
  kRecordsManager,
  kAnalyst,
  kResourcePlanner,
  kSupervisor,
  kItEngineer,
  kAutomationAdministrator,
  kPublicPortal,
  kSystemAdministrator,
};

// "call_handler", "system_administrator", ...
const char* role_name(Role role);
std::optional<Role> parse_role(std::string_view name);
const std::vector<Role>& all_roles();

// Permissions are named "<area>.<verb>". A module adds its own as it is built.
namespace permission {
inline constexpr const char* kUsersRead = "users.read";
inline constexpr const char* kUsersManage = "users.manage";
// A supervisor lets a locked-out colleague sign in again (a control room mid-shift).
inline constexpr const char* kUsersUnlock = "users.unlock";
inline constexpr const char* kAccessLogRead = "access_log.read";
inline constexpr const char* kAuditRead = "audit.read";
inline constexpr const char* kSystemObserve = "system.observe";  // /metrics
inline constexpr const char* kGeoRead = "geo.read";              // maps, search, routes: every role
inline constexpr const char* kCadRead = "cad.read";  // incidents, resources, recommendations
inline constexpr const char* kCadIncidentsCreate = "cad.incidents.create";
inline constexpr const char* kCadDispatch = "cad.dispatch";
inline constexpr const char* kCadResourcesManage = "cad.resources.manage";
inline constexpr const char* kCadStatus = "cad.status";  // a unit's own job status
inline constexpr const char* kCadPositionsReport = "cad.positions.report";  // AVL
// The AVL gateway: positions for any unit (others report only for the unit they crew).
inline constexpr const char* kCadPositionsAnyUnit = "cad.positions.any";
inline constexpr const char* kCadSupervise = "cad.supervise";  // re-grade, close, merge
inline constexpr const char* kCadWarningsManage = "cad.warnings.manage";
inline constexpr const char* kCadConfigure = "cad.configure";  // the classification list
inline constexpr const char* kIopRead = "iop.read";    // the operating picture: counts, performance
inline constexpr const char* kPoleRead = "pole.read";  // people and records (purpose, logged)
inline constexpr const char* kPoleWrite = "pole.write";    // record people, objects, events
inline constexpr const char* kPoleMerge = "pole.merge";    // merge duplicate people, undo merges
inline constexpr const char* kPoleReview = "pole.review";  // the MoPI review queue
inline constexpr const char* kDutyRead = "duty.read";      // rosters, cover, who is on duty
inline constexpr const char* kDutyOwn = "duty.own";        // one's own roster; asking for leave
inline constexpr const char* kDutyPlan = "duty.plan";      // people, skills, tours, abstractions
// Decide leave; accept a tour that breaks a working-time rule, with a reason.
inline constexpr const char* kDutyApprove = "duty.approve";
// Submit a form to an automated process (the force website's portal, officers' digital forms).
inline constexpr const char* kRoboticsSubmit = "robotics.submit";
inline constexpr const char* kRoboticsRead = "robotics.read";  // queues, items (logged), processes
inline constexpr const char* kRoboticsReview = "robotics.review";  // fix and resume exceptions
inline constexpr const char* kRoboticsManage = "robotics.manage";  // install process versions
inline constexpr const char* kTechbarUse = "techbar.use";      // check in at a Tech Bar (everyone)
inline constexpr const char* kTechbarServe = "techbar.serve";  // the counter: queue, call, finish
inline constexpr const char* kTechbarManage = "techbar.manage";  // sites, stock, desk imports
inline constexpr const char* kTechbarRead = "techbar.read";      // metrics and trends
}  // namespace permission

bool role_has(Role role, std::string_view permission);
std::vector<std::string> permissions_of(Role role);

struct User {
  std::string id;
  std::string username;
  std::string display_name;
  Role role = Role::kPatrolOfficer;
  bool disabled = false;
  bool must_change_password = false;  // set for one-time passwords
  Timestamp created_at;
  std::optional<Timestamp> locked_until;
};

// Who is making a request, and from where (for the logs).
struct Principal {
  User user;
  std::string session_id;
  Timestamp expires_at;
  bool can(std::string_view permission) const { return role_has(user.role, permission); }
};

struct Origin {
  std::string ip;  // "127.0.0.1", or "cli" for the command line
};

// The actor of an administrative change: a signed-in user, or the command line (an operator
// with access to the machine and the database).
struct Actor {
  std::string id;        // user id, or "system"
  std::string username;  // for the access log
  Origin origin;
  static Actor system() { return {"system", "system", {"cli"}}; }
  static Actor of(const Principal& p, Origin origin) {
    return {p.user.id, p.user.username, std::move(origin)};
  }
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::string role;
  std::string password;
  bool must_change_password = false;
};

struct LoginResult {
  std::string token;  // shown once; only its hash is kept
  Timestamp expires_at;
  User user;
};

// Data Protection Act 2018 s.62: logs of collection, alteration, consultation, disclosure,
// combination and erasure of personal data, with who, when, from where and why.
enum class AccessAction {
  kCollection,
  kAlteration,
  kConsultation,
  kDisclosure,
  kCombination,
  kErasure
};
const char* access_action_name(AccessAction action);

struct AccessRecord {
  std::string id;
  Timestamp at;
  std::string actor_id, actor_username, ip;
  AccessAction action = AccessAction::kConsultation;
  std::string subject_type;  // "user", "person", ...
  std::string subject_id;    // one record, or "*" for a list or search
  std::string purpose;       // as stated by the user
  std::string detail;        // what was done: "list users", "search name=smith"
};

struct AccessQuery {
  std::optional<std::string> actor_id, subject_type, subject_id;
  std::optional<Timestamp> from, to;
  std::string cursor;  // id of the last record of the previous page
  int limit = 100;
};

struct Page {
  std::vector<AccessRecord> items;
  std::string next_cursor;  // empty on the last page
};

struct AuthOptions {
  std::chrono::minutes idle_timeout{60};
  std::chrono::hours absolute_timeout{12};  // a control room shift
  int max_failed_logins = 5;
  std::chrono::minutes lockout{15};
  // Sign-in attempts in any minute, from one address and for one username; beyond them 429
  // with Retry-After, before any password is checked.
  int attempts_per_address_per_minute = 100;  // a control room behind one NAT address
  int attempts_per_account_per_minute = 10;
  // argon2id cost (OWASP minimum: 19 MiB, 2 passes). Tests lower it.
  unsigned argon2_memory_kib = 19456;
  unsigned argon2_passes = 2;
};

class AuthService {
 public:
  AuthService(store::Store& store, events::EventLog& log, const Clock& clock,
              AuthOptions options = {});

  // Loads users and live sessions, and follows the changes other processes make to them (a
  // user added or disabled by the command line, a session opened on another server).
  // REQUIRES: migrations applied.
  Status load();
  // Called with the ids of sessions that have just ended (signed out, disabled, password
  // changed; here or in another process), so that what they hold open can be closed.
  // REQUIRES: called before serving.
  void on_sessions_ended(std::function<void(const std::vector<std::string>&)> listener);

  // Checks the rules, hashes the password and records the user. The stored password must be
  // changed at first sign-in when must_change_password is set.
  Result<User> add_user(const NewUser& user, const Actor& by);
  // Disables the user and ends all their sessions.
  Result<User> disable_user(std::string_view id_or_username, const std::string& reason,
                            const Actor& by);
  // Clears a lockout and the failed attempts counted towards one (not one's own: 409).
  Result<User> unlock_user(std::string_view id_or_username, const std::string& reason,
                           const Actor& by);
  std::vector<User> users() const;  // sorted by username
  std::optional<User> find_user(std::string_view id_or_username) const;

  Result<LoginResult> login(std::string_view username, std::string_view password,
                            const Origin& from);
  // The fast path of every request: memory only.
  Result<Principal> authenticate(std::string_view token);
  // The same check by session id, for what a session holds open (each WebSocket frame in and
  // out): 401 once it has ended, expired or its account is disabled. `activity`: counts as the
  // user's activity for the idle timer (a frame the client sent; not one sent to it).
  Result<Principal> check_session(const std::string& session_id, bool activity);
  // Ends the sessions that have passed their idle or absolute limit and tells the listeners, so
  // that what they hold open closes within a second (called every second). A session idle here
  // but active on another server (its activity in the store is newer) is kept.
  Status end_expired();
  Status logout(std::string_view token, const Origin& from);
  // Changes the signed-in user's password; ends their other sessions.
  Status change_password(const Principal& who, std::string_view current, std::string_view next,
                         const Origin& from);

  // Records an access to personal data (durably, in the event log, before returning).
  Status record_access(const Actor& by, AccessAction action, std::string subject_type,
                       std::string subject_id, const std::string& purpose,
                       const std::string& detail);
  // Records accesses to several subjects at once: one record each, written in one batch.
  struct Subject {
    AccessAction action = AccessAction::kConsultation;
    std::string type, id;
  };
  Status record_accesses(const Actor& by, const std::vector<Subject>& subjects,
                         const std::string& purpose, const std::string& detail);
  Result<Page> access_log(const AccessQuery& query);

  // Writes sessions' last activity to the store (called periodically), so a restart keeps
  // idle timers honest. Returns how many sessions were written.
  Result<int> flush_activity();

  size_t live_sessions() const;

 private:
  struct Session {
    std::string id, user_id;
    Timestamp created_at, expires_at;
    std::atomic<long long> last_seen_ms{0};
    std::atomic<bool> dirty{false};
  };
  Status check_password_rules(std::string_view username, std::string_view password) const;
  Result<User> record_failed_login(const User& user, const Origin& from);
  // Reads the user and their live sessions again from the store, after another process
  // changed them.
  Status reload_user(const std::string& user_id);
  // Removes sessions from memory; tells the listeners. REQUIRES: mutex_ not held.
  void end_sessions(
      const std::function<bool(const std::string& token_hash, const Session&)>& which);
  // REQUIRES: mutex_ held.
  void keep_user(User user, std::string password_hash, int failed_logins);
  void keep_session(const store::Row& row);
  Result<LoginResult> open_session(const User& user, const Origin& from);

  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
  AuthOptions options_;
  std::string dummy_hash_;  // verified against for unknown usernames, so timing reveals nothing

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, User> users_by_id_;
  std::unordered_map<std::string, std::string> id_by_username_;
  std::unordered_map<std::string, std::string> password_hashes_;  // by user id
  std::unordered_map<std::string, int> failed_logins_;            // by user id
  std::unordered_map<std::string, std::unique_ptr<Session>> sessions_by_token_hash_;
  std::unordered_map<std::string, std::string> token_hash_by_session_id_;
  // Passwords being checked now, by user id: counted with the failures before the check, so
  // parallel guesses cannot all be checked.
  std::unordered_map<std::string, int> checking_;
  // Addresses each user has signed in from: a locked account still signs in from them, so a
  // lockout cannot be used to keep a dispatcher off their own console.
  std::unordered_map<std::string, std::unordered_set<std::string>> known_origins_;
  // Attempt times in the last minute, by "address:<ip>" and "account:<username>".
  std::mutex attempts_mutex_;
  std::unordered_map<std::string, std::deque<Timestamp>> recent_attempts_;
  // Seconds to wait when `key` has had `most` attempts in the last minute (counting this one).
  std::optional<int> over_limit(const std::string& key, int most, Timestamp now);
  std::vector<std::function<void(const std::vector<std::string>&)>> session_listeners_;
};

std::vector<store::Migration> migrations();

// The access log against the event log, both ways: every PersonalDataAccessed event has its
// access_log row with the same content, and every row its event. The access_log table is a
// copy for querying; the chained events are the evidence, so a row deleted, added or edited
// shows here. `problem` names the first row that differs (empty when they agree).
struct AccessLogCheck {
  long long checked = 0;
  std::string problem;
};
Result<AccessLogCheck> check_access_log(store::Store& store);

}  // namespace peel::auth
