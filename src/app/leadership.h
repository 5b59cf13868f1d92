// Which server is active. State with one owner (Command & Control's live decisions, its alert
// timers, robotics' triggers and workers, duty's crewing of units) is worked by the one server
// that holds the store's "active-server" lock (a PostgreSQL advisory lock; on SQLite a lock on
// a file beside the database). The others stand by: they follow the log, serve reads and
// sign-ins, refuse other writes with 503 and Retry-After, and try for the lock every period;
// the one that gets it takes over from the durable log, which it has been following all along.
//
// Taking over is an event ("ServerBecameActive") that raises the store's leadership epoch. The
// active server's event log writes only while the store's epoch is still its own, so a server
// that lost the lock without knowing yet (a failover, a partition) cannot write over its
// successor for even one batch.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/result.h"
#include "events/event_log.h"
#include "store/store.h"

namespace peel::app {

struct LeadershipHooks {
  std::function<void()> became_active;  // start the single-owner work
  std::function<void()> stood_down;     // stop it (the lock was lost)
};

class Leadership {
 public:
  // `holder` says who this server is, for the others' messages: "pid 4242 on ctl1,
  // http://10.0.0.5:8080".
  Leadership(store::Store& store, events::EventLog& log, std::string holder, LeadershipHooks hooks);
  ~Leadership();
  Leadership(const Leadership&) = delete;
  Leadership& operator=(const Leadership&) = delete;

  // Tries for the lock once (becoming active or standing by), then keeps trying, or checking
  // that it is still held, every `period` on a thread of its own. With `sole`, a server that
  // cannot have the lock at once is refused instead, naming the one that has it (SQLite: one
  // machine, one file, nothing to fail over to).
  Status start(std::chrono::milliseconds period, bool sole);
  void stop();  // gives the lock up

  // Once serving, when the address is known.
  void set_holder(std::string holder);
  bool active() const { return active_.load(); }
  // Who holds the lock, as recorded when they took it ("" when nobody has yet).
  std::string active_holder() const;
  // Why a write is refused here: null when this server is active.
  std::optional<Error> refusal() const;

 private:
  void look();  // one period's work: try for the lock, or check it is still held
  Status take_over();

  store::Store& store_;
  events::EventLog& log_;
  std::string holder_;  // under holder_mutex_
  LeadershipHooks hooks_;
  std::unique_ptr<store::StoreLock> lock_;  // only the leadership thread touches it once started
  std::atomic<bool> active_{false};
  std::jthread thread_;
  mutable std::mutex holder_mutex_;
  std::string known_holder_;  // the active server's description, read when standing by
};

}  // namespace peel::app
