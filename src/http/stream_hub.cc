#include "http/stream_hub.h"

#include <algorithm>
#include <boost/json.hpp>

#include "core/json_text.h"
#include "core/log.h"
#include "http/http.h"

namespace peel::http {

namespace json = boost::json;

namespace {

Frame frame(const json::value& message) {
  return std::make_shared<const std::string>(json_text(message));
}

json::value error_message(const std::string& detail) {
  return json::object{{"type", "error"}, {"detail", detail}};
}

}  // namespace

std::deque<Frame> StreamClient::take_outgoing() {
  std::lock_guard lock(mutex_);
  return std::exchange(outgoing_, {});
}

void StreamClient::set_wake(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

bool StreamClient::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

void StreamClient::push(Frame message) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    if (outgoing_.size() >= StreamHub::kMaxQueued) {
      // Too slow to keep up: close, and let the client resume from its last sequence.
      outgoing_.clear();
      outgoing_.push_back(frame(error_message("too far behind; reconnect and resume")));
      closed_ = true;
    } else {
      outgoing_.push_back(std::move(message));
    }
    wake = wake_;
  }
  if (wake) wake();
}

void StreamClient::push(const json::value& message) { push(frame(message)); }

int StreamClient::close_code() const {
  std::lock_guard lock(mutex_);
  return close_code_;
}

std::string StreamClient::close_reason() const {
  std::lock_guard lock(mutex_);
  return close_reason_;
}

void StreamClient::close_with(const json::value& message, int code, std::string reason) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    outgoing_.push_back(frame(message));
    closed_ = true;
    close_code_ = code;
    close_reason_ = std::move(reason);
    wake = wake_;
  }
  if (wake) wake();
}

StreamHub::StreamHub(events::EventLog& log, std::vector<Topic> topics)
    : log_(log), topics_(std::move(topics)) {
  log_.subscribe([this](const events::Event& e) { publish(e); });
}

void StreamHub::add_live_topic(LiveTopic topic) { live_topics_.push_back(std::move(topic)); }

void StreamHub::add_handler(MessageHandler handler) { handlers_.push_back(std::move(handler)); }

json::value StreamHub::error_frame(const Error& error) {
  json::object out{{"type", "error"}};
  add_problem_detail(out, error);
  return out;
}

std::shared_ptr<StreamClient> StreamHub::connect(const auth::Principal& principal) {
  auto client = std::make_shared<StreamClient>();
  client->principal_ = principal;
  client->delivered_ = log_.last_sequence();
  std::lock_guard lock(mutex_);
  clients_.push_back(client);
  return client;
}

void StreamHub::disconnect(const std::shared_ptr<StreamClient>& client) {
  std::lock_guard lock(mutex_);
  std::erase(clients_, client);
}

void StreamHub::end_sessions(const std::vector<std::string>& session_ids) {
  std::vector<std::shared_ptr<StreamClient>> ended;
  {
    std::lock_guard lock(mutex_);
    for (const auto& client : clients_) {
      if (std::find(session_ids.begin(), session_ids.end(), client->principal_.session_id) !=
          session_ids.end())
        ended.push_back(client);
    }
  }
  for (const auto& client : ended) {
    client->close_with(
        json::object{
            {"type", "error"}, {"status", 401}, {"detail", "the session has ended; sign in again"}},
        StreamClient::kSessionEnded, "the session has ended; sign in again");
  }
}

bool StreamHub::session_live(const std::shared_ptr<StreamClient>& client, bool activity) {
  if (!session_check_) return true;
  auto live = session_check_(client->principal_.session_id, activity);
  if (live) return true;
  client->close_with(
      json::object{{"type", "error"}, {"status", 401}, {"detail", live.error().message}},
      StreamClient::kSessionEnded, live.error().message);
  return false;
}

size_t StreamHub::clients() const {
  std::lock_guard lock(mutex_);
  return clients_.size();
}

Frame StreamHub::frame_of(const events::Event& e, const Topic& topic) {
  std::error_code ec;
  json::value data = json::parse(e.payload, ec);
  if (auto* fields = data.if_object()) {
    for (const auto& name : topic.withheld) fields->erase(name);
  }
  return frame(json::object{{"type", "event"},
                            {"topic", topic.name},
                            {"sequence", e.sequence},
                            {"at", format_rfc3339(e.at)},
                            {"stream", e.stream},
                            {"event", e.type},
                            {"actor", e.actor},
                            {"data", ec ? json::value() : std::move(data)}});
}

void StreamHub::receive(const std::shared_ptr<StreamClient>& client, std::string_view text) {
  if (!session_live(client, true)) return;  // nothing a client sends outlives its session
  std::error_code ec;
  json::value message = json::parse(json::string_view(text.data(), text.size()), ec);
  json::object* object = ec ? nullptr : message.if_object();
  if (object && object->contains("subscribe")) {
    subscribe(client, *object);
    return;
  }
  for (const auto& handler : handlers_) {
    if (!object || !object->contains(handler.key)) continue;
    if (!client->principal_.can(handler.permission)) {
      refuse(*client, error_message("your role does not allow sending " + handler.key));
      return;
    }
    if (standby_gate_) {
      if (auto refusal = standby_gate_()) {
        refuse(*client, error_frame(*refusal));
        return;
      }
    }
    json::value reply = handler.handle(client->principal_, std::move(*object));
    if (reply.is_object() && reply.as_object().contains("type") &&
        reply.as_object().at("type") == "error") {
      refuse(*client, std::move(reply));
    } else {
      client->push(reply);
    }
    return;
  }
  std::string expected = "send {\"subscribe\": [topics], \"after\": last sequence seen}";
  for (const auto& handler : handlers_) expected += " or {\"" + handler.key + "\": ...}";
  refuse(*client, error_message(expected));
}

