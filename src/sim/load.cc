// The load: one thread reports the fleet's positions, `workers` threads work incidents as they
// arrive, and the dispatchers' screens follow the feeds on a thread of their own. Every request
// is timed; what the server acknowledged is remembered, and checked at the end.
#include "sim/load.h"

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <cmath>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/clock.h"
#include "core/log.h"
#include "core/statistics.h"
#include "sim/api_client.h"
#include "sim/demand.h"
#include "sim/dispatcher_screens.h"
#include "sim/load_checks.h"

namespace peel::sim {

namespace json = boost::json;

size_t LoadReport::errors() const {
  size_t n = 0;
  for (const auto& [kind, r] : requests) n += r.errors;
  return n;
}

namespace {

using Steady = std::chrono::steady_clock;

// A force's busiest hour of the day (demand.h's curve), as a share of the day's calls.
double busiest_hour_share() {
  double most = 0;
  for (int hour = 0; hour < 24; ++hour) most = std::max(most, calls_per_hour(1, hour));
  return most;
}

int busiest_hour() {
  int at = 0;
  for (int hour = 1; hour < 24; ++hour) {
    if (calls_per_hour(1, hour) > calls_per_hour(1, at)) at = hour;
  }
  return at;
}

// Every request of the load, timed and counted by kind, from any thread.
class Requests {
 public:
  // Sends the request; an answer outside 2xx (and not in `expected`) is a failure, counted with
  // what the server said. Returns the reply whatever its status; nothing when the connection
  // failed.
  std::optional<Reply> send(const char* kind, ApiClient& client, const std::string& method,
                            const std::string& target,
                            const std::optional<json::value>& body = std::nullopt,
                            int expected = 0) {
    const auto started = Steady::now();
    auto reply = client.call(method, target, body);
    const double ms = std::chrono::duration<double, std::milli>(Steady::now() - started).count();
    std::lock_guard lock(mutex_);
    if (!reply) {
      failed(kind, reply.error().message);
      return std::nullopt;
    }
    if ((reply->status >= 200 && reply->status < 300) || reply->status == expected) {
      ms_[kind].push_back(ms);
    } else {
      failed(kind,
             "HTTP " + std::to_string(reply->status) + " " + string_field(reply->body, "detail"));
    }
    return std::move(*reply);
  }

  std::map<std::string, RequestFigures> figures() {
    std::lock_guard lock(mutex_);
    std::map<std::string, RequestFigures> out;
    for (const auto& [kind, ms] : ms_) out[kind] = figures_of(ms, 0);
    for (const auto& [kind, n] : errors_) {
      auto& f = out[kind];
      f.errors = n;
      f.count += n;
    }
    return out;
  }

  std::vector<std::string> first_errors() {
    std::lock_guard lock(mutex_);
    return first_errors_;
  }

 private:
  void failed(const std::string& kind, const std::string& why) {
    ++errors_[kind];
    if (first_errors_.size() < 5) first_errors_.push_back(kind + ": " + why);
  }

  std::mutex mutex_;
  std::map<std::string, std::vector<double>> ms_;
  std::map<std::string, size_t> errors_;
  std::vector<std::string> first_errors_;
};

struct Unit {
  std::string id;
  geo::LatLon home;
  double phase = 0;  // where on its beat it starts
  std::optional<Timestamp> last_sent;
};

class Load {
 public:
  explicit Load(const LoadOptions& o) : o_(o) {}

