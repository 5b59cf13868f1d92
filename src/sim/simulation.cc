// The simulation loop: every tick, open the calls now due, send units by the policy, move the
// units on their way and report their positions, clear those whose time at scene is up, and
// every second follow the board for units that people dispatched. One thread; the server does
// the rest (it finds units at scene from their AVL).
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/clock.h"
#include "core/log.h"
#include "core/statistics.h"
#include "sim/api_client.h"
#include "sim/percentiles.h"
#include "sim/route_follower.h"
#include "sim/sim.h"

namespace peel::sim {

namespace json = boost::json;

const char* policy_name(Policy policy) {
  switch (policy) {
    case Policy::kRecommended:
      return "recommended";
    case Policy::kNearest:
      return "nearest";
    case Policy::kNone:
      return "none";
  }
  return "recommended";
}

namespace {

using Steady = std::chrono::steady_clock;

// Patrol: legs to places within 2 km of base, driven at two thirds of the road's speed, with
// stops of 10 to 20 minutes between them; a patrolling unit reports every 15 simulated seconds.
constexpr double kPatrolRadiusM = 2'000, kPatrolPace = 1.5, kPatrolPauseS = 20 * 60,
                 kPatrolReportS = 15;
constexpr size_t kPatrolLegsPerTick = 10;

struct SimIncident {
  std::string id, reference, grade;
  geo::LatLon location;
  double opened_s = 0;
  std::optional<double> dispatched_s, attended_s;
  double scene_minutes = 30;
  bool closed = false;
};

enum class UnitState { kIdle, kDriving, kAtScene };

struct SimUnit {
  std::string id, call_sign;
  geo::LatLon at;
  geo::LatLon home;      // where it was booked on: its patrol stays within reach of it
  geo::LatLon reported;  // where the server last heard it was
  UnitState state = UnitState::kIdle;
  std::string incident_id;
  RouteFollower route;  // to its incident, or (idle and patrolling) its patrol leg
  bool patrolling = false;
  double next_patrol_s = 0;  // idle and standing: when it sets off on its next leg
  double set_off_s = 0, arrived_s = 0, busy_since_s = 0, busy_total_s = 0;
  double last_report_s = -1e18;
  Steady::time_point last_report_real{};
};

geo::LatLon point(const json::value& v) {
  return {v.at("lat").to_number<double>(), v.at("lon").to_number<double>()};
}

std::string lat_lon(geo::LatLon p) { return std::to_string(p.lat) + "," + std::to_string(p.lon); }

class Simulation {
 public:
  Simulation(const SimOptions& options, ApiClient control, ApiClient avl)
      : o_(options), control_(std::move(control)), avl_(std::move(avl)) {}

