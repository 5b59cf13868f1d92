// The dispatchers of a load test: WebSocket connections to /api/v1/stream subscribed as a
// control room screen is (incidents, resources, alerts and the positions feed), all on one
// thread. Each notes when it first saw each event of each incident, so that the load can tell
// how soon events reached the screens and whether any never did.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace peel::sim {

struct ScreenLog {
  // "<incident id> <event type>" → when it first arrived.
  std::unordered_map<std::string, std::chrono::steady_clock::time_point> incident_events;
  size_t events = 0, position_frames = 0;
  bool subscribed = false;
  std::string ended;  // why the connection ended before stop(), if it did
};

class DispatcherScreens {
 public:
  // Connects `count` screens to the server at host:port with `token`, each continuing the log
  // after `after_sequence`; returns once all are subscribed, or an error naming the first
  // that could not be (within 30 s).
  static Result<std::unique_ptr<DispatcherScreens>> open(const std::string& host,
                                                         const std::string& port,
                                                         const std::string& token, size_t count,
                                                         long long after_sequence);
  ~DispatcherScreens();

  // Closes every connection; the logs are final afterwards.
  void stop();
  const std::vector<ScreenLog>& logs() const { return logs_; }

  DispatcherScreens(const DispatcherScreens&) = delete;
  DispatcherScreens& operator=(const DispatcherScreens&) = delete;

  struct Connections;  // the sockets and their thread's state (dispatcher_screens.cc)

 private:
  DispatcherScreens() = default;

  std::unique_ptr<Connections> connections_;
  std::vector<ScreenLog> logs_;
  std::thread thread_;
};

}  // namespace peel::sim
