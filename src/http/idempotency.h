// Idempotency-Key handling for writes (DESIGN.md, API conventions): a repeat of a write with the
// same key, by the same user, returns the first result instead of doing the work again. Kept in
// memory for 24 hours; a restart forgets keys (documented in docs/api.md). Internal to http.
#pragma once

#include <chrono>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/http.h"

namespace peel::http {

class IdempotencyCache {
 public:
  explicit IdempotencyCache(size_t capacity = 100'000,
                            std::chrono::hours ttl = std::chrono::hours(24))
      : capacity_(capacity), ttl_(ttl) {}

  enum class Claim { kNew, kReplay, kInProgress, kMismatch };
  // Claims (user, key) for a request with this fingerprint. kReplay fills `stored`.
  Claim claim(const std::string& user_id, const std::string& key, const std::string& fingerprint,
              Response& stored);
  // Records the outcome of a claimed request; a server error releases the key instead, so the
  // client may retry it.
  void complete(const std::string& user_id, const std::string& key, const Response& response);

 private:
  struct Entry {
    std::string fingerprint;
    std::optional<Response> response;  // empty while in progress
    std::chrono::steady_clock::time_point at;
    std::list<std::string>::iterator order;
  };
  void evict_expired(std::chrono::steady_clock::time_point now);

  const size_t capacity_;
  const std::chrono::hours ttl_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> order_;  // oldest first
};

}  // namespace peel::http
