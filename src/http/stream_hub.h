// The live stream behind GET /api/v1/stream (WebSocket). Clients subscribe to topics and may
// pass the last sequence number they saw; the hub replays what they missed from the event log
// and then forwards new events as they become durable, in order, each with its sequence
// number, so a client that reconnects loses nothing. Topics carry a permission: a client only
// receives what its role may read. Socket-free: the server moves text in and out.
//
// Live topics carry what is not an event in the log (AVL positions: too many, and only the
// latest matter): frames handed to publish_live(), and on subscription the current state
// instead of a replay. Clients may also send messages other than subscriptions (a unit's
// positions); the module that owns them registers a handler.
#pragma once

#include <boost/json/value.hpp>
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
  // Payload fields left out of the frames: personal data that a feed to every screen must not
  // carry (reading it goes through a route that records the access and its purpose).
  std::vector<std::string> withheld = {};
};

struct LiveTopic {
  std::string name;        // "positions"
  std::string permission;  // needed to subscribe
  // The state a new subscriber starts from (sent as one frame); null for nothing.
  std::function<boost::json::value()> current;
};

// A message from a client, {"<key>": ...}: answers the frame to send back (an error frame from
// error_frame() when it is refused).
struct MessageHandler {
  std::string key;         // "positions"
  std::string permission;  // needed to send it
  std::function<boost::json::value(const auth::Principal&, boost::json::object message)> handle;
};

// One serialized frame, shared by every client it goes to.
using Frame = std::shared_ptr<const std::string>;

class StreamClient {
 public:
  // Text frames to send, oldest first.
  std::deque<Frame> take_outgoing();
  // The server's way to be woken when there is something to send. Called with the lock free.
  void set_wake(std::function<void()> wake);
  bool closed() const;
  // The close frame's code and reason once closed: 1001 (going away) unless the hub closed it
  // for a reason of its own (kSessionEnded: the session ended).
  int close_code() const;
  std::string close_reason() const;

  // An application's own close code (RFC 6455 7.4.2, 4000-4999), as HTTP's 401.
  static constexpr int kSessionEnded = 4401;

 private:
  friend class StreamHub;
  void push(Frame frame);
  void push(const boost::json::value& message);
  // Sends this last and closes.
  void close_with(const boost::json::value& message, int code = 1001, std::string reason = "");

  mutable std::mutex mutex_;
  std::deque<Frame> outgoing_;
  std::function<void()> wake_;
  auth::Principal principal_;
  std::vector<const Topic*> topics_;
  std::vector<const LiveTopic*> live_topics_;
  long long delivered_ = 0;  // highest sequence sent
  bool replaying_ = false;   // live events wait until the replay has caught up
  bool closed_ = false;
  int close_code_ = 1001;
  std::string close_reason_;
};

class StreamHub {
 public:
  // Subscribes to the log; REQUIRES: called before the log starts taking appends from others.
  StreamHub(events::EventLog& log, std::vector<Topic> topics);
  // REQUIRES: called before serving (the lists are read without a lock).
  void add_live_topic(LiveTopic topic);
  void add_handler(MessageHandler handler);
  // Asked before a client's message other than a subscription (a unit's positions) is handled:
  // an error refuses it (a standing-by server). REQUIRES: set before serving.
  void set_standby_gate(std::function<std::optional<Error>()> gate) {
    standby_gate_ = std::move(gate);
  }

  // Sends `data` to the subscribers of a live topic: {"type": "live", "topic", "data"}. `data`
  // is made only if someone is subscribed (AVL batches are large and often unwatched).
  void publish_live(const std::string& topic, const std::function<boost::json::value()>& data);
  // {"type": "error", "detail", "errors": [{"field", "reason"}]}, as a problem+json would say it.
  static boost::json::value error_frame(const Error& error);

  // How a client's session is checked at each frame in and out (AuthService::check_session).
  // REQUIRES: set before serving; unset, frames are not checked (tests of the hub alone).
  void set_session_check(
      std::function<Result<auth::Principal>(const std::string& session_id, bool activity)> check) {
    session_check_ = std::move(check);
  }
  // False, and the client closed with the reason, once its session is no longer live.
  bool session_live(const std::shared_ptr<StreamClient>& client, bool activity);

  std::shared_ptr<StreamClient> connect(const auth::Principal& principal);
  // A text frame from the client: {"subscribe": ["users"], "after": 120}.
  void receive(const std::shared_ptr<StreamClient>& client, std::string_view text);
  void disconnect(const std::shared_ptr<StreamClient>& client);
  // Closes the streams opened with these sessions (signed out, disabled, expired, here or in
  // another process), telling each client why.
  void end_sessions(const std::vector<std::string>& session_ids);
  size_t clients() const;

  static constexpr size_t kMaxQueued = 10'000;  // a client this far behind is cut off

 private:
  void publish(const events::Event& event);
  static Frame frame_of(const events::Event& event, const Topic& topic);
  void subscribe(const std::shared_ptr<StreamClient>& client, const boost::json::object& message);
  // Sends an error frame answering a client's message, and logs the refusal.
  static void refuse(StreamClient& client, boost::json::value error);

  events::EventLog& log_;
  std::vector<Topic> topics_;
  std::deque<LiveTopic> live_topics_;  // a deque: clients point at its elements
  std::vector<MessageHandler> handlers_;
  std::function<std::optional<Error>()> standby_gate_;
  std::function<Result<auth::Principal>(const std::string&, bool)> session_check_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<StreamClient>> clients_;
};

}  // namespace peel::http
