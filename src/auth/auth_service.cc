#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <mutex>
#include <unordered_set>

#include "auth/auth.h"
#include "auth/passwords.h"
#include "auth/service_text.h"
#include "core/crypto.h"
#include "core/id.h"
#include "core/log.h"

namespace peel::auth {

namespace json = boost::json;
using service_text::kUserColumns;
using service_text::lower;
using service_text::payload;
using service_text::to_status;

AuthService::AuthService(store::Store& store, events::EventLog& log, const Clock& clock,
                         AuthOptions options)
    : store_(store), log_(log), clock_(clock), options_(options) {
  auto dummy =
      hash_password(generate_password(), options_.argon2_memory_kib, options_.argon2_passes);
  dummy_hash_ = dummy ? *dummy : std::string();
  // A user added, disabled or signed in by another process (the command line, another
  // server): read again from the store, so that this server agrees within the log's tail.
  log_.on_written_elsewhere([this](const events::Event& e) {
    if (!e.stream.starts_with("user/")) return;
    if (Status s = reload_user(e.stream.substr(5)); !s)
      log::warn("auth.reload_failed",
                {{"user_id", e.stream.substr(5)}, {"reason", s.error().message}});
  });
}

namespace {

constexpr const char* kSessionColumns =
    "id, token_hash, user_id, created_at_ms, last_seen_ms, expires_at_ms, ip";

struct StoredUser {
  User user;
  std::string password_hash;
  int failed_logins = 0;
};

StoredUser user_of(const store::Row& row) {
  StoredUser stored;
  User& u = stored.user;
  u.id = row.text(0);
  u.username = row.text(1);
  u.display_name = row.text(2);
  u.role = parse_role(row.text(3)).value_or(Role::kPatrolOfficer);
  stored.password_hash = row.text(4);
  u.disabled = row.integer(5) != 0;
  u.must_change_password = row.integer(6) != 0;
  stored.failed_logins = static_cast<int>(row.integer(7));
  if (auto locked = row.optional_integer(8)) u.locked_until = from_unix_ms(*locked);
  u.created_at = from_unix_ms(row.integer(9));
  return stored;
}

}  // namespace

Status AuthService::load() {
  return store_.transact(store::Access::kRead, [&](store::Session& session) -> Status {
    auto users = session.query(std::string("SELECT ") + kUserColumns + " FROM users");
    if (!users) return std::move(users).error();
    const long long now = to_unix_ms(clock_.now());
    auto sessions = session.query(std::string("SELECT ") + kSessionColumns +
                                      " FROM sessions WHERE ended_at_ms IS NULL AND"
                                      " expires_at_ms > $1",
                                  {now});
    if (!sessions) return std::move(sessions).error();
    std::unique_lock lock(mutex_);
    users_by_id_.clear();
    id_by_username_.clear();
    password_hashes_.clear();
    sessions_by_token_hash_.clear();
    token_hash_by_session_id_.clear();
    for (const auto& row : *users) {
      StoredUser stored = user_of(row);
      keep_user(std::move(stored.user), std::move(stored.password_hash), stored.failed_logins);
    }
    for (const auto& row : *sessions) keep_session(row);
    return {};
  });
}

void AuthService::keep_user(User user, std::string password_hash, int failed_logins) {
  const std::string id = user.id;
  password_hashes_[id] = std::move(password_hash);
  failed_logins_[id] = failed_logins;
  id_by_username_[user.username] = id;
  users_by_id_[id] = std::move(user);
}

void AuthService::keep_session(const store::Row& row) {
  auto s = std::make_unique<Session>();
  s->id = row.text(0);
  s->user_id = row.text(2);
  s->created_at = from_unix_ms(row.integer(3));
  s->last_seen_ms = row.integer(4);
  s->expires_at = from_unix_ms(row.integer(5));
  token_hash_by_session_id_[s->id] = row.text(1);
  if (const auto ip = row.optional_text(6)) known_origins_[s->user_id].insert(*ip);
  sessions_by_token_hash_[row.text(1)] = std::move(s);
}

void AuthService::on_sessions_ended(std::function<void(const std::vector<std::string>&)> listener) {
  std::unique_lock lock(mutex_);
  session_listeners_.push_back(std::move(listener));
}

void AuthService::end_sessions(
    const std::function<bool(const std::string& token_hash, const Session&)>& which) {
  std::vector<std::string> ended;
  std::vector<std::function<void(const std::vector<std::string>&)>> listeners;
  {
    std::unique_lock lock(mutex_);
    std::erase_if(sessions_by_token_hash_, [&](const auto& entry) {
      if (!which(entry.first, *entry.second)) return false;
      ended.push_back(entry.second->id);
      token_hash_by_session_id_.erase(entry.second->id);
      return true;
    });
    listeners = session_listeners_;
  }
  if (ended.empty()) return;
  for (const auto& listener : listeners) listener(ended);
}

Status AuthService::reload_user(const std::string& user_id) {
  std::optional<StoredUser> stored;
  store::Rows sessions;
  Status read = store_.transact(store::Access::kRead, [&](store::Session& session) -> Status {
    auto users = session.query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1",
                               {user_id});
    if (!users) return std::move(users).error();
    if (!users->empty()) stored = user_of(users->front());
    auto live = session.query(std::string("SELECT ") + kSessionColumns +
                                  " FROM sessions WHERE user_id = $1 AND ended_at_ms IS NULL AND"
                                  " expires_at_ms > $2",
                              {user_id, to_unix_ms(clock_.now())});
    if (!live) return std::move(live).error();
    sessions = std::move(*live);
    return {};
  });
  if (!read) return read;
  std::unordered_set<std::string> live_hashes;
  for (const auto& row : sessions) live_hashes.insert(row.text(1));
  {
    std::unique_lock lock(mutex_);
    if (stored)
      keep_user(std::move(stored->user), std::move(stored->password_hash), stored->failed_logins);
    for (const auto& row : sessions) {
      // A session this server already holds keeps its own idea of when it was last used.
      if (!sessions_by_token_hash_.count(row.text(1))) keep_session(row);
    }
  }
  end_sessions([&](const std::string& token_hash, const Session& s) {
    return s.user_id == user_id && !live_hashes.count(token_hash);
  });
  return {};
}