  Result<LoadReport> run() {
    auto control = signed_in(o_.control_user, o_.control_password);
    if (!control) return std::move(control).error();
    if (Status s = load_fleet(*control); !s) return std::move(s).error();
    auto board = control->call("GET", "/api/v1/cad/board?limit=1");
    if (!board) return std::move(board).error();
    if (board->status != 200) return Error::forbidden("the control account cannot read the board");
    const auto sequence = board->body.at("sequence").to_number<long long>();
    auto screens = DispatcherScreens::open(control->host(), control->port(), control->token(),
                                           o_.dispatchers, sequence);
    if (!screens) return std::move(screens).error();

    std::vector<ApiClient> clients;
    for (size_t w = 0; w < o_.workers; ++w) {
      auto client = signed_in(o_.control_user, o_.control_password);
      if (!client) return std::move(client).error();
      clients.push_back(std::move(*client));
    }
    auto avl = signed_in(o_.avl_user, o_.avl_password);
    if (!avl) return std::move(avl).error();
    plan_calls();

    start_ = Steady::now();
    std::vector<std::thread> threads;
    threads.emplace_back([this, &avl] { report_positions(*avl); });
    for (size_t w = 0; w < o_.workers; ++w)
      threads.emplace_back([this, w, &clients] { work(w, clients[w]); });
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(Steady::now() - start_).count();

    // Events still on their way to the screens get a moment.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    (*screens)->stop();

    LoadReport r;
    r.seconds = seconds;
    r.units = units_.size();
    r.dispatchers = o_.dispatchers;
    r.offered_incidents_per_hour = o_.calls_per_day * busiest_hour_share() * o_.peak_factor;
    r.positions_accepted = positions_accepted_;
    r.dispatch_conflicts = conflicts_;
    r.incidents_opened = worked_.size();
    r.incidents_closed = static_cast<size_t>(
        std::count_if(worked_.begin(), worked_.end(),
                      [](const WorkedIncident& w) { return w.events.back() == "IncidentClosed"; }));
    check_store(clients, r);
    check_deliveries(worked_, (*screens)->logs(), r);
    if (Status s = check_fleet(*control, r); !s) return std::move(s).error();
    r.requests = requests_.figures();
    r.first_errors = requests_.first_errors();
    return r;
  }

 private:
  Result<ApiClient> signed_in(const std::string& user, const std::string& password) {
    return ApiClient::signed_in(o_.server, user, password);
  }

  double elapsed() const { return std::chrono::duration<double>(Steady::now() - start_).count(); }

  Status load_fleet(ApiClient& control) {
    auto reply = control.call("GET", "/api/v1/resources");
    if (!reply) return std::move(reply).error();
    if (reply->status != 200) return Error::forbidden("the control account cannot list units");
    std::mt19937 random(o_.seed);
    std::uniform_real_distribution<double> turn(0, 2 * M_PI);
    for (const auto& r : reply->body.at("items").as_array()) {
      if (string_field(r, "status") != "available" || !r.at("position").is_object()) continue;
      const auto& p = r.at("position");
      units_.push_back({string_field(r, "id"),
                        {p.at("lat").to_number<double>(), p.at("lon").to_number<double>()},
                        turn(random),
                        std::nullopt});
      if (units_.size() >= o_.max_units) break;
    }
    if (units_.empty())
      return Error::invalid("units", "no unit is available with a position: run peel demo");
    return {};
  }

  // Arrivals at the chosen multiple of the busiest hour, from the busiest hour on, of the kinds
  // and grades a force sees, near the fleet's bases.
  void plan_calls() {
    DemandOptions demand;
    demand.calls_per_day = o_.calls_per_day * o_.peak_factor;
    demand.start_hour = busiest_hour();
    demand.duration_seconds = o_.seconds;
    demand.seed = o_.seed;
    std::vector<geo::LatLon> places;
    places.reserve(units_.size());
    for (const auto& u : units_) places.push_back(u.home);
    calls_ = synthetic_calls(demand, places);
  }

