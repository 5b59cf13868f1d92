#include "http/stream_hub.h"

#include <boost/json.hpp>

namespace peel::http {

namespace json = boost::json;

namespace {

std::string error_frame(const std::string& message) {
  return json::serialize(json::object{{"type", "error"}, {"detail", message}});
}

}  // namespace

std::deque<std::string> StreamClient::take_outgoing() {
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

void StreamClient::push(std::string frame) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    if (outgoing_.size() >= StreamHub::kMaxQueued) {
      // Too slow to keep up: close, and let the client resume from its last sequence.
      outgoing_.clear();
      outgoing_.push_back(error_frame("too far behind; reconnect and resume"));
      closed_ = true;
    } else {
      outgoing_.push_back(std::move(frame));
    }
    wake = wake_;
  }
  if (wake) wake();
}

StreamHub::StreamHub(events::EventLog& log, std::vector<Topic> topics)
    : log_(log), topics_(std::move(topics)) {
  log_.subscribe([this](const events::Event& e) { publish(e); });
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

size_t StreamHub::clients() const {
  std::lock_guard lock(mutex_);
  return clients_.size();
}

std::string StreamHub::frame_of(const events::Event& e, const Topic& topic) {
  std::error_code ec;
  json::value data = json::parse(e.payload, ec);
  return json::serialize(json::object{{"type", "event"},
                                      {"topic", topic.name},
                                      {"sequence", e.sequence},
                                      {"at", format_rfc3339(e.at)},
                                      {"stream", e.stream},
                                      {"event", e.type},
                                      {"actor", e.actor},
                                      {"data", ec ? json::value() : std::move(data)}});
}

void StreamHub::receive(const std::shared_ptr<StreamClient>& client, std::string_view text) {
  std::error_code ec;
  json::value message = json::parse(json::string_view(text.data(), text.size()), ec);
  const json::object* object = ec ? nullptr : message.if_object();
  const json::array* names =
      object && object->contains("subscribe") ? object->at("subscribe").if_array() : nullptr;
  if (!names) {
    client->push(error_frame("send {\"subscribe\": [topics], \"after\": last sequence seen}"));
    return;
  }
  long long after = log_.last_sequence();
  if (const auto* a = object->if_contains("after")) {
    if (!a->is_int64() || a->as_int64() < 0) {
      client->push(error_frame("after: must be a sequence number"));
      return;
    }
    after = a->as_int64();
  }
  std::vector<const Topic*> chosen;
  for (const auto& name : *names) {
    const auto* topic_name = name.if_string();
    const Topic* topic = nullptr;
    for (const auto& t : topics_) {
      if (topic_name && t.name == *topic_name) topic = &t;
    }
    if (!topic) {
      client->push(error_frame("unknown topic " + (topic_name ? std::string(*topic_name) : "?")));
      return;
    }
    if (!client->principal_.can(topic->permission)) {
      client->push(error_frame("your role does not allow topic " + topic->name));
      return;
    }
    chosen.push_back(topic);
  }
  {
    std::lock_guard lock(client->mutex_);
    client->topics_ = chosen;
    client->replaying_ = true;
  }
  // Replay what the client missed, then let live events through. Events published meanwhile
  // are held back by `replaying_` and caught by the loop re-reading until it is level.
  long long position = after;
  while (true) {
    auto missed = log_.read(position, 1000);
    if (!missed) {
      client->push(error_frame("cannot replay: " + missed.error().message));
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
  client->push(json::serialize(
      json::object{{"type", "subscribed"}, {"topics", *names}, {"sequence", position}}));
}

void StreamHub::publish(const events::Event& e) {
  std::vector<std::shared_ptr<StreamClient>> clients;
  {
    std::lock_guard lock(mutex_);
    clients = clients_;
  }
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
    if (match) client->push(frame_of(e, *match));
  }
}

}  // namespace peel::http
