#include "sim/dispatcher_screens.h"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include "core/json_text.h"

namespace peel::sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace json = boost::json;
using Socket = websocket::stream<beast::tcp_stream>;

// Awaited operations answer with their error instead of throwing: an exception escaping a
// detached coroutine would end the process.
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

struct DispatcherScreens::Connections {
  asio::io_context io;
  std::vector<std::unique_ptr<Socket>> sockets;
  std::atomic<size_t> subscribed{0}, failed{0};
  std::atomic<bool> stopping{false};
};

namespace {

std::string text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// One frame: counts it, and notes the first arrival of each incident event.
void take_frame(std::string_view frame, ScreenLog& log) {
  // The positions feed is only counted: a screen's map needs it, the load's checks do not.
  if (frame.find(R"("topic":"positions")") != std::string_view::npos) {
    ++log.position_frames;
    return;
  }
  std::error_code ec;
  const json::value v = json::parse(frame, ec);
  if (ec || !v.is_object()) return;
  const auto& o = v.as_object();
  const std::string type = text(o, "type");
  if (type == "subscribed") {
    log.subscribed = true;
    return;
  }
  if (type != "event") return;
  ++log.events;
  const std::string stream = text(o, "stream");
  constexpr std::string_view kIncident = "incident/";
  if (stream.rfind(kIncident, 0) != 0) return;
  log.incident_events.try_emplace(stream.substr(kIncident.size()) + " " + text(o, "event"),
                                  std::chrono::steady_clock::now());
}

asio::awaitable<void> run_screen(DispatcherScreens::Connections& c, Socket& ws, ScreenLog& log,
                                 asio::ip::tcp::resolver::results_type endpoints, std::string host,
                                 std::string token, long long after) {
  auto [connect_error, endpoint] =
      co_await beast::get_lowest_layer(ws).async_connect(endpoints, kNoThrow);
  (void)endpoint;
  if (connect_error) {
    log.ended = "cannot connect: " + connect_error.message();
    ++c.failed;
    co_return;
  }
  ws.set_option(websocket::stream_base::decorator([token](websocket::request_type& r) {
    r.set(beast::http::field::authorization, "Bearer " + token);
  }));
  if (auto [ec] = co_await ws.async_handshake(host, "/api/v1/stream", kNoThrow); ec) {
    log.ended = "refused the WebSocket: " + ec.message();
    ++c.failed;
    co_return;
  }
  const std::string subscribe = json_text(
      json::object{{"subscribe", json::array{"incidents", "resources", "alerts", "positions"}},
                   {"after", after}});
  if (auto [ec, n] = co_await ws.async_write(asio::buffer(subscribe), kNoThrow); ec) {
    log.ended = "cannot subscribe: " + ec.message();
    ++c.failed;
    co_return;
  }
  beast::flat_buffer buffer;
  while (true) {
    auto [ec, n] = co_await ws.async_read(buffer, kNoThrow);
    if (ec) {
      if (!c.stopping) log.ended = "the server ended the connection: " + ec.message();
      if (!log.subscribed) ++c.failed;
      co_return;
    }
    const bool was_subscribed = log.subscribed;
    take_frame(beast::buffers_to_string(buffer.data()), log);
    buffer.consume(n);
    if (log.subscribed && !was_subscribed) ++c.subscribed;
  }
}

}  // namespace

Result<std::unique_ptr<DispatcherScreens>> DispatcherScreens::open(const std::string& host,
                                                                   const std::string& port,
                                                                   const std::string& token,
                                                                   size_t count,
                                                                   long long after_sequence) {
  std::unique_ptr<DispatcherScreens> screens(new DispatcherScreens());
  screens->connections_ = std::make_unique<Connections>();
  Connections& c = *screens->connections_;
  beast::error_code ec;
  asio::ip::tcp::resolver resolver(c.io);
  const auto endpoints = resolver.resolve(host, port, ec);
  if (ec) return Error::unavailable("cannot resolve " + host + ": " + ec.message());
  screens->logs_.resize(count);
  for (size_t i = 0; i < count; ++i) {
    c.sockets.push_back(std::make_unique<Socket>(c.io));
    asio::co_spawn(
        c.io,
        run_screen(c, *c.sockets.back(), screens->logs_[i], endpoints, host, token, after_sequence),
        asio::detached);
  }
  screens->thread_ = std::thread([&c] { c.io.run(); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (c.subscribed + c.failed < count && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (c.subscribed < count) {
    screens->stop();
    for (const auto& log : screens->logs_) {
      if (!log.ended.empty()) return Error::unavailable("a dispatcher's screen " + log.ended);
    }
    return Error::unavailable("the dispatchers' screens were not all subscribed within 30 s");
  }
  return screens;
}

void DispatcherScreens::stop() {
  if (!thread_.joinable()) return;
  connections_->stopping = true;
  asio::post(connections_->io, [c = connections_.get()] {
    for (auto& ws : c->sockets) {
      beast::error_code ignored;
      beast::get_lowest_layer(*ws).socket().close(ignored);
    }
  });
  thread_.join();
}

DispatcherScreens::~DispatcherScreens() {
  try {
    stop();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a thread that cannot be joined at the end
  }
}

}  // namespace peel::sim
