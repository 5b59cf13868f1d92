#include "app/leadership.h"

#include <condition_variable>

#include "core/log.h"

namespace peel::app {

namespace {

constexpr const char* kLockName = "active-server";

}  // namespace

Leadership::Leadership(store::Store& store, events::EventLog& log, std::string holder,
                       LeadershipHooks hooks)
    : store_(store), log_(log), holder_(std::move(holder)), hooks_(std::move(hooks)) {}

Leadership::~Leadership() { stop(); }

Status Leadership::start(std::chrono::milliseconds period, bool sole) {
  auto lock = store_.try_lock(kLockName);
  if (!lock) return std::move(lock).error();
  if (!*lock) {
    auto holder = log_.leader();
    const std::string who = holder && !holder->empty() ? *holder : "another peel serve";
    if (sole) {
      return Error::conflict("another server is already serving " + store_.description() + " (" +
                             who + "): stop it first; standby servers need PostgreSQL");
    }
    log::info("peel.standing_by", {{"active", who}});
  } else {
    lock_ = std::move(*lock);
    if (Status s = take_over(); !s) return s;
  }
  thread_ = std::jthread([this, period](const std::stop_token& stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock guard(mutex);
    while (!stop.stop_requested()) {
      (void)wake.wait_for(guard, stop, period, [] { return false; });
      if (stop.stop_requested()) return;
      look();
    }
  });
  return {};
}

void Leadership::stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
  if (active_.exchange(false)) {
    log_.give_up_leadership();
    if (hooks_.stood_down) hooks_.stood_down();
  }
  lock_.reset();
}

void Leadership::set_holder(std::string holder) {
  std::lock_guard lock(holder_mutex_);
  holder_ = std::move(holder);
}

std::string Leadership::active_holder() const {
  std::lock_guard lock(holder_mutex_);
  return active_ ? holder_ : known_holder_;
}

std::optional<Error> Leadership::refusal() const {
  if (active_) return std::nullopt;
  const std::string who = active_holder();
  return Error::unavailable("this server is standing by" +
                            (who.empty() ? std::string() : " (the active server is " + who + ")") +
                            ": send changes to the active server, or retry here once it takes "
                            "over");
}

Status Leadership::take_over() {
  std::string holder;
  {
    std::lock_guard lock(holder_mutex_);
    holder = holder_;
  }
  auto epoch = log_.take_leadership(holder);
  if (!epoch) {
    lock_.reset();  // a lock without the epoch is no leadership: let another try
    return std::move(epoch).error();
  }
  active_ = true;
  log::info("peel.active", {{"holder", holder}, {"epoch", *epoch}});
  if (hooks_.became_active) hooks_.became_active();
  return {};
}

void Leadership::look() {
  if (lock_) {
    if (lock_->held()) return;
    // The connection behind the lock broke (the database failed over, or this server was cut
    // off): whoever holds the lock now is active, and this server's writes are fenced off.
    log::warn("peel.leadership_lost", {{"epoch_holder", active_holder()}});
    lock_.reset();
    if (active_.exchange(false)) {
      log_.give_up_leadership();
      if (hooks_.stood_down) hooks_.stood_down();
    }
  }
  auto lock = store_.try_lock(kLockName);
  if (!lock) {
    log::debug("peel.leadership_unavailable", {{"reason", lock.error().message}});
    return;
  }
  if (!*lock) {
    if (auto holder = log_.leader(); holder) {
      std::lock_guard guard(holder_mutex_);
      known_holder_ = *holder;
    }
    return;
  }
  lock_ = std::move(*lock);
  if (Status s = take_over(); !s)
    log::warn("peel.take_over_failed", {{"reason", s.error().message}});
}

}  // namespace peel::app
