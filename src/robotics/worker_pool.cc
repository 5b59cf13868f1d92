#include "robotics/worker_pool.h"

#include <boost/json.hpp>

#include "core/json_text.h"
#include "core/log.h"

namespace peel::robotics {

namespace json = boost::json;

namespace {

// How often the pool is sized to the backlog.
constexpr std::chrono::milliseconds kSizingPeriod{250};

}  // namespace

WorkerPool::WorkerPool(Robotics& robotics, StepServices services, WorkerPoolOptions options)
    : robotics_(robotics), services_(std::move(services)), options_(std::move(options)) {
  options_.min_workers = std::max(options_.min_workers, 0);
  options_.max_workers = std::max(options_.max_workers, std::max(options_.min_workers, 1));
  options_.backlog_per_worker = std::max(options_.backlog_per_worker, 1);
  for (int i = 0; i < options_.max_workers; ++i) slots_.push_back(std::make_unique<Slot>());
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::start() {
  if (auto released = robotics_.queue.release_leases(options_.name); !released) {
    log::warn("robotics.release_failed", {{"reason", released.error().message}});
  } else if (*released > 0) {
    log::info("robotics.leases_released", {{"items", *released}});
  }
  wanted_ = options_.min_workers;
  ensure_workers(wanted_);
  sizer_ = std::jthread([this](const std::stop_token& stop) { size_pool(stop); });
}

void WorkerPool::stop() {
  sizer_.request_stop();
  if (sizer_.joinable()) sizer_.join();
  std::lock_guard lock(slots_mutex_);
  for (auto& slot : slots_) slot->thread.request_stop();
  for (auto& slot : slots_) {
    if (slot->thread.joinable()) slot->thread.join();
  }
}

void WorkerPool::wake() {
  {
    std::lock_guard lock(wake_mutex_);
    ++wakes_;
  }
  wake_.notify_one();
}

int WorkerPool::workers() const {
  std::lock_guard lock(slots_mutex_);
  int n = 0;
  for (const auto& slot : slots_) n += slot->active ? 1 : 0;
  return n;
}

void WorkerPool::ensure_workers(int count) {
  std::lock_guard lock(slots_mutex_);
  for (int i = 0; i < count && i < static_cast<int>(slots_.size()); ++i) {
    Slot& slot = *slots_[static_cast<size_t>(i)];
    if (slot.active) continue;
    if (slot.thread.joinable()) slot.thread.join();  // it has left; start it again
    slot.active = true;
    slot.thread = std::jthread([this, i](const std::stop_token& stop) { run_worker(i, stop); });
  }
}

void WorkerPool::size_pool(const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any never;
  std::unique_lock lock(mutex);
  while (!stop.stop_requested()) {
    if (auto ready = robotics_.queue.ready_count(); ready) {
      const int per = options_.backlog_per_worker;
      const int desired =
          std::clamp((*ready + per - 1) / per, options_.min_workers, options_.max_workers);
      wanted_ = desired;
      ensure_workers(desired);
    }
    (void)never.wait_for(lock, stop, kSizingPeriod, [] { return false; });
  }
}

void WorkerPool::run_worker(int index, const std::stop_token& stop) {
  const std::string name = options_.name + "-" + std::to_string(index + 1);
  while (!stop.stop_requested() && index < wanted_) {
    long long seen = 0;
    {
      std::lock_guard lock(wake_mutex_);
      seen = wakes_;
    }
    auto worked = work_one(name);
    if (!worked)
      log::warn("robotics.worker_failed", {{"worker", name}, {"reason", worked.error().message}});
    if (worked && *worked) continue;
    std::unique_lock lock(wake_mutex_);
    (void)wake_.wait_for(lock, stop, options_.idle_poll, [&] { return wakes_ != seen; });
  }
  slots_[static_cast<size_t>(index)]->active = false;
}

Result<ProcessDefinition> WorkerPool::definition(const std::string& id, int version) {
  {
    std::lock_guard lock(definitions_mutex_);
    const auto found = definitions_.find({id, version});
    if (found != definitions_.end()) return found->second;
  }
  auto installed = robotics_.processes.version(id, version);
  if (!installed) return std::move(installed).error();
  std::lock_guard lock(definitions_mutex_);
  definitions_.emplace(std::pair{id, version}, installed->definition);
  return std::move(installed->definition);
}

Result<bool> WorkerPool::work_one(const std::string& worker) {
  WorkQueue& queue = robotics_.queue;
  auto claimed = queue.claim(worker, options_.lease);
  if (!claimed) return std::move(claimed).error();
  if (!*claimed) return false;
  WorkItem item = std::move(**claimed);
  auto process = definition(item.facts.process_id, item.facts.process_version);
  if (!process) {
    auto held = queue.business_exception(
        item.id, worker,
        "its process is not installed (" + item.facts.process_id + " version " +
            std::to_string(item.facts.process_version) + "): " + process.error().message);
    if (!held) return std::move(held).error();
    return true;
  }
  for (size_t at = static_cast<size_t>(item.next_step); at < process->order.size(); ++at) {
    const StepSpec& step = process->steps[process->order[at]];
    StepResult result = run_step(services_, *process, step, item);
    Result<WorkItem> next = Error::internal("no step result");
    switch (result.kind) {
      case StepResult::Kind::kDone: {
        json::object recorded = result.outputs;
        recorded["steps"] = json::object{{step.id, std::move(result.outputs)}};
        next = queue.step_done(item.id, worker, static_cast<int>(at), json_text(recorded));
        break;
      }
      case StepResult::Kind::kBusinessException:
        next = queue.business_exception(item.id, worker, step.id + ": " + result.reason);
        break;
      case StepResult::Kind::kAwaitingDecision:
        next = queue.await_decision(item.id, worker, step.id, result.reason);
        break;
      case StepResult::Kind::kSystemFailure:
        next = queue.system_failure(item.id, worker, step.id + ": " + result.reason, step.retry);
        break;
    }
    // A conflict here is a lease that lapsed while the step ran: the item is someone else's.
    if (!next) {
      if (next.error().code == ErrorCode::kConflict) return true;
      return std::move(next).error();
    }
    if (result.kind != StepResult::Kind::kDone) return true;
    item = std::move(*next);
  }
  auto finished = queue.complete(item.id, worker);
  if (!finished && finished.error().code != ErrorCode::kConflict)
    return std::move(finished).error();
  return true;
}

}  // namespace peel::robotics