void StreamHub::refuse(StreamClient& client, json::value error) {
  // As a refused request is logged by the server: who sent it and why it was refused (never
  // the message itself, which may carry personal data).
  log::info("stream.message_refused", {{"user", client.principal_.user.username},
                                       {"reason", error.as_object().at("detail")}});
  client.push(error);
}

void StreamHub::subscribe(const std::shared_ptr<StreamClient>& client,
                          const json::object& message) {
  const json::array* names = message.at("subscribe").if_array();
  if (!names) {
    refuse(*client, error_message("subscribe: must be a list of topics"));
    return;
  }
  long long after = log_.last_sequence();
  if (const auto* a = message.if_contains("after")) {
    if (!a->is_int64() || a->as_int64() < 0) {
      refuse(*client, error_message("after: must be a sequence number"));
      return;
    }
    after = a->as_int64();
  }
  std::vector<const Topic*> chosen;
  std::vector<const LiveTopic*> chosen_live;
  for (const auto& name : *names) {
    const auto* topic_name = name.if_string();
    const Topic* topic = nullptr;
    const LiveTopic* live = nullptr;
    for (const auto& t : topics_) {
      if (topic_name && t.name == *topic_name) topic = &t;
    }
    for (const auto& t : live_topics_) {
      if (topic_name && t.name == *topic_name) live = &t;
    }
    if (!topic && !live) {
      refuse(*client,
             error_message("unknown topic " + (topic_name ? std::string(*topic_name) : "?")));
      return;
    }
    if (!client->principal_.can(topic ? topic->permission : live->permission)) {
      refuse(*client, error_message("your role does not allow topic " + std::string(*topic_name)));
      return;
    }
    if (topic) chosen.push_back(topic);
    if (live) chosen_live.push_back(live);
  }
  {
    std::lock_guard lock(client->mutex_);
    client->topics_ = chosen;
    client->live_topics_ = chosen_live;
    client->replaying_ = true;
  }
  // A live topic starts from the current state; live frames published meanwhile follow it.
  for (const LiveTopic* live : chosen_live) {
    if (!live->current) continue;
    client->push(json::object{{"type", "live"}, {"topic", live->name}, {"data", live->current()}});
  }
  // Replay what the client missed, then let live events through. Events published meanwhile
  // are held back by `replaying_` and caught by the loop re-reading until it is level.
  long long position = after;
  while (true) {
    auto missed = log_.read(position, 1000);
    if (!missed) {
      client->push(error_message("cannot replay: " + missed.error().message));
      break;
    }
    for (const auto& e : *missed) {
      for (const Topic* t : chosen) {
        if (e.stream.rfind(t->stream_prefix, 0) == 0) client->push(frame_of(e, *t));
      }
      position = e.sequence;
    }
    std::lock_guard lock(client->mutex_);
    if (missed->empty() && position >= log_.last_sequence()) {
      client->delivered_ = position;
      client->replaying_ = false;
      break;
    }
  }
  client->push(json::object{{"type", "subscribed"}, {"topics", *names}, {"sequence", position}});
}

void StreamHub::publish(const events::Event& e) {
  std::vector<std::shared_ptr<StreamClient>> clients;
  {
    std::lock_guard lock(mutex_);
    clients = clients_;
  }
  // Serialized once per topic, however many clients receive it.
  std::vector<std::pair<const Topic*, Frame>> made;
  for (const auto& client : clients) {
    const Topic* match = nullptr;
    {
      std::lock_guard lock(client->mutex_);
      if (client->replaying_ || e.sequence <= client->delivered_) continue;
      client->delivered_ = e.sequence;
      for (const Topic* t : client->topics_) {
        if (e.stream.rfind(t->stream_prefix, 0) == 0) match = t;
      }
    }
    if (!match) continue;
    auto it =
        std::find_if(made.begin(), made.end(), [&](const auto& m) { return m.first == match; });
    if (it == made.end()) it = made.insert(made.end(), {match, frame_of(e, *match)});
    client->push(it->second);
  }
}

void StreamHub::publish_live(const std::string& topic, const std::function<json::value()>& data) {
  std::vector<std::shared_ptr<StreamClient>> clients;
  {
    std::lock_guard lock(mutex_);
    clients = clients_;
  }
  Frame message;
  for (const auto& client : clients) {
    bool subscribed = false;
    {
      std::lock_guard lock(client->mutex_);
      for (const LiveTopic* t : client->live_topics_) subscribed = subscribed || t->name == topic;
    }
    if (!subscribed) continue;
    if (!message)
      message = frame(json::object{{"type", "live"}, {"topic", topic}, {"data", data()}});
    client->push(message);
  }
}

}  // namespace peel::http
