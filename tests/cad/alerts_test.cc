// Timers and alerts on a clock the test moves: each alert is raised once, when due, as an
// event that survives a restart; on both store backends.
#include <gtest/gtest.h>

#include "cad/cad_service.h"
#include "geo/geo_store.h"
#include "geo/synth.h"
#include "support/test_store.h"

namespace peel::cad {
namespace {

class Alerts : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing::TestStore>(GetParam());
    if (!db_->skip_reason.empty()) GTEST_SKIP() << db_->skip_reason;
    auto migrations = events::migrations();
    for (auto& m : geo::migrations()) migrations.push_back(std::move(m));
    auto migrated = store::migrate(db_->store(), migrations, clock_);
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    start();
  }
  void TearDown() override {
    cad_.reset();
    if (log_) log_->stop();
  }
  // A fresh service over the same log, as after a restart.
  void start() {
    cad_.reset();
    if (log_) log_->stop();
    log_ = std::make_unique<events::EventLog>(db_->store(), clock_, metrics_);
    ASSERT_TRUE(log_->start().ok());
    cad_ = std::make_unique<CadService>(*log_, clock_, map_, options_);
    ASSERT_TRUE(cad_->rebuild().ok());
  }
  std::string open(const char* grade) {
    NewIncident request;
    request.classification = "burglary";
    request.grade = grade;
    request.location = geo::LatLon{51.5072, -0.1276};
    auto incident = cad_->open_incident(request, auth::Actor::system());
    EXPECT_TRUE(incident.ok());
    return incident.ok() ? incident->id : "";
  }
  std::vector<AlertKind> kinds(const std::vector<Alert>& alerts) {
    std::vector<AlertKind> out;
    for (const auto& a : alerts) out.push_back(a.kind);
    return out;
  }

  ManualClock clock_{Timestamp(std::chrono::milliseconds(1'800'000'000'000))};
  MetricsRegistry metrics_;
  geo::LoadedMap map_;  // no map: locations are taken as given
  CadOptions options_;
  std::unique_ptr<testing::TestStore> db_;
  std::unique_ptr<events::EventLog> log_;
  std::unique_ptr<CadService> cad_;
};

TEST_P(Alerts, ImmediateIncidentWithNobodySentIsRaisedOnce) {
  const auto id = open("I");
  open("E");  // extended: no timer
  clock_.advance(std::chrono::seconds(59));
  EXPECT_TRUE(cad_->check_alerts().empty());
  clock_.advance(std::chrono::seconds(2));
  const auto raised = cad_->check_alerts();
  ASSERT_EQ(kinds(raised), (std::vector{AlertKind::kImmediateUnassigned}));
  EXPECT_EQ(raised[0].incident_id, id);
  EXPECT_TRUE(cad_->check_alerts().empty());  // once
  start();                                    // and still once after a restart
  clock_.advance(std::chrono::seconds(5));
  EXPECT_TRUE(cad_->check_alerts().empty());
  EXPECT_EQ(cad_->recent_alerts(10).size(), 1U);
}

TEST_P(Alerts, WelfareCheckAndSignificantTarget) {
  auto unit = cad_->register_resource({"MP1", "response car", "", {}, {}}, auth::Actor::system());
  ASSERT_TRUE(unit.ok());
  const auto significant = open("S");
  ASSERT_TRUE(cad_->dispatch(significant, unit->id, auth::Actor::system()).ok());
  ASSERT_TRUE(cad_->change_status(unit->id, "at_scene", "", auth::Actor::system()).ok());
  clock_.advance(std::chrono::minutes(29));
  EXPECT_TRUE(cad_->check_alerts().empty());
  clock_.advance(std::chrono::minutes(2));
  EXPECT_EQ(kinds(cad_->check_alerts()), (std::vector{AlertKind::kWelfareCheck}));
  // An update resets the welfare timer; the next silence raises a new check.
  ASSERT_TRUE(cad_->change_status(unit->id, "transporting", "", auth::Actor::system()).ok());
  clock_.advance(std::chrono::minutes(40));
  EXPECT_TRUE(cad_->check_alerts().empty());  // transporting is not at scene; S was attended

  const auto unattended = open("S");
  clock_.advance(std::chrono::minutes(49));
  EXPECT_TRUE(cad_->check_alerts().empty());
  clock_.advance(std::chrono::minutes(2));
  const auto near_target = cad_->check_alerts();
  ASSERT_EQ(kinds(near_target), (std::vector{AlertKind::kSignificantNearTarget}));
  EXPECT_EQ(near_target[0].incident_id, unattended);
}

TEST_P(Alerts, UnitPastItsEtaOnARealRoute) {
  // A map, so that dispatch records the ETA by road.
  testing::TempDir geo_dir;
  geo::SynthOptions town;
  town.junctions = 900;
  auto built = geo::synthesize(town);
  ASSERT_TRUE(geo::install_map(db_->store(), clock_, geo_dir.path(), "town",
                               std::move(built.network), std::move(built.places),
                               geo::SpeedFactors::emergency_defaults())
                  .ok());
  map_.service = std::move(geo::GeoService::load(db_->store())).value();
  start();
  auto unit = cad_->register_resource({"MP1", "response car", "", {}, {}}, auth::Actor::system());
  ASSERT_TRUE(unit.ok());
  ASSERT_TRUE(cad_->report_positions({{unit->id, {51.5040, -0.1240}, clock_.now()}}).ok());
  const auto id = open("E");
  ASSERT_TRUE(cad_->dispatch(id, unit->id, auth::Actor::system()).ok());
  const auto eta = *cad_->find_resource(unit->id)->expected_at - clock_.now();
  ASSERT_GT(eta, std::chrono::seconds(10));
  clock_.advance(std::chrono::duration_cast<std::chrono::milliseconds>(eta * 1.5));
  EXPECT_TRUE(cad_->check_alerts().empty());  // late, but within the grace minute
  clock_.advance(std::chrono::seconds(61));
  const auto late = cad_->check_alerts();
  ASSERT_EQ(kinds(late), (std::vector{AlertKind::kUnitPastEta}));
  EXPECT_EQ(late[0].resource_id, unit->id);
}

INSTANTIATE_TEST_SUITE_P(Backends, Alerts, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::cad
