// A thread that runs some work every period until it is stopped: request_stop() (or destroying
// the jthread) wakes it at once instead of at the end of the period.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace peel {

inline std::jthread run_every(std::chrono::milliseconds period, std::function<void()> work) {
  return std::jthread([period, work = std::move(work)](const std::stop_token& stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    while (true) {
      // Returns early only when a stop is requested (nothing else wakes it).
      (void)wake.wait_for(lock, stop, period, [] { return false; });
      if (stop.stop_requested()) return;
      work();
    }
  });
}

}  // namespace peel
