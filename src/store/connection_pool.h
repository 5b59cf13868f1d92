// A bounded pool of connections, shared by both backends. Internal to the store.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace peel::store {

template <typename Connection>
class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;

  ConnectionPool(Factory factory, int max, std::chrono::milliseconds acquire_timeout)
      : factory_(std::move(factory)), max_(max), acquire_timeout_(acquire_timeout) {}

  // A connection on loan; returns itself to the pool when destroyed. A connection marked
  // broken is closed instead, and the next acquisition opens a fresh one.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    ~Lease() {
      if (connection_) pool_->give_back(std::move(connection_), broken_);
    }
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }
    void mark_broken() { broken_ = true; }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
    bool broken_ = false;
  };

  Result<Lease> acquire() {
    std::unique_lock lock(mutex_);
    if (idle_.empty() && open_ >= max_) {
      ++waits_;
      if (!available_.wait_for(lock, acquire_timeout_,
                               [&] { return !idle_.empty() || open_ < max_; })) {
        ++timeouts_;
        return Error::unavailable("the store is busy: no connection became free in time");
      }
    }
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      ++in_use_;
      return Lease(this, std::move(connection));
    }
    ++open_;
    ++in_use_;
    lock.unlock();
    auto made = factory_();
    if (!made) {
      lock.lock();
      --open_;
      --in_use_;
      available_.notify_one();
      return std::move(made).error();
    }
    return Lease(this, std::move(made).value());
  }

  PoolStats stats() const {
    std::lock_guard lock(mutex_);
    return {open_, in_use_, max_, waits_, timeouts_};
  }

 private:
  void give_back(std::unique_ptr<Connection> connection, bool broken) {
    std::lock_guard lock(mutex_);
    --in_use_;
    if (broken) {
      --open_;
    } else {
      idle_.push_back(std::move(connection));
    }
    available_.notify_one();
  }

  Factory factory_;
  const int max_;
  const std::chrono::milliseconds acquire_timeout_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int in_use_ = 0;
  unsigned long long waits_ = 0;
  unsigned long long timeouts_ = 0;
};

// BEGIN, the work, then COMMIT, or ROLLBACK when the work fails or throws: the same for every
// backend. `Connection` has `Status plain(const char* sql)`.
// `began`, when given, says whether BEGIN went through: a failed BEGIN did nothing, so the
// caller may try again on another connection.
template <typename Connection>
Status run_transaction(Connection& connection, const char* begin, Session& session,
                       const std::function<Status(Session&)>& work, bool* began = nullptr) {
  if (began) *began = false;
  if (Status begun = connection.plain(begin); !begun) return begun;
  if (began) *began = true;
  Status outcome;
  try {
    outcome = work(session);
  } catch (...) {
    (void)connection.plain("ROLLBACK");
    throw;
  }
  if (!outcome) {
    (void)connection.plain("ROLLBACK");
    return outcome;
  }
  Status committed = connection.plain("COMMIT");
  if (!committed) (void)connection.plain("ROLLBACK");
  return committed;
}

}  // namespace peel::store