  Result<SimReport> run() {
    if (Status s = load_fleet(); !s) return std::move(s).error();
    auto places = call_places();
    if (!places) return std::move(places).error();
    places_ = *places;
    if (!o_.recorded.empty()) {
      if (Status s = replay_calls(); !s) return std::move(s).error();
    } else {
      DemandOptions demand = o_.demand;
      demand.duration_seconds = o_.duration_seconds;
      // A force sends about eight calls a day per vehicle (London: 16,000 for 2,000).
      if (demand.calls_per_day <= 0)
        demand.calls_per_day = 8.0 * static_cast<double>(units_.size());
      calls_ = synthetic_calls(demand, *places);
    }
    start_ = Steady::now();
    Steady::time_point last_board{}, last_progress = start_;
    while (now_s() < o_.duration_seconds) {
      if (Status s = open_due(); !s) return std::move(s).error();
      if (Steady::now() - last_board >= std::chrono::seconds(1)) {
        if (Status s = follow_board(); !s) return std::move(s).error();
        last_board = Steady::now();
      }
      if (Status s = dispatch_waiting(); !s) return std::move(s).error();
      if (Status s = move_and_report(); !s) return std::move(s).error();
      if (Status s = clear_finished(); !s) return std::move(s).error();
      if (o_.patrol) {
        if (Status s = patrol(); !s) return std::move(s).error();
      }
      if (!o_.quiet && Steady::now() - last_progress >= std::chrono::seconds(60)) {
        last_progress = Steady::now();
        log::info("sim.progress", {{"simulated_minutes", std::llround(now_s() / 60)},
                                   {"calls_opened", incidents_.size()},
                                   {"units_busy", busy_units()}});
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return report();
  }

 private:
  double now_s() const {
    return std::chrono::duration<double>(Steady::now() - start_).count() * o_.speed;
  }

  size_t busy_units() const {
    return static_cast<size_t>(std::count_if(units_.begin(), units_.end(), [](const auto& u) {
      return u.second.state != UnitState::kIdle;
    }));
  }

  // Counts and logs a refusal; true when the reply is a success.
  bool accepted(const Reply& reply, const char* what) {
    if (reply.status >= 200 && reply.status < 300) return true;
    ++refused_;
    log::warn("sim.refused", {{"request", what},
                              {"status", reply.status},
                              {"detail", string_field(reply.body, "detail")}});
    return false;
  }

  // The units booked on with a position, at most max_units of them.
  Status load_fleet() {
    auto reply = control_.call("GET", "/api/v1/resources");
    if (!reply) return std::move(reply).error();
    if (!accepted(*reply, "list units")) return Error::forbidden("cannot list units");
    for (const auto& r : reply->body.at("items").as_array()) {
      if (string_field(r, "status") != "available" || !r.at("position").is_object()) continue;
      SimUnit u;
      u.id = string_field(r, "id");
      u.call_sign = string_field(r, "call_sign");
      u.at = u.home = u.reported = point(r.at("position"));
      // Staggered, so that the fleet does not set off at once.
      u.next_patrol_s = std::uniform_real_distribution<double>(0, kPatrolPauseS)(random_);
      units_.emplace(u.id, std::move(u));
      if (o_.max_units && units_.size() >= o_.max_units) break;
    }
    if (units_.empty())
      return Error::invalid("units", "no unit is available with a position: run peel demo");
    return {};
  }

  // The recorded calls in the window, as calls to open; types the force does not have are
  // opened as the default classification (and counted).
  Status replay_calls() {
    auto reply = control_.call("GET", "/api/v1/cad/classifications");
    if (!reply) return std::move(reply).error();
    if (!accepted(*reply, "classifications"))
      return Error::forbidden("cannot read classifications");
    std::set<std::string> known;
    for (const auto& c : reply->body.at("items").as_array()) known.insert(string_field(c, "code"));
    for (const auto& r : o_.recorded) {
      const double offset = std::chrono::duration<double>(r.at - o_.replay_from).count();
      if (offset < 0 || offset >= o_.duration_seconds) continue;
      Call call;
      call.at_seconds = offset;
      call.classification = known.contains(r.type) ? r.type : o_.default_classification;
      if (!known.contains(r.type)) ++unmapped_;
      call.grade = r.grade;
      if (r.location)
        call.location = *r.location;
      else
        call.address = r.address;
      if (r.arrived_at && r.cleared_at) {
        call.scene_minutes = std::max(
            1.0, std::chrono::duration<double>(*r.cleared_at - *r.arrived_at).count() / 60);
      }
      calls_.push_back(std::move(call));
      GradeOutcome& g = historical_[r.grade];
      ++g.opened;
      if (r.dispatched_at) {
        ++g.dispatched;
        historical_dispatch_[r.grade].push_back(
            std::chrono::duration<double>(*r.dispatched_at - r.at).count() / 60);
      }
      if (r.arrived_at) {
        ++g.attended;
        ++g.decided;
        const double minutes = std::chrono::duration<double>(*r.arrived_at - r.at).count() / 60;
        historical_times_[r.grade].push_back(minutes);
        if (minutes <= target_minutes(r.grade)) ++g.within_target;
      }
    }
    return {};
  }

  double target_minutes(const std::string& grade) const {
    if (grade == "I") return static_cast<double>(o_.immediate_target.count());
    if (grade == "S") return static_cast<double>(o_.significant_target.count());
    return 1e18;  // E and R: no attendance target
  }

  // Points on the roads around the fleet: where calls come from.
  Result<std::vector<geo::LatLon>> call_places() {
    double s = 90, w = 180, n = -90, e = -180;
    for (const auto& [id, u] : units_) {
      s = std::min(s, u.at.lat), n = std::max(n, u.at.lat);
      w = std::min(w, u.at.lon), e = std::max(e, u.at.lon);
    }
    const double lat_c = (s + n) / 2, lon_c = (w + e) / 2;
    const double half_lat = std::clamp((n - s) / 2 + 0.005, 0.005, 0.099);
    const double half_lon = std::clamp((e - w) / 2 + 0.005, 0.005, 0.099);
    auto reply = control_.call("GET", "/api/v1/geo/roads?limit=50000&bbox=" +
                                          lat_lon({lat_c - half_lat, lon_c - half_lon}) + "," +
                                          lat_lon({lat_c + half_lat, lon_c + half_lon}));
    if (!reply) return std::move(reply).error();
    if (!accepted(*reply, "roads")) return Error::invalid("map", "the server has no roads here");
    std::vector<geo::LatLon> places;
    for (const auto& f : reply->body.at("features").as_array()) {
      for (const auto& c : f.at("geometry").at("coordinates").as_array()) {
        places.push_back({c.at(1).to_number<double>(), c.at(0).to_number<double>()});
      }
    }
    if (places.empty()) return Error::invalid("map", "has no roads around the units");
    return places;
  }

  Status open_due() {
    while (next_call_ < calls_.size() && calls_[next_call_].at_seconds <= now_s()) {
      const Call& c = calls_[next_call_++];
      json::object request{{"classification", c.classification},
                           {"grade", c.grade},
                           {"channel", "999"},
                           {"narrative", "Simulated call"}};
      if (c.address.empty()) {
        request["location"] = json::object{{"lat", c.location.lat}, {"lon", c.location.lon}};
      } else {
        request["address"] = c.address;
      }
      auto reply = control_.call("POST", "/api/v1/incidents", request);
      if (!reply) return std::move(reply).error();
      if (!accepted(*reply, "open incident")) continue;
      SimIncident i;
      i.id = string_field(reply->body, "id");
      i.reference = string_field(reply->body, "reference");
      i.grade = c.grade;
      i.location = point(reply->body.at("location"));
      i.opened_s = now_s();
      i.scene_minutes = c.scene_minutes;
      order_.push_back(i.id);
      incidents_.emplace(i.id, std::move(i));
    }
    return {};
  }

  // Waiting incidents, most urgent first, each offered a unit by the policy. Referred (R)
  // incidents need no unit: they are closed after ten minutes.
  Status dispatch_waiting() {
    if (o_.policy == Policy::kNone) return {};
    std::vector<SimIncident*> waiting;
    for (auto& [id, i] : incidents_) {
      if (i.closed || i.dispatched_s) continue;
      if (i.grade == "R") {
        if (now_s() - i.opened_s >= 600) {
          if (Status s = close(i, "referred_to_partner"); !s) return s;
        }
        continue;
      }
      waiting.push_back(&i);
    }
    // I, then S, then E; oldest first within a grade.
    auto urgency = [](const std::string& grade) { return std::string_view("ISER").find(grade); };
    std::sort(waiting.begin(), waiting.end(), [&](const auto* a, const auto* b) {
      return a->grade != b->grade ? urgency(a->grade) < urgency(b->grade)
                                  : a->opened_s < b->opened_s;
    });
    for (SimIncident* i : waiting) {
      if (idle_units() == 0) break;
      std::string unit_id;
      if (o_.policy == Policy::kRecommended) {
        auto reply =
            control_.call("GET", "/api/v1/incidents/" + i->id + "/recommendations?limit=5");
        if (!reply) return std::move(reply).error();
        if (!accepted(*reply, "recommendations")) continue;
        for (const auto& r : reply->body.at("items").as_array()) {
          const auto it = units_.find(string_field(r, "resource_id"));
          if (it != units_.end() && it->second.state == UnitState::kIdle) {
            unit_id = it->first;
            break;
          }
        }
      } else {
        double best = 1e18;
        for (const auto& [id, u] : units_) {
          if (u.state != UnitState::kIdle) continue;
          // Where the server last heard it was: what a dispatcher's straight line uses too.
          const double d = geo::distance_m(u.reported, i->location);
          if (d < best) best = d, unit_id = id;
        }
      }
      if (unit_id.empty()) continue;
      auto reply = control_.call("POST", "/api/v1/incidents/" + i->id + "/dispatch",
                                 json::object{{"resource_id", unit_id}});
      if (!reply) return std::move(reply).error();
      if (!accepted(*reply, "dispatch")) continue;
      if (Status s = set_off(units_.at(unit_id), i->id, i->location, i->grade); !s) return s;
    }
    return {};
  }

  size_t idle_units() const {
    return static_cast<size_t>(std::count_if(units_.begin(), units_.end(), [](const auto& u) {
      return u.second.state == UnitState::kIdle;
    }));
  }

  // The unit acknowledges (en route) and drives its road route to the incident.
  Status set_off(SimUnit& u, const std::string& incident_id, geo::LatLon to,
                 const std::string& grade) {
    const bool blue_lights = grade == "I" || grade == "S";
    u.state = UnitState::kDriving;
    u.patrolling = false;
    u.incident_id = incident_id;
    u.set_off_s = u.busy_since_s = now_s();
    if (auto it = incidents_.find(incident_id); it != incidents_.end() && !it->second.dispatched_s)
      it->second.dispatched_s = now_s();
    auto route = road_route(u.at, to, blue_lights ? "emergency" : "normal", 1);
    if (!route) return std::move(route).error();
    u.route = std::move(*route);
    auto en_route = control_.call("POST", "/api/v1/resources/" + u.id + "/status",
                                  json::object{{"status", "en_route"}});
    if (!en_route) return std::move(en_route).error();
    accepted(*en_route, "en route");
    return {};
  }

  // The road route from `from` to `to` by `profile`, its time stretched by `pace` (a patrol
  // drives slower than the profile's speeds); a straight line at 30 km/h when there is none.
  Result<RouteFollower> road_route(geo::LatLon from, geo::LatLon to, const char* profile,
                                   double pace) {
    auto route = control_.call("GET", "/api/v1/geo/route?from=" + lat_lon(from) +
                                          "&to=" + lat_lon(to) + "&profile=" + profile);
    if (!route) return std::move(route).error();
    std::vector<geo::LatLon> points;
    double seconds = geo::distance_m(from, to) / 8.0;
    if (accepted(*route, "route")) {
      for (const auto& c : route->body.at("geometry").at("coordinates").as_array())
        points.push_back({c.at(1).to_number<double>(), c.at(0).to_number<double>()});
      seconds = route->body.at("seconds").to_number<double>() * pace;
    }
    points.push_back(to);  // the last metres from the road to the door
    if (points.size() == 1) points.insert(points.begin(), from);
    return RouteFollower(std::move(points), seconds);
  }

  // Idle units patrol their area: a leg by road to a place within kPatrolRadiusM of where
  // they were booked on, a stop there (a visit, a reassurance patrol on foot), the next leg. A
  // few legs are planned each tick so that route requests stay steady at a large fleet.
  Status patrol() {
    const double now = now_s();
    size_t planned = 0;
    for (auto& [id, u] : units_) {
      if (u.state != UnitState::kIdle) continue;
      if (u.patrolling) {
        if (!u.route.arrived(now - u.set_off_s)) continue;
        u.patrolling = false;
        u.next_patrol_s =
            now + std::uniform_real_distribution<double>(kPatrolPauseS / 2, kPatrolPauseS)(random_);
        continue;
      }
      if (now < u.next_patrol_s || planned >= kPatrolLegsPerTick) continue;
      ++planned;
      auto leg = road_route(u.at, patrol_destination(u), "normal", kPatrolPace);
      if (!leg) return std::move(leg).error();
      u.route = std::move(*leg);
      u.set_off_s = now;
      u.patrolling = true;
    }
    return {};
  }

  geo::LatLon patrol_destination(const SimUnit& u) {
    std::uniform_int_distribution<size_t> any(0, places_.size() - 1);
    for (int attempt = 0; attempt < 20; ++attempt) {
      const geo::LatLon& p = places_[any(random_)];
      if (geo::distance_m(p, u.home) <= kPatrolRadiusM) return p;
    }
    return u.home;  // nothing near in the sample: back to base
  }

  // Units people dispatched (or cleared) on the screens are picked up from the board.
  Status follow_board() {
    auto reply = control_.call("GET", "/api/v1/cad/board?limit=1");
    if (!reply) return std::move(reply).error();
    if (!accepted(*reply, "board")) return {};
    std::unordered_map<std::string, const json::value*> incidents;
    for (const auto& i : reply->body.at("incidents").as_array())
      incidents[string_field(i, "id")] = &i;
    for (const auto& r : reply->body.at("resources").as_array()) {
      const auto it = units_.find(string_field(r, "id"));
      if (it == units_.end()) continue;
      SimUnit& u = it->second;
      const std::string status = string_field(r, "status");
      const std::string job = string_field(r, "incident_id");
      if (u.state == UnitState::kIdle && (status == "dispatched" || status == "en_route")) {
        const auto incident = incidents.find(job);
        if (incident == incidents.end()) continue;
        if (Status s = set_off(u, job, point(incident->second->at("location")),
                               string_field(*incident->second, "grade"));
            !s)
          return s;
      } else if (u.state != UnitState::kIdle && status == "available") {
        u.busy_total_s += now_s() - u.busy_since_s;  // cleared on a screen
        u.state = UnitState::kIdle;
        u.incident_id.clear();
      }
    }
    return {};
  }

  Status move_and_report() {
    const double now = now_s();
    const auto real_now = Steady::now();
    const Timestamp stamp =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    json::array positions;
    std::vector<SimUnit*> reported;
    for (auto& [id, u] : units_) {
      bool due = false;
      if (u.state == UnitState::kDriving) {
        u.at = u.route.at(now - u.set_off_s);
        due = now - u.last_report_s >= o_.position_interval_seconds ||
              u.route.arrived(now - u.set_off_s);
      } else if (u.patrolling) {
        u.at = u.route.at(now - u.set_off_s);
        due = now - u.last_report_s >= kPatrolReportS || u.route.arrived(now - u.set_off_s);
      } else {
        // Standing units still report now and then, so their fix never goes stale.
        due = real_now - u.last_report_real >= std::chrono::seconds(60);
      }
      if (!due || real_now - u.last_report_real < std::chrono::milliseconds(100)) continue;
      positions.push_back(json::object{{"resource_id", id},
                                       {"lat", u.at.lat},
                                       {"lon", u.at.lon},
                                       {"at", format_rfc3339(stamp)}});
      reported.push_back(&u);
    }
    if (positions.empty()) return {};
    auto reply = avl_.call("POST", "/api/v1/positions", json::object{{"positions", positions}});
    if (!reply) return std::move(reply).error();
    if (!accepted(*reply, "positions")) return {};
    for (SimUnit* u : reported) {
      u->last_report_s = now;
      u->last_report_real = real_now;
      u->reported = u->at;
    }
    // The server found these at scene from their positions.
    for (const auto& sign : reply->body.at("arrived").as_array()) {
      for (auto& [id, u] : units_) {
        if (u.call_sign != sign.as_string() || u.state != UnitState::kDriving) continue;
        u.state = UnitState::kAtScene;
        u.arrived_s = now;
        if (auto it = incidents_.find(u.incident_id);
            it != incidents_.end() && !it->second.attended_s)
          it->second.attended_s = now;
      }
    }
    return {};
  }

  Status clear_finished() {
    for (auto& [id, u] : units_) {
      if (u.state != UnitState::kAtScene) continue;
      const auto incident = incidents_.find(u.incident_id);
      const double stay = incident != incidents_.end() ? incident->second.scene_minutes : 30;
      if (now_s() - u.arrived_s < stay * 60) continue;
      auto reply = control_.call("POST", "/api/v1/resources/" + id + "/status",
                                 json::object{{"status", "clear"}});
      if (!reply) return std::move(reply).error();
      accepted(*reply, "clear");
      u.busy_total_s += now_s() - u.busy_since_s;
      u.state = UnitState::kIdle;
      const std::string job = std::exchange(u.incident_id, {});
      // The last simulated unit to leave closes the incident.
      const bool others = std::any_of(units_.begin(), units_.end(), [&](const auto& other) {
        return other.second.incident_id == job;
      });
      if (incident != incidents_.end() && !others) {
        if (Status s = close(incident->second, "resolved_at_scene"); !s) return s;
      }
    }
    return {};
  }

  Status close(SimIncident& i, const char* code) {
    auto reply = control_.call("POST", "/api/v1/incidents/" + i.id + "/close",
                               json::object{{"closing_code", code}});
    if (!reply) return std::move(reply).error();
    // 409: other units are still there (sent by people); it is theirs to close.
    if (reply->status == 200 || reply->status == 409) {
      i.closed = true;
      return {};
    }
    accepted(*reply, "close");
    i.closed = true;
    return {};
  }

  SimReport report() {
    SimReport r;
    r.policy = o_.policy;
    r.simulated_hours = o_.duration_seconds / 3600;
    r.real_seconds = std::chrono::duration<double>(Steady::now() - start_).count();
    r.units = units_.size();
    r.refused = refused_;
    std::map<std::string, std::vector<double>> times, dispatch_times;
    const double end = std::min(now_s(), o_.duration_seconds);
    for (const auto& id : order_) {
      const SimIncident& i = incidents_.at(id);
      GradeOutcome& g = r.by_grade[i.grade];
      ++g.opened;
      if (i.dispatched_s) {
        ++g.dispatched;
        dispatch_times[i.grade].push_back((*i.dispatched_s - i.opened_s) / 60);
      }
      if (!i.attended_s) {
        // Still waiting past its target when the simulation ended: missed.
        if (!i.closed && end - i.opened_s > target_minutes(i.grade) * 60) ++g.decided;
        continue;
      }
      ++g.attended;
      ++g.decided;
      const double minutes = (*i.attended_s - i.opened_s) / 60;
      times[i.grade].push_back(minutes);
      if (minutes <= target_minutes(i.grade)) ++g.within_target;
    }
    add_percentiles(times, r.by_grade);
    add_percentiles(dispatch_times, r.by_grade, &GradeOutcome::median_dispatch_minutes,
                    &GradeOutcome::p90_dispatch_minutes);
    r.response_minutes = std::move(times);
    r.historical = historical_;
    r.replayed = !o_.recorded.empty();
    add_percentiles(historical_times_, r.historical);
    add_percentiles(historical_dispatch_, r.historical, &GradeOutcome::median_dispatch_minutes,
                    &GradeOutcome::p90_dispatch_minutes);
    r.historical_minutes = historical_times_;
    r.unmapped_types = unmapped_;
    double busy = 0;
    for (const auto& [id, u] : units_)
      busy += u.busy_total_s + (u.state != UnitState::kIdle ? end - u.busy_since_s : 0);
    r.utilisation = busy / (static_cast<double>(units_.size()) * std::max(1.0, end));
    return r;
  }

  SimOptions o_;
  ApiClient control_, avl_;
  std::vector<Call> calls_;
  size_t next_call_ = 0;
  std::unordered_map<std::string, SimIncident> incidents_;
  std::vector<std::string> order_;  // incidents in the order they were opened
  std::map<std::string, SimUnit> units_;
  std::vector<geo::LatLon> places_;  // points on the roads around the fleet
  std::mt19937_64 random_{o_.demand.seed};
  Steady::time_point start_;
  size_t refused_ = 0;
  std::map<std::string, GradeOutcome> historical_;
  std::map<std::string, std::vector<double>> historical_times_, historical_dispatch_;
  size_t unmapped_ = 0;
};

}  // namespace

Result<SimReport> run_simulation(const SimOptions& options) {
  if (!(options.speed >= 0.1 && options.speed <= 1000))
    return Error::invalid("speed", "must be between 0.1 and 1000");
  auto control =
      ApiClient::signed_in(options.server, options.control_user, options.control_password);
  if (!control) return std::move(control).error();
  auto avl = ApiClient::signed_in(options.server, options.avl_user, options.avl_password);
  if (!avl) return std::move(avl).error();
  Simulation simulation(options, std::move(*control), std::move(*avl));
  return simulation.run();
}

}  // namespace peel::sim
