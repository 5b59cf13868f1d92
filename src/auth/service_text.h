// What the account and session halves of AuthService (accounts.cc, auth_service.cc) both write:
// the users table's columns, usernames folded to lower case, event payloads. Private to auth.
#pragma once

#include <boost/json.hpp>
#include <cctype>
#include <string>
#include <string_view>

#include "core/json_text.h"
#include "core/result.h"

namespace peel::auth::service_text {

inline constexpr const char* kUserColumns =
    "id, username, display_name, role, password_hash, disabled, must_change_password,"
    " failed_logins, locked_until_ms, created_at_ms";

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A statement's row count is not wanted, only whether it ran.
inline Status to_status(Result<long long> r) {
  if (!r) return std::move(r).error();
  return {};
}

inline std::string payload(const boost::json::object& o) { return json_text(o); }

}  // namespace peel::auth::service_text
