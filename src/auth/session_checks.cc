// What a session holds open (a WebSocket) is checked against the session at each frame, and
// sessions past their limits are ended each second so that what they hold closes at once.
#include <map>

#include "auth/auth.h"

namespace peel::auth {

Result<Principal> AuthService::check_session(const std::string& session_id, bool activity) {
  const auto now = clock_.now();
  std::shared_lock lock(mutex_);
  const auto hash = token_hash_by_session_id_.find(session_id);
  if (hash == token_hash_by_session_id_.end())
    return Error::unauthenticated("the session has ended; sign in again");
  const auto it = sessions_by_token_hash_.find(hash->second);
  if (it == sessions_by_token_hash_.end())
    return Error::unauthenticated("the session has ended; sign in again");
  Session& session = *it->second;
  const auto last_seen = from_unix_ms(session.last_seen_ms.load(std::memory_order_relaxed));
  if (now >= session.expires_at || now - last_seen >= options_.idle_timeout)
    return Error::unauthenticated("the session has expired; sign in again");
  const auto user = users_by_id_.find(session.user_id);
  if (user == users_by_id_.end() || user->second.disabled)
    return Error::unauthenticated("the account is disabled");
  if (activity) {
    session.last_seen_ms.store(to_unix_ms(now), std::memory_order_relaxed);
    session.dirty.store(true, std::memory_order_relaxed);
  }
  return Principal{user->second, session.id, session.expires_at};
}

Status AuthService::end_expired() {
  const auto now = clock_.now();
  const auto idle = [&](const Session& s) {
    return now - from_unix_ms(s.last_seen_ms.load()) >= options_.idle_timeout;
  };
  std::vector<std::string> idle_here;
  {
    std::shared_lock lock(mutex_);
    for (const auto& [hash, session] : sessions_by_token_hash_) {
      if (now < session->expires_at && idle(*session)) idle_here.push_back(session->id);
    }
  }
  if (!idle_here.empty()) {  // rare: a few a minute at most
    std::map<std::string, long long> seen_elsewhere;
    Status read = store_.transact(store::Access::kRead, [&](store::Session& db) -> Status {
      for (const auto& id : idle_here) {
        auto rows = db.query("SELECT last_seen_ms FROM sessions WHERE id = $1", {id});
        if (!rows) return std::move(rows).error();
        if (!rows->empty()) seen_elsewhere[id] = rows->front().integer(0);
      }
      return {};
    });
    if (!read) return read;
    std::shared_lock lock(mutex_);
    for (const auto& [id, seen] : seen_elsewhere) {
      const auto hash = token_hash_by_session_id_.find(id);
      if (hash == token_hash_by_session_id_.end()) continue;
      Session& session = *sessions_by_token_hash_.at(hash->second);
      if (seen > session.last_seen_ms.load()) session.last_seen_ms.store(seen);
    }
  }
  end_sessions(
      [&](const std::string&, const Session& s) { return now >= s.expires_at || idle(s); });
  return {};
}

}  // namespace peel::auth
