// The simulator against a real server, through the public API only, on both store backends: an
// hour of demand at 600x with each policy; every call it opened is in the server's state, every
// urgent call got a unit, units reached their scenes by AVL and cleared, and nothing was refused.
#include "sim/sim.h"

#include "api_fixture.h"
#include "sim/load.h"

namespace peel::testing {
namespace {

class Simulator : public ApiTest {
 protected:
  void adjust(app::PlatformOptions&) override { install_town(2'500); }

  // Twenty units booked on around the town centre, and the simulator's two accounts.
  sim::SimOptions fleet_and_accounts() {
    const auto planner = user_token("planner", "control_room_supervisor");
    for (int n = 0; n < 20; ++n) {
      auto unit = platform().cad().register_resource(
          {"SIM" + std::to_string(n), "response car", "Ashby", {}, {}}, auth::Actor::system());
      EXPECT_TRUE(unit.ok());
      const int row = n / 5, column = n % 5;  // a 5 x 4 grid, about 100 m apart
      const geo::LatLon at{51.5040 + 0.0008 * column, -0.1330 + 0.0012 * row};
      EXPECT_TRUE(platform().cad().report_positions({{unit->id, at, clock_.now()}}).ok());
    }
    user_token("sim-control", "control_room_supervisor");
    user_token("sim-avl", "it_engineer");
    sim::SimOptions o;
    o.server = "http://127.0.0.1:" + std::to_string(port());
    o.control_user = "sim-control";
    o.avl_user = "sim-avl";
    o.control_password = o.avl_password = "a long passphrase 1";
    o.speed = 600;
    o.duration_seconds = 3600;
    o.demand.calls_per_day = 600;
    o.demand.start_hour = 18;
    o.quiet = true;
    return o;
  }

  // Runs an hour with `policy` and checks what every run must show.
  void expect_an_hour_answered(sim::Policy policy) {
    sim::SimOptions o = fleet_and_accounts();
    o.policy = policy;
    auto report = sim::run_simulation(o);
    ASSERT_TRUE(report.ok()) << report.error().message;
    SCOPED_TRACE(sim::report_text(*report, o));
    EXPECT_EQ(report->refused, 0U);
    EXPECT_EQ(report->units, 20U);
    size_t opened = 0;
    for (const auto& [grade, g] : report->by_grade) {
      opened += g.opened;
      EXPECT_LE(g.attended, g.dispatched) << grade;
      EXPECT_LE(g.within_target, g.attended) << grade;
      EXPECT_LE(g.attended, g.decided) << "every attended call is decided: " << grade;
      if (grade == "I" || grade == "S") {
        EXPECT_EQ(g.dispatched, g.opened) << "twenty units are enough for " << grade;
        EXPECT_GT(g.attended, 0U) << grade;
        ASSERT_TRUE(g.median_minutes.has_value());
        EXPECT_LT(*g.median_minutes, 15) << "a small town: minutes, not hours";
      }
      if (grade == "R") {
        EXPECT_EQ(g.dispatched, 0U) << "referred calls need no unit";
      }
    }
    EXPECT_GT(opened, 10U) << "about 25 calls in an evening hour at 600 a day";
    EXPECT_GT(report->utilisation, 0);
    // Every call the simulator opened is on the server; the AVL put units at their scenes.
    const auto on_server = platform().cad().responses_since(Timestamp{});
    EXPECT_EQ(on_server.size(), opened);
    EXPECT_GT(std::count_if(on_server.begin(), on_server.end(),
                            [](const auto& i) { return i.attended_at.has_value(); }),
              0);
  }
};

TEST_P(Simulator, AnHourOfDemandIsAnsweredOnTheRecommendation) {
  expect_an_hour_answered(sim::Policy::kRecommended);
}

TEST_P(Simulator, AnHourOfDemandIsAnsweredByTheNearestUnit) {
  expect_an_hour_answered(sim::Policy::kNearest);
}

// A replay of recorded calls: their times, grades and places (coordinates or an address the
// server geocodes), a type the force lacks opened as the default, and what really happened
// reported beside the simulation.
TEST_P(Simulator, RecordedCallsAreReplayedBesideWhatReallyHappened) {
  sim::SimOptions o = fleet_and_accounts();
  const auto place =
      call("GET", "/api/v1/geo/search?q=station&limit=1", "", user_token("looker", "call_handler"))
          .json();
  const std::string address(place.at("items").at(0).at("name").as_string());
  std::string csv = "time,type,priority,lat,lon,address,dispatched_at,arrived_at,cleared_at\n";
  for (int n = 0; n < 6; ++n) {
    const std::string at = "2026-11-24T18:0" + std::to_string(n) + ":00Z";
    csv += at + ",burglary,I,51.505" + std::to_string(n) + ",-0.131,,2026-11-24T18:1" +
           std::to_string(n) + ":00Z,2026-11-24T18:2" + std::to_string(n) + ":00Z,\n";
  }
  csv += "2026-11-24T18:10:00Z,noise_complaint,S,51.506,-0.132,,,,\n";
  csv += "2026-11-24T18:12:00Z,theft,E,,,\"" + address + "\",,,\n";
  csv += "2026-11-24T20:00:00Z,theft,E,51.506,-0.132,,,,\n";  // after the window
  auto recorded = sim::parse_calls_csv(csv);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  o.recorded = std::move(*recorded);
  o.replay_from = *parse_rfc3339("2026-11-24T18:00:00Z");
  o.duration_seconds = 3600;
  auto report = sim::run_simulation(o);
  ASSERT_TRUE(report.ok()) << report.error().message;
  SCOPED_TRACE(sim::report_text(*report, o));
  EXPECT_EQ(report->refused, 0U);
  EXPECT_EQ(report->unmapped_types, 1U);
  EXPECT_EQ(report->by_grade["I"].opened, 6U);
  EXPECT_EQ(report->by_grade["S"].opened, 1U);
  EXPECT_EQ(report->by_grade["E"].opened, 1U) << "the address was geocoded by the server";
  EXPECT_GT(report->by_grade["I"].attended, 0U);
  const auto& history = report->historical.at("I");
  EXPECT_EQ(history.attended, 6U);
  EXPECT_EQ(history.within_target, 0U) << "twenty minutes each, against fifteen";
  EXPECT_DOUBLE_EQ(*history.median_minutes, 20);
  EXPECT_DOUBLE_EQ(*history.median_dispatch_minutes, 10) << "received to dispatched";
  EXPECT_NE(sim::report_csv(*report).find("historical,I,6,6,6,6,0,20.00,20.00,10.00,10.00,"),
            std::string::npos);
  EXPECT_NE(sim::report_text(*report, o).find("What really happened to the same calls"),
            std::string::npos);
}

TEST_P(Simulator, WrongCredentialsOrServerAreClearErrors) {
  const sim::SimOptions good = fleet_and_accounts();
  sim::SimOptions o = good;
  o.avl_password = "not it";
  auto refused = sim::run_simulation(o);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("sim-avl"), std::string::npos);
  o = good;
  o.server = "https://example.org";
  EXPECT_NE(sim::run_simulation(o).error().message.find("http://HOST:PORT"), std::string::npos);
  o.server = "http://127.0.0.1:1";
  EXPECT_EQ(sim::run_simulation(o).error().code, ErrorCode::kUnavailable);
  o = good;
  o.speed = 0;
  EXPECT_FALSE(sim::run_simulation(o).ok());
}

// With nothing to do, the fleet patrols: units leave their bases by road, report where they
// are, and stay within reach of home. Without patrols they stand.
TEST_P(Simulator, IdleUnitsPatrolTheirArea) {
  sim::SimOptions o = fleet_and_accounts();
  o.policy = sim::Policy::kNone;
  o.demand.calls_per_day = 0.001;
  std::map<std::string, geo::LatLon> bases;
  for (const auto& r : platform().cad().resources()) bases[r.id] = r.fix->at;
  ASSERT_TRUE(sim::run_simulation(o).ok());
  size_t moved = 0;
  for (const auto& r : platform().cad().resources()) {
    ASSERT_TRUE(r.fix.has_value());
    const double from_base = geo::distance_m(r.fix->at, bases.at(r.id));
    if (from_base > 100) ++moved;
    EXPECT_LT(from_base, 2'500) << r.call_sign << " patrols near its base";
  }
  EXPECT_GE(moved, 10U) << "an hour: most of the twenty units have set off at least once";

  o.patrol = false;
  const auto before = platform().cad().resources();
  ASSERT_TRUE(sim::run_simulation(o).ok());
  for (const auto& r : before) {
    EXPECT_LT(geo::distance_m(platform().cad().find_resource(r.id)->fix->at, r.fix->at), 1)
        << r.call_sign << " stands without patrols";
  }
}

// A short load at a small scale: every incident worked through, every event in the store and on
// every screen, every unit's last fix the last one sent, nothing refused.
TEST_P(Simulator, ALoadLosesNothing) {
  const sim::SimOptions accounts = fleet_and_accounts();
  sim::LoadOptions o;
  o.server = accounts.server;
  o.control_user = accounts.control_user;
  o.control_password = accounts.control_password;
  o.avl_user = accounts.avl_user;
  o.avl_password = accounts.avl_password;
  o.seconds = 6;
  o.dispatchers = 5;
  o.workers = 2;
  o.calls_per_day = 600;
  o.peak_factor = 150;  // about 1.4 incidents a second
  o.quiet = true;
  auto report = sim::run_load(o);
  ASSERT_TRUE(report.ok()) << report.error().message;
  SCOPED_TRACE(sim::load_report_text(*report));
  EXPECT_EQ(report->units, 20U);
  EXPECT_GE(report->incidents_opened, 3U);
  EXPECT_EQ(report->incidents_closed, report->incidents_opened);
  EXPECT_EQ(report->errors(), 0U);
  EXPECT_FALSE(report->lost());
  EXPECT_GE(report->events_acknowledged, 3 * report->incidents_opened);
  EXPECT_EQ(report->deliveries_expected, size_t{5} * 3 * report->incidents_opened)
      << "opened, a unit sent and closed, on each of five screens";
  EXPECT_GE(report->positions_accepted, 20U) << "each unit at least once in six seconds";
  EXPECT_EQ(report->requests.at("open incident").count, report->incidents_opened);
  // The server agrees: each incident the load opened is there and closed.
  const auto on_server = platform().cad().responses_since(Timestamp{});
  EXPECT_EQ(on_server.size(), report->incidents_opened);
  EXPECT_TRUE(
      std::none_of(on_server.begin(), on_server.end(), [](const auto& i) { return i.open; }));

  o.dispatchers = 2000;
  EXPECT_EQ(sim::run_load(o).error().fields.at(0).field, "dispatchers");
}

INSTANTIATE_TEST_SUITE_P(Backends, Simulator, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
