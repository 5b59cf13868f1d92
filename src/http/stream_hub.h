// The live stream behind GET /api/v1/stream (WebSocket). Clients subscribe to topics and may
// pass the last sequence number they saw; the hub replays what they missed from the event log
// and then forwards new events as they become durable, in order, each with its sequence
// number, so a client that reconnects loses nothing. Topics carry a permission: a client only
// receives what its role may read. Socket-free: the server moves text in and out.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "events/event_log.h"

namespace peel::http {

struct Topic {
  std::string name;           // "users"
  std::string stream_prefix;  // events whose stream starts with this: "user/"
  std::string permission;     // needed to subscribe
};

class StreamClient {
 public:
  // Text frames to send, oldest first.
  std::deque<std::string> take_outgoing();
  // The server's way to be woken when there is something to send. Called with the lock free.
  void set_wake(std::function<void()> wake);
  bool closed() const;

 private:
  friend class StreamHub;
  void push(std::string frame);

  mutable std::mutex mutex_;
  std::deque<std::string> outgoing_;
  std::function<void()> wake_;
  auth::Principal principal_;
  std::vector<const Topic*> topics_;
  long long delivered_ = 0;  // highest sequence sent
  bool replaying_ = false;   // live events wait until the replay has caught up
  bool closed_ = false;
};

class StreamHub {
 public:
  // Subscribes to the log; REQUIRES: called before the log starts taking appends from others.
  StreamHub(events::EventLog& log, std::vector<Topic> topics);

  std::shared_ptr<StreamClient> connect(const auth::Principal& principal);
  // A text frame from the client: {"subscribe": ["users"], "after": 120}.
  void receive(const std::shared_ptr<StreamClient>& client, std::string_view text);
  void disconnect(const std::shared_ptr<StreamClient>& client);
  size_t clients() const;

  static constexpr size_t kMaxQueued = 10'000;  // a client this far behind is cut off

 private:
  void publish(const events::Event& event);
  static std::string frame_of(const events::Event& event, const Topic& topic);

  events::EventLog& log_;
  std::vector<Topic> topics_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<StreamClient>> clients_;
};

}  // namespace peel::http
