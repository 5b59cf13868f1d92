// Account administration: adding, finding, disabling and unlocking users. Signing in, sessions
// and passwords are in auth_service.cc.
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <mutex>

#include "auth/auth.h"
#include "auth/passwords.h"
#include "auth/service_text.h"
#include "core/id.h"

namespace peel::auth {

using service_text::kUserColumns;
using service_text::lower;
using service_text::payload;
using service_text::to_status;

namespace {

Status check_username(std::string_view username) {
  if (username.size() < 3 || username.size() > 64) {
    return Error::invalid("username", "must be 3 to 64 characters");
  }
  for (char c : username) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) {
      return Error::invalid("username", "may hold only a-z, 0-9, '.', '_' and '-'");
    }
  }
  return {};
}

bool valid_utf8_text(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;  // control characters
  }
  return true;
}

}  // namespace

Result<User> AuthService::add_user(const NewUser& request, const Actor& by) {
  const std::string username = lower(request.username);
  if (Status s = check_username(username); !s) return std::move(s).error();
  if (request.display_name.empty() || request.display_name.size() > 200 ||
      !valid_utf8_text(request.display_name)) {
    return Error::invalid("display_name", "must be 1 to 200 printable characters");
  }
  const auto role = parse_role(request.role);
  if (!role) return Error::invalid("role", "unknown role \"" + request.role + "\"");
  if (Status s = check_password_rules(username, request.password); !s) return std::move(s).error();
  {
    std::shared_lock lock(mutex_);
    if (id_by_username_.count(username))
      return Error::conflict("username " + username + " is taken");
  }
  auto hash = hash_password(request.password, options_.argon2_memory_kib, options_.argon2_passes);
  if (!hash) return std::move(hash).error();

  User user;
  user.id = new_id(clock_);
  user.username = username;
  user.display_name = request.display_name;
  user.role = *role;
  user.must_change_password = request.must_change_password;
  user.created_at = clock_.now();
  auto appended = log_.append(
      {"user/" + user.id, "UserCreated", by.id, "",
       payload({{"username", user.username},
                {"display_name", user.display_name},
                {"role", role_name(user.role)},
                {"must_change_password", user.must_change_password},
                {"origin", by.origin.ip}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        return to_status(s.execute(
            std::string("INSERT INTO users (") + kUserColumns +
                ") VALUES ($1, $2, $3, $4, $5, 0, $6, 0, NULL, $7)",
            {user.id, user.username, user.display_name, std::string(role_name(user.role)), *hash,
             static_cast<long long>(user.must_change_password), to_unix_ms(e.at)}));
      });
  if (!appended) {
    if (appended.error().code == ErrorCode::kConflict) {
      return Error::conflict("username " + username + " is taken");
    }
    return std::move(appended).error();
  }
  std::unique_lock lock(mutex_);
  id_by_username_[user.username] = user.id;
  password_hashes_[user.id] = *hash;
  users_by_id_[user.id] = user;
  return user;
}

std::optional<User> AuthService::find_user(std::string_view id_or_username) const {
  std::shared_lock lock(mutex_);
  auto it = users_by_id_.find(std::string(id_or_username));
  if (it == users_by_id_.end()) {
    const auto by_name = id_by_username_.find(lower(id_or_username));
    if (by_name == id_by_username_.end()) return std::nullopt;
    it = users_by_id_.find(by_name->second);
  }
  return it->second;
}

std::vector<User> AuthService::users() const {
  std::vector<User> out;
  {
    std::shared_lock lock(mutex_);
    out.reserve(users_by_id_.size());
    for (const auto& [id, u] : users_by_id_) out.push_back(u);
  }
  std::sort(out.begin(), out.end(),
            [](const User& a, const User& b) { return a.username < b.username; });
  return out;
}

Result<User> AuthService::disable_user(std::string_view id_or_username, const std::string& reason,
                                       const Actor& by) {
  auto user = find_user(id_or_username);
  if (!user) return Error::not_found("no user " + std::string(id_or_username));
  if (reason.empty()) return Error::invalid("reason", "say why the account is disabled");
  if (user->disabled) return *user;
  if (user->id == by.id) return Error::conflict("you cannot disable your own account");
  auto appended = log_.append(
      {"user/" + user->id, "UserDisabled", by.id, reason, payload({{"origin", by.origin.ip}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        if (Status st =
                to_status(s.execute("UPDATE users SET disabled = 1 WHERE id = $1", {user->id}));
            !st) {
          return st;
        }
        return to_status(
            s.execute("UPDATE sessions SET ended_at_ms = $1, ended_reason = 'user disabled'"
                      " WHERE user_id = $2 AND ended_at_ms IS NULL",
                      {to_unix_ms(e.at), user->id}));
      });
  if (!appended) return std::move(appended).error();
  {
    std::unique_lock lock(mutex_);
    users_by_id_[user->id].disabled = true;
  }
  user->disabled = true;
  end_sessions([&](const std::string&, const Session& s) { return s.user_id == user->id; });
  return *user;
}

Result<User> AuthService::unlock_user(std::string_view id_or_username, const std::string& reason,
                                      const Actor& by) {
  auto user = find_user(id_or_username);
  if (!user) return Error::not_found("no user " + std::string(id_or_username));
  if (reason.empty()) return Error::invalid("reason", "say why the account is unlocked");
  if (user->id == by.id) return Error::conflict("you cannot unlock your own account");
  auto appended = log_.append(
      {"user/" + user->id, "UserUnlocked", by.id, reason, payload({{"origin", by.origin.ip}})},
      [&](store::Session& s, const events::Event&) -> Status {
        return to_status(
            s.execute("UPDATE users SET failed_logins = 0, locked_until_ms = NULL WHERE id = $1",
                      {user->id}));
      });
  if (!appended) return std::move(appended).error();
  std::unique_lock lock(mutex_);
  failed_logins_[user->id] = 0;
  users_by_id_[user->id].locked_until.reset();
  return users_by_id_[user->id];
}

}  // namespace peel::auth