Status AuthService::check_password_rules(std::string_view username,
                                         std::string_view password) const {
  if (password.size() < 12) return Error::invalid("password", "must be at least 12 characters");
  if (password.size() > 256) return Error::invalid("password", "must be at most 256 characters");
  const std::string folded = lower(password);
  if (folded.find(lower(username)) != std::string::npos) {
    return Error::invalid("password", "must not contain the username");
  }
  return refuse_guessable(folded);
}

std::optional<int> AuthService::over_limit(const std::string& key, int most, Timestamp now) {
  std::lock_guard lock(attempts_mutex_);
  if (recent_attempts_.size() > 100'000)  // many names tried: forget those quiet for a minute
    std::erase_if(recent_attempts_, [&](const auto& entry) {
      return entry.second.empty() || now - entry.second.back() > std::chrono::minutes(1);
    });
  auto& times = recent_attempts_[key];
  while (!times.empty() && now - times.front() >= std::chrono::minutes(1)) times.pop_front();
  if (static_cast<int>(times.size()) >= most) {
    const auto wait = std::chrono::duration_cast<std::chrono::seconds>(
        times.front() + std::chrono::minutes(1) - now);
    return std::max(1, static_cast<int>(wait.count()) + 1);
  }
  times.push_back(now);
  return std::nullopt;
}

Result<LoginResult> AuthService::login(std::string_view username_in, std::string_view password,
                                       const Origin& from) {
  const Error refused = Error::unauthenticated(
      "the username or password is wrong, or the account is locked or disabled");
  const std::string username = lower(username_in);
  const auto now = clock_.now();
  // Rate limits first: nothing is checked, or written, for an attempt over them.
  for (const auto& [key, most] :
       {std::pair{"address:" + from.ip, options_.attempts_per_address_per_minute},
        std::pair{"account:" + username, options_.attempts_per_account_per_minute}}) {
    if (const auto wait = over_limit(key, most, now)) {
      log::warn("auth.rate_limited", {{"origin", from.ip}, {"limit", key.substr(0, 7)}});
      return Error::too_many_requests(
          "too many sign-in attempts; try again in " + std::to_string(*wait) + " seconds", *wait);
    }
  }
  std::optional<User> user;
  std::string hash;
  std::string refusal;  // why a known account is refused without its password being checked
  {
    // The attempt is counted before its password is checked: parallel guesses past the limit
    // are refused, not all checked.
    std::unique_lock lock(mutex_);
    if (auto it = id_by_username_.find(username); it != id_by_username_.end()) {
      const std::string& id = it->second;
      user = users_by_id_.at(id);
      hash = password_hashes_.at(id);
      const bool known = known_origins_[id].contains(from.ip);
      const int pending = failed_logins_[id] + checking_[id];
      if (user->disabled)
        refusal = "account disabled";
      else if (!known && ((user->locked_until && *user->locked_until > now) ||
                          pending >= options_.max_failed_logins))
        refusal = "account locked";
      else
        ++checking_[id];
    }
  }
  if (!user || !refusal.empty()) {
    // Every refusal costs what a real check costs, so timing does not say who exists or is
    // locked.
    (void)verify_password(password, dummy_hash_);
    if (!user) {
      // The attempted name is not recorded: people type passwords into the username field.
      (void)log_.append(
          {"auth", "LoginFailed", "anonymous", "unknown username", payload({{"origin", from.ip}})});
    } else {
      (void)log_.append(
          {"user/" + user->id, "LoginRefused", user->id, refusal, payload({{"origin", from.ip}})});
    }
    return refused;
  }
  const bool right = verify_password(password, hash);
  // The failure is counted (and the account locked) in memory in the same step as the check
  // ends, so no attempt waiting to be checked slips in between.
  int count = 0;
  bool lock_now = false;
  std::optional<Timestamp> locked_until;
  {
    std::unique_lock lock(mutex_);
    --checking_[user->id];
    if (!right) {
      count = ++failed_logins_[user->id];
      lock_now = count >= options_.max_failed_logins;
      if (lock_now) {
        locked_until = now + options_.lockout;
        failed_logins_[user->id] = 0;
        users_by_id_[user->id].locked_until = locked_until;
      }
    }
  }
  if (!right) {
    auto appended = log_.append(
        {"user/" + user->id, lock_now ? "AccountLocked" : "LoginFailed", user->id, "wrong password",
         payload({{"origin", from.ip}, {"failed_logins", count}})},
        [&](store::Session& s, const events::Event&) -> Status {
          return to_status(s.execute(
              "UPDATE users SET failed_logins = $1, locked_until_ms = $2 WHERE id = $3",
              {static_cast<long long>(lock_now ? 0 : count),
               locked_until ? store::Value(to_unix_ms(*locked_until)) : store::Value(), user->id}));
        });
    if (!appended) return std::move(appended).error();
    if (lock_now) {
      log::warn(
          "auth.account_locked",
          {{"user_id", user->id}, {"origin", from.ip}, {"until", format_rfc3339(*locked_until)}});
    }
    return refused;
  }
  auto opened = open_session(*user, from);
  if (opened) {
    std::unique_lock lock(mutex_);
    known_origins_[user->id].insert(from.ip);
  }
  return opened;
}

Result<LoginResult> AuthService::open_session(const User& user, const Origin& from) {
  const std::string token = base64url(random_bytes(32));
  const std::string token_hash = sha256_hex(token);
  auto session = std::make_unique<Session>();
  session->id = new_id(clock_);
  session->user_id = user.id;
  session->created_at = clock_.now();
  session->expires_at = session->created_at + options_.absolute_timeout;
  session->last_seen_ms = to_unix_ms(session->created_at);
  auto appended = log_.append(
      {"user/" + user.id, "SessionStarted", user.id, "",
       payload({{"session_id", session->id},
                {"origin", from.ip},
                {"expires_at", format_rfc3339(session->expires_at)}})},
      [&](store::Session& s, const events::Event&) -> Status {
        if (Status st = to_status(s.execute(
                "UPDATE users SET failed_logins = 0, locked_until_ms = NULL WHERE id = $1",
                {user.id}));
            !st) {
          return st;
        }
        return to_status(
            s.execute("INSERT INTO sessions (id, token_hash, user_id, created_at_ms, last_seen_ms,"
                      " expires_at_ms, ip) VALUES ($1, $2, $3, $4, $4, $5, $6)",
                      {session->id, token_hash, user.id, to_unix_ms(session->created_at),
                       to_unix_ms(session->expires_at), from.ip}));
      });
  if (!appended) return std::move(appended).error();
  LoginResult result{token, session->expires_at, user};
  std::unique_lock lock(mutex_);
  failed_logins_[user.id] = 0;
  users_by_id_[user.id].locked_until.reset();
  result.user = users_by_id_[user.id];
  token_hash_by_session_id_[session->id] = token_hash;
  sessions_by_token_hash_[token_hash] = std::move(session);
  return result;
}

Result<Principal> AuthService::authenticate(std::string_view token) {
  if (token.empty() || token.size() > 128) return Error::unauthenticated("no valid session token");
  const std::string token_hash = sha256_hex(token);
  const auto now = clock_.now();
  std::shared_lock lock(mutex_);
  const auto it = sessions_by_token_hash_.find(token_hash);
  if (it == sessions_by_token_hash_.end()) return Error::unauthenticated("no valid session token");
  Session& session = *it->second;
  const auto last_seen = from_unix_ms(session.last_seen_ms.load(std::memory_order_relaxed));
  if (now >= session.expires_at || now - last_seen >= options_.idle_timeout) {
    return Error::unauthenticated("the session has expired; sign in again");
  }
  const auto user = users_by_id_.find(session.user_id);
  if (user == users_by_id_.end() || user->second.disabled) {
    return Error::unauthenticated("the account is disabled");
  }
  session.last_seen_ms.store(to_unix_ms(now), std::memory_order_relaxed);
  session.dirty.store(true, std::memory_order_relaxed);
  return Principal{user->second, session.id, session.expires_at};
}

Status AuthService::logout(std::string_view token, const Origin& from) {
  const std::string token_hash = sha256_hex(token);
  std::string session_id, user_id;
  {
    std::shared_lock lock(mutex_);
    const auto it = sessions_by_token_hash_.find(token_hash);
    if (it == sessions_by_token_hash_.end())
      return Error::unauthenticated("no valid session token");
    session_id = it->second->id;
    user_id = it->second->user_id;
  }
  auto appended = log_.append(
      {"user/" + user_id, "SessionEnded", user_id, "signed out",
       payload({{"session_id", session_id}, {"origin", from.ip}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        return to_status(s.execute(
            "UPDATE sessions SET ended_at_ms = $1, ended_reason = 'signed out' WHERE id = $2",
            {to_unix_ms(e.at), session_id}));
      });
  if (!appended) return std::move(appended).error();
  end_sessions([&](const std::string& hash, const Session&) { return hash == token_hash; });
  return {};
}

Status AuthService::change_password(const Principal& who, std::string_view current,
                                    std::string_view next, const Origin& from) {
  std::string hash;
  {
    std::shared_lock lock(mutex_);
    hash = password_hashes_.at(who.user.id);
  }
  if (!verify_password(current, hash)) return Error::invalid("current_password", "is wrong");
  if (current == next)
    return Error::invalid("new_password", "must differ from the current password");
  if (Status s = check_password_rules(who.user.username, next); !s) {
    Error e = std::move(s).error();
    for (auto& f : e.fields) f.field = "new_password";
    e.message = "new_password: " + e.fields.at(0).reason;
    return e;
  }
  auto new_hash = hash_password(next, options_.argon2_memory_kib, options_.argon2_passes);
  if (!new_hash) return std::move(new_hash).error();
  auto appended = log_.append(
      {"user/" + who.user.id, "PasswordChanged", who.user.id, "", payload({{"origin", from.ip}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        if (Status st = to_status(s.execute(
                "UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2",
                {*new_hash, who.user.id}));
            !st) {
          return st;
        }
        return to_status(
            s.execute("UPDATE sessions SET ended_at_ms = $1, ended_reason = 'password changed'"
                      " WHERE user_id = $2 AND id <> $3 AND ended_at_ms IS NULL",
                      {to_unix_ms(e.at), who.user.id, who.session_id}));
      });
  if (!appended) return std::move(appended).error();
  {
    std::unique_lock lock(mutex_);
    password_hashes_[who.user.id] = *new_hash;
    users_by_id_[who.user.id].must_change_password = false;
  }
  end_sessions([&](const std::string&, const Session& s) {
    return s.user_id == who.user.id && s.id != who.session_id;
  });
  return {};
}

Result<int> AuthService::flush_activity() {
  std::vector<std::pair<std::string, long long>> touched;
  const auto now = clock_.now();
  end_sessions([&](const std::string&, const Session& s) {
    return now >= s.expires_at ||
           now - from_unix_ms(s.last_seen_ms.load()) >= options_.idle_timeout;
  });
  {
    std::unique_lock lock(mutex_);
    for (auto& [hash, session] : sessions_by_token_hash_) {
      if (session->dirty.exchange(false))
        touched.emplace_back(session->id, session->last_seen_ms.load());
    }
  }
  if (touched.empty()) return 0;
  Status written = store_.transact(store::Access::kWrite, [&](store::Session& s) -> Status {
    for (const auto& [id, last_seen] : touched) {
      if (Status st = to_status(
              s.execute("UPDATE sessions SET last_seen_ms = $1 WHERE id = $2", {last_seen, id}));
          !st) {
        return st;
      }
    }
    return {};
  });
  if (!written) return std::move(written).error();
  return static_cast<int>(touched.size());
}

size_t AuthService::live_sessions() const {
  std::shared_lock lock(mutex_);
  return sessions_by_token_hash_.size();
}

}  // namespace peel::auth
