// Command & Control's live feeds under load, through a real server on loopback (a load tool that
// prints its figures; Google Benchmark's fixed iterations do not fit many clients):
// 1. AVL over the WebSocket: one gateway sends batches of positions for 2,000 units as fast as
//    they are taken, while 50 dispatchers' maps are subscribed to "positions" (which sends
//    each map the latest fix of every unit four times a second). Positions taken per second
//    (target >= 100,000/s), and whether the last fix reached every map, how soon.
// 2. Incident creation to delivery: 100 clients subscribed to "incidents"; incidents opened by
//    HTTP one after another; the time from sending the POST to each client receiving the
//    event, p50/p99 over every delivery (target p99 <= 50 ms).
// The server, the clients and the gateway share this machine's cores, so the figures are a floor.
//   bench_cad_stream [--junctions N] [--seconds S]
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstring>
#include <deque>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "app/platform.h"
#include "core/id.h"
#include "geo/synth.h"
#include "percentiles.h"

namespace peel::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr int kUnits = 2'000;
constexpr size_t kBatch = 1'000;
constexpr int kMapSubscribers = 50;
constexpr int kIncidentSubscribers = 100;
constexpr int kIncidents = 300;

class Http {
 public:
  explicit Http(int port) : stream_(io_) {
    stream_.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  }
  json::value call(const std::string& method, const std::string& target, const std::string& body,
                   const std::string& token) {
    bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
    request.set(bhttp::field::host, "localhost");
    request.set(bhttp::field::authorization, "Bearer " + token);
    request.set(bhttp::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    bhttp::write(stream_, request);
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    bhttp::read(stream_, buffer, response);
    if (response.result_int() >= 300) {
      std::cerr << method << " " << target << ": " << response.result_int() << " "
                << response.body() << "\n";
      std::exit(1);
    }
    return json::parse(response.body());
  }

 private:
  asio::io_context io_;
  beast::tcp_stream stream_;
};

class Socket {
 public:
  Socket(int port, const std::string& token) : ws_(io_) {
    beast::get_lowest_layer(ws_).connect(
        {asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
    ws_.set_option(websocket::stream_base::decorator([token](websocket::request_type& r) {
      r.set(bhttp::field::sec_websocket_protocol, "bearer." + token);
    }));
    ws_.handshake("localhost", "/api/v1/stream");
  }
  void send(const std::string& text) { ws_.write(asio::buffer(text)); }
  // From another thread: ends a blocked receive().
  void hang_up() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  }
  // The next frame's text; empty when the socket closed. (Blocking reads have no timeout:
  // main() has a watchdog.)
  std::string receive() {
    beast::flat_buffer buffer;
    beast::error_code ec;
    ws_.read(buffer, ec);
    return ec ? std::string() : beast::buffers_to_string(buffer.data());
  }
  // Frames until the subscription is confirmed.
  void subscribe(const std::string& topic) {
    send(R"({"subscribe": [")" + topic + R"("]})");
    while (true) {
      const std::string frame = receive();
      if (frame.empty()) {
        std::cerr << "no answer to the subscription to " << topic << "\n";
        std::exit(1);
      }
      if (frame.find(R"("type":"subscribed")") != std::string::npos) return;
    }
  }

 private:
  asio::io_context io_;
  websocket::stream<beast::tcp_stream> ws_;
};

size_t count_of(const std::string& text, const char* needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

struct Server {
  SystemClock clock;
  std::string dir;
  std::unique_ptr<app::Platform> platform;
  std::string admin, gateway, dispatcher;

  explicit Server(uint32_t junctions) {
    dir = (std::filesystem::temp_directory_path() / ("peel-cad-stream-" + new_id(clock))).string();
    std::filesystem::create_directories(dir);
    app::PlatformOptions options;
    options.db_url = "sqlite:" + dir + "/peel.db";
    options.http.port = 0;
    options.auth.argon2_memory_kib = 64;
    options.auth.argon2_passes = 1;
    {
      auto store = std::move(store::Store::open(options.db_url)).value();
      if (!store::migrate(*store, app::all_migrations(), clock)) std::abort();
      geo::SynthOptions town;
      town.junctions = junctions;
      auto made = geo::synthesize(town);
      if (!geo::install_map(*store, clock, dir + "/geo", "London-sized town",
                            std::move(made.network), std::move(made.places),
                            geo::SpeedFactors::emergency_defaults()))
        std::abort();
    }
    platform = std::move(app::Platform::open(options, clock)).value();
    if (!platform->serve()) std::abort();
    admin = token("supervisor", "control_room_supervisor");
    gateway = token("gateway", "it_engineer");
    dispatcher = token("dispatcher", "dispatcher");
  }
  ~Server() {
    platform.reset();
    std::filesystem::remove_all(dir);
  }
  std::string token(const std::string& name, const std::string& role) {
    auto& auth = platform->auth();
    if (!auth.add_user({name, name, role, "a long passphrase 1", false}, auth::Actor::system()))
      std::abort();
    return auth.login(name, "a long passphrase 1", {"127.0.0.1"}).value().token;
  }
};

struct Fleet {
  std::vector<std::string> units;
  std::vector<geo::LatLon> homes;
  Timestamp last_fix;
};

Fleet register_fleet(Server& server) {
  Http http(server.platform->port());
  const auto& map = server.platform->geo().service->map();
  std::mt19937 random(7);
  std::uniform_int_distribution<size_t> any(0, map.nodes.size() - 1);
  Fleet fleet;
  for (int i = 0; i < kUnits; ++i) {
    const auto made = http.call("POST", "/api/v1/resources",
                                R"({"call_sign": "U)" + std::to_string(i) +
                                    R"(", "type": "response car", "capabilities": []})",
                                server.admin);
    fleet.units.emplace_back(made.at("id").as_string());
    fleet.homes.push_back(map.nodes[any(random)].degrees());
  }
  fleet.last_fix = server.clock.now();
  return fleet;
}