  // Every unit every report interval: each second, that share of the fleet, in one batch. A
  // unit drives a circle of 200 m around its base at 36 km/h.
  void report_positions(ApiClient& avl) {
    const auto slices = std::max<size_t>(1, std::llround(o_.report_interval_seconds));
    constexpr double kRadiusM = 200, kSpeedMs = 10, kMetresPerDegree = 111'320;
    for (size_t tick = 0; elapsed() < o_.seconds; ++tick) {
      const Timestamp now =
          std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
      const double t = elapsed();
      json::array positions;
      std::vector<Unit*> sent;
      for (size_t i = tick % slices; i < units_.size(); i += slices) {
        Unit& u = units_[i];
        const double angle = u.phase + t * kSpeedMs / kRadiusM;
        const double lat = u.home.lat + kRadiusM * std::sin(angle) / kMetresPerDegree;
        const double lon = u.home.lon + kRadiusM * std::cos(angle) /
                                            (kMetresPerDegree * std::cos(u.home.lat * M_PI / 180));
        positions.push_back(json::object{
            {"resource_id", u.id}, {"lat", lat}, {"lon", lon}, {"at", format_rfc3339(now)}});
        sent.push_back(&u);
      }
      auto reply = requests_.send("positions (batch)", avl, "POST", "/api/v1/positions",
                                  json::object{{"positions", std::move(positions)}});
      if (reply && reply->status == 200) {
        positions_accepted_ += reply->body.at("accepted").to_number<size_t>();
        for (Unit* u : sent) u->last_sent = now;
      }
      if (!o_.quiet && tick % 10 == 9) {
        log::info("sim.load_progress", {{"seconds", std::llround(t)},
                                        {"incidents", incidents_done_.load()},
                                        {"positions", positions_accepted_.load()}});
      }
      std::this_thread::sleep_until(start_ + std::chrono::seconds(tick + 1));
    }
  }

  // Worker `w` takes every `workers`th call, each at its time (at once when behind), until the
  // time is up.
  void work(size_t w, ApiClient& client) {
    for (size_t k = w; k < calls_.size(); k += o_.workers) {
      const auto due = start_ + std::chrono::duration_cast<Steady::duration>(
                                    std::chrono::duration<double>(calls_[k].at_seconds));
      std::this_thread::sleep_until(due);
      if (elapsed() >= o_.seconds) return;
      work_incident(client, calls_[k]);
      ++incidents_done_;
    }
  }

  // Opened, the first free recommended unit sent, en route, clear, closed: the events a
  // control room writes for a job, in the order it writes them.
  void work_incident(ApiClient& client, const Call& call) {
    WorkedIncident worked;
    worked.sent = Steady::now();
    auto opened = requests_.send(
        "open incident", client, "POST", "/api/v1/incidents",
        json::object{
            {"classification", call.classification},
            {"grade", call.grade},
            {"channel", "999"},
            {"location", json::object{{"lat", call.location.lat}, {"lon", call.location.lon}}},
            {"narrative", "Load test"}});
    if (!opened || opened->status != 201) return;
    worked.id = string_field(opened->body, "id");
    worked.events.emplace_back("IncidentOpened");
    const std::string path = "/api/v1/incidents/" + worked.id;
    const std::string unit = send_a_unit(client, path, worked);
    if (!unit.empty()) {
      const std::string status = "/api/v1/resources/" + unit + "/status";
      // 409: the server already found the unit at scene from its position.
      auto en_route = requests_.send("unit status", client, "POST", status,
                                     json::object{{"status", "en_route"}}, 409);
      if (en_route && en_route->status == 200) worked.events.emplace_back("ResourceStatusChanged");
      auto clear =
          requests_.send("unit status", client, "POST", status, json::object{{"status", "clear"}});
      if (clear && clear->status == 200) worked.events.emplace_back("ResourceStatusChanged");
      release(unit);
    }
    auto closed = requests_.send(
        "close incident", client, "POST", path + "/close",
        json::object{{"closing_code", unit.empty() ? "referred_to_partner" : "resolved_at_scene"}});
    if (closed && closed->status == 200) worked.events.emplace_back("IncidentClosed");
    std::lock_guard lock(mutex_);
    worked_.push_back(std::move(worked));
  }

