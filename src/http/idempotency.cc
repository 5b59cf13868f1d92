#include "http/idempotency.h"

namespace peel::http {

IdempotencyCache::Claim IdempotencyCache::claim(const std::string& user_id, const std::string& key,
                                                const std::string& fingerprint, Response& stored) {
  const auto now = std::chrono::steady_clock::now();
  const std::string id = user_id + '\n' + key;
  std::lock_guard lock(mutex_);
  evict_expired(now);
  auto it = entries_.find(id);
  if (it != entries_.end()) {
    if (it->second.fingerprint != fingerprint) return Claim::kMismatch;
    if (!it->second.response) return Claim::kInProgress;
    stored = *it->second.response;
    return Claim::kReplay;
  }
  while (entries_.size() >= capacity_ && !order_.empty()) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
  order_.push_back(id);
  entries_.emplace(id, Entry{fingerprint, std::nullopt, now, std::prev(order_.end())});
  return Claim::kNew;
}

void IdempotencyCache::complete(const std::string& user_id, const std::string& key,
                                const Response& response) {
  const std::string id = user_id + '\n' + key;
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  if (response.status >= 500) {
    order_.erase(it->second.order);
    entries_.erase(it);
    return;
  }
  it->second.response = response;
}

void IdempotencyCache::evict_expired(std::chrono::steady_clock::time_point now) {
  while (!order_.empty()) {
    auto it = entries_.find(order_.front());
    if (it != entries_.end() && now - it->second.at < ttl_) break;
    if (it != entries_.end()) entries_.erase(it);
    order_.pop_front();
  }
}

}  // namespace peel::http