// The gateway keeps a few batches in flight, as a real one would over a socket.
void avl_with_subscribers(Server& server, Fleet& fleet, int subscribers, double seconds) {
  constexpr size_t kInFlight = 4;
  const int port = server.platform->port();
  const auto& units = fleet.units;
  const auto& homes = fleet.homes;
  std::mt19937 random(static_cast<unsigned>(subscribers));

  std::vector<std::atomic<size_t>> delivered(subscribers), frames(subscribers);
  std::vector<std::atomic<bool>> ended(subscribers);
  std::vector<std::atomic<Clock::rep>> last_at(subscribers);  // steady clock ticks
  std::vector<std::string> last_frame(subscribers);
  std::vector<std::unique_ptr<Socket>> sockets;
  std::vector<std::jthread> maps;
  for (int s = 0; s < subscribers; ++s) {
    sockets.push_back(std::make_unique<Socket>(port, server.dispatcher));
    sockets.back()->subscribe("positions");  // the current state comes before: not counted
    maps.emplace_back([&, s] {
      // Counted, not parsed: the clients share the cores with the server.
      while (true) {
        const std::string frame = sockets[s]->receive();
        if (frame.empty()) break;
        if (frame.find(R"("type":"error")") != std::string::npos) {
          std::cerr << "subscriber " << s << " was cut off: " << frame << "\n";
          break;
        }
        last_at[s] = Clock::now().time_since_epoch().count();
        delivered[s] += count_of(frame, R"("resource_id")");
        ++frames[s];
        last_frame[s] = frame;
      }
      ended[s] = true;
    });
  }

  Socket avl(port, server.gateway);
  std::normal_distribution<double> jitter(0, 0.0003);
  Timestamp& at = fleet.last_fix;
  size_t taken = 0, next = 0;
  std::vector<double> batch_ms;
  std::deque<Clock::time_point> in_flight;
  auto take_reply = [&] {
    const std::string reply = avl.receive();
    batch_ms.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - in_flight.front()).count());
    in_flight.pop_front();
    if (reply.find(R"("type":"positions_taken")") == std::string::npos) {
      std::cerr << "batch refused: " << reply.substr(0, 300) << "\n";
      std::exit(1);
    }
    taken += kBatch;
  };
  const auto start = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    json::array positions;
    positions.reserve(kBatch);
    at += std::chrono::milliseconds(1);
    for (size_t i = 0; i < kBatch; ++i) {
      const size_t u = next++ % units.size();
      if (u == 0) at += std::chrono::milliseconds(1);
      positions.push_back(json::object{{"resource_id", units[u]},
                                       {"lat", homes[u].lat + jitter(random)},
                                       {"lon", homes[u].lon + jitter(random)},
                                       {"at", format_rfc3339(at)}});
    }
    const std::string text = json::serialize(json::object{{"positions", std::move(positions)}});
    in_flight.push_back(Clock::now());
    avl.send(text);
    if (in_flight.size() == kInFlight) take_reply();
  }
  while (!in_flight.empty()) take_reply();
  const double sending_s = std::chrono::duration<double>(Clock::now() - start).count();
  const auto sent = Clock::now();
  // The feed sends the latest fix of each unit every 250 ms: wait until every map has been
  // quiet for a second, then hang up.
  auto quiet = [&] {
    const auto now = Clock::now().time_since_epoch().count();
    for (int s = 0; s < subscribers; ++s) {
      if (!ended[s] && now - last_at[s] < Clock::duration(std::chrono::seconds(1)).count())
        return false;
    }
    return Clock::now() - sent > std::chrono::seconds(1);
  };
  while (!quiet()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  for (auto& socket : sockets) socket->hang_up();
  maps.clear();
  size_t fewest = taken, fewest_frames = taken, got_last = 0;
  double lag_ms = 0;
  const std::string last_time = format_rfc3339(at);
  for (int s = 0; s < subscribers; ++s) {
    fewest = std::min(fewest, delivered[s].load());
    fewest_frames = std::min(fewest_frames, frames[s].load());
    lag_ms = std::max(lag_ms, std::chrono::duration<double, std::milli>(
                                  Clock::time_point(Clock::duration(last_at[s].load())) - sent)
                                  .count());
    if (last_frame[s].find(last_time) != std::string::npos) ++got_last;
  }
  std::cout << "AVL over WebSocket, " << kUnits << " units, batches of " << kBatch << " ("
            << kInFlight << " in flight), " << subscribers << " subscribers to positions:\n"
            << "  taken: " << taken << " positions in " << sending_s
            << " s = " << static_cast<long>(taken / sending_s)
            << " positions/s (target >= 100,000)\n"
            << "  batch round trip (parse, check, snap, publish): p50 " << percentile(batch_ms, 0.5)
            << " ms, p99 " << percentile(batch_ms, 0.99) << " ms\n";
  if (subscribers > 0) {
    std::cout << "  each map got the latest fix of every unit that moved, every 250 ms: at least "
              << fewest_frames << " frames, " << fewest << " fixes per subscriber\n"
              << "  the last fix taken reached " << got_last << " of " << subscribers
              << " maps, the last of them " << lag_ms << " ms after it was taken\n";
  }
}