  // The first recommended unit no other worker holds; the empty string when none could be sent.
  std::string send_a_unit(ApiClient& client, const std::string& path, WorkedIncident& worked) {
    auto recommended =
        requests_.send("recommendations", client, "GET", path + "/recommendations?limit=5");
    if (!recommended || recommended->status != 200) return {};
    for (const auto& r : recommended->body.at("items").as_array()) {
      std::string unit = string_field(r, "resource_id");
      if (!claim(unit)) continue;
      // 409: a dispatcher elsewhere sent it first; the next one is tried.
      auto sent = requests_.send("dispatch", client, "POST", path + "/dispatch",
                                 json::object{{"resource_id", unit}}, 409);
      if (sent && sent->status == 200) {
        worked.events.emplace_back("ResourceDispatched");
        return unit;
      }
      if (sent && sent->status == 409) ++conflicts_;
      release(unit);
    }
    return {};
  }

  bool claim(const std::string& unit) {
    std::lock_guard lock(mutex_);
    return claimed_.insert(unit).second;
  }
  void release(const std::string& unit) {
    std::lock_guard lock(mutex_);
    claimed_.erase(unit);
  }

  // Each incident's log, read back from the store, holds every event acknowledged for it.
  void check_store(std::vector<ApiClient>& clients, LoadReport& r) {
    std::atomic<size_t> next{0}, missing{0}, acknowledged{0};
    std::vector<std::thread> readers;
    readers.reserve(clients.size());
    for (auto& client : clients) {
      readers.emplace_back([&, c = &client] {
        for (size_t k = next++; k < worked_.size(); k = next++) {
          const WorkedIncident& w = worked_[k];
          acknowledged += w.events.size();
          auto log = requests_.send(
              "read log (check)", *c, "GET",
              "/api/v1/incidents/" + w.id + "/log?purpose=checking%20a%20load%20test");
          std::multiset<std::string> logged;
          if (log && log->status == 200) {
            for (const auto& e : log->body.at("items").as_array())
              logged.insert(string_field(e, "type"));
          }
          missing += missing_from_log(w.events, std::move(logged));
        }
      });
    }
    for (auto& t : readers) t.join();
    r.events_acknowledged = acknowledged;
    r.events_missing_from_store = missing;
  }

  // Every unit's last fix at the server is the last one it was sent.
  Status check_fleet(ApiClient& control, LoadReport& r) {
    auto board = control.call("GET", "/api/v1/cad/board?limit=1");
    if (!board) return std::move(board).error();
    std::unordered_map<std::string, std::optional<Timestamp>> last;
    for (const auto& u : board->body.at("resources").as_array()) {
      const auto* position = u.at("position").if_object();
      last[string_field(u, "id")] =
          position ? parse_rfc3339(string_field(*position, "at")) : std::optional<Timestamp>();
    }
    for (const auto& u : units_) {
      if (u.last_sent && last[u.id] != u.last_sent) ++r.units_stale;
    }
    return {};
  }

  LoadOptions o_;
  std::vector<Unit> units_;
  std::vector<Call> calls_;
  Steady::time_point start_;
  Requests requests_;
  std::mutex mutex_;
  std::set<std::string> claimed_;
  std::vector<WorkedIncident> worked_;
  std::atomic<size_t> positions_accepted_{0}, conflicts_{0}, incidents_done_{0};
};

}  // namespace

Result<LoadReport> run_load(const LoadOptions& options) {
  if (!(options.seconds >= 1 && options.seconds <= 24 * 3600))
    return Error::invalid("seconds", "must be between 1 and 86400");
  if (options.dispatchers > 1000) return Error::invalid("dispatchers", "must be at most 1000");
  if (options.workers == 0) return Error::invalid("workers", "must be at least 1");
  Load load(options);
  return load.run();
}

}  // namespace peel::sim
