// The workers that take items from the queues and run their processes' steps, each on its own
// thread. The pool grows with the backlog of items ready to work, one worker for every
// `backlog_per_worker` of them, up to `max_workers`, and shrinks back to `min_workers` as it
// clears (a worker leaves after its current item). An idle worker is woken at once when an item
// is queued in this process (wake()), and otherwise looks again every `idle_poll`, which is how
// items left by a worker that died are found once their lease lapses.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "robotics/robotics.h"
#include "robotics/steps.h"

namespace peel::robotics {

struct WorkerPoolOptions {
  int min_workers = 1;
  int max_workers = 4;
  int backlog_per_worker = 10;
  std::chrono::milliseconds lease{60'000};  // time a worker may hold an item without word
  std::chrono::milliseconds idle_poll{1'000};
  std::string name = "worker";  // workers are "<name>-1", "<name>-2", ... in items' history
};

class WorkerPool {
 public:
  WorkerPool(Robotics& robotics, StepServices services, WorkerPoolOptions options);
  ~WorkerPool();  // stops
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Takes back the items this pool's workers held when they last stopped (the server was
  // killed), then starts `min_workers` and the thread that sizes the pool.
  void start();
  // Each worker finishes the item it is on, and the pool stops.
  void stop();
  // An item is ready: wakes an idle worker.
  void wake();

  // One turn on the caller's thread: claims the most urgent ready item and works it to its end,
  // its first failure or its wait for a person. False when nothing was ready.
  Result<bool> work_one(const std::string& worker);

  // Workers running now.
  int workers() const;

 private:
  Result<ProcessDefinition> definition(const std::string& id, int version);
  void run_worker(int index, const std::stop_token& stop);
  void size_pool(const std::stop_token& stop);

  Robotics& robotics_;
  StepServices services_;
  WorkerPoolOptions options_;

  std::mutex definitions_mutex_;
  std::map<std::pair<std::string, int>, ProcessDefinition> definitions_;

  std::mutex wake_mutex_;
  std::condition_variable_any wake_;
  long long wakes_ = 0;  // bumped by wake(), under wake_mutex_

  struct Slot {
    std::jthread thread;
    std::atomic<bool> active{false};
  };
  // Starts a worker in each of the first `count` slots that has none.
  void ensure_workers(int count);

  mutable std::mutex slots_mutex_;
  std::vector<std::unique_ptr<Slot>> slots_;  // slot i runs worker i + 1
  std::atomic<int> wanted_{0};
  std::jthread sizer_;
};

}  // namespace peel::robotics