void incident_delivery(Server& server) {
  const int port = server.platform->port();
  std::mutex mutex;
  std::map<std::string, Clock::time_point> sent_at;  // incident id -> POST sent
  std::vector<std::vector<std::pair<std::string, Clock::time_point>>> seen(kIncidentSubscribers);
  std::atomic<int> ready{0};
  std::vector<std::jthread> clients;
  for (int c = 0; c < kIncidentSubscribers; ++c) {
    clients.emplace_back([&, c] {
      Socket socket(port, server.dispatcher);
      socket.subscribe("incidents");
      ++ready;
      for (int got = 0; got < kIncidents;) {
        const std::string frame = socket.receive();
        if (frame.empty()) return;
        const auto now = Clock::now();
        if (frame.find(R"("event":"IncidentOpened")") == std::string::npos) continue;
        const auto v = json::parse(frame);
        seen[c].emplace_back(std::string(v.at("stream").as_string()).substr(9), now);
        ++got;
      }
    });
  }
  while (ready < kIncidentSubscribers) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  Http http(port);
  const auto& map = server.platform->geo().service->map();
  std::mt19937 random(9);
  std::uniform_int_distribution<size_t> any(0, map.nodes.size() - 1);
  for (int i = 0; i < kIncidents; ++i) {
    const auto where = map.nodes[any(random)].degrees();
    const std::string body = json::serialize(
        json::object{{"classification", "burglary"},
                     {"grade", "S"},
                     {"location", json::object{{"lat", where.lat}, {"lon", where.lon}}},
                     {"narrative", "load test"}});
    const auto sent = Clock::now();
    const auto made = http.call("POST", "/api/v1/incidents", body, server.admin);
    {
      std::lock_guard lock(mutex);
      sent_at[std::string(made.at("id").as_string())] = sent;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  clients.clear();
  std::vector<double> ms;
  size_t missing = 0;
  for (const auto& client : seen) {
    missing += kIncidents - client.size();
    for (const auto& [id, at] : client) {
      const auto it = sent_at.find(id);
      if (it != sent_at.end())
        ms.push_back(std::chrono::duration<double, std::milli>(at - it->second).count());
    }
  }
  std::cout << "Incident creation to delivery, " << kIncidents << " incidents, "
            << kIncidentSubscribers << " subscribers to incidents:\n"
            << "  " << ms.size() << " deliveries, " << missing << " missing; p50 "
            << percentile(ms, 0.5) << " ms, p99 " << percentile(ms, 0.99) << " ms, max "
            << percentile(ms, 1.0) << " ms (target p99 <= 50 ms)\n";
}

}  // namespace
}  // namespace peel::bench

int main(int argc, char** argv) {
  uint32_t junctions = 502'000;
  double seconds = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--junctions") == 0) junctions = std::stoul(argv[i + 1]);
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::stod(argv[i + 1]);
  }
  // A client that never gets what it waits for would block for ever: give up loudly.
  std::thread([] {
    std::this_thread::sleep_for(std::chrono::minutes(5));
    std::cerr << "bench_cad_stream: still waiting after 5 minutes; giving up\n";
    std::_Exit(1);
  }).detach();
  peel::bench::Server server(junctions);
  std::cout << "machine: " << std::thread::hardware_concurrency() << " cores; town of " << junctions
            << " junctions\n";
  auto fleet = peel::bench::register_fleet(server);
  // The same run without subscribers first: what the feed costs.
  peel::bench::avl_with_subscribers(server, fleet, 0, seconds);
  peel::bench::avl_with_subscribers(server, fleet, peel::bench::kMapSubscribers, seconds);
  peel::bench::incident_delivery(server);
}
