// A store with Duty's staff (three people) and the Tech Bar's tables, a running event log, one
// site open on weekdays with one engineer, and the clock on a Wednesday morning, on the backend
// the test is given.
#pragma once

#include <gtest/gtest.h>

#include "duty/duty.h"
#include "support/test_store.h"
#include "techbar/techbar.h"

namespace peel::techbar {

class TechbarStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing::TestStore>(GetParam());
    if (!db_->skip_reason.empty()) GTEST_SKIP() << db_->skip_reason;
    auto all = events::migrations();
    for (auto& m : duty::migrations()) all.push_back(std::move(m));
    for (auto& m : migrations()) all.push_back(std::move(m));
    ASSERT_TRUE(store::migrate(db_->store(), all, clock_).ok());
    log_ = std::make_unique<events::EventLog>(db_->store(), clock_, metrics_);
    ASSERT_TRUE(log_->start().ok());
    staff_ = std::make_unique<duty::Staff>(db_->store(), *log_, clock_);
    locations_ = std::make_unique<Locations>(db_->store(), *log_, clock_);
    visits_ = std::make_unique<Visits>(db_->store(), *log_, clock_, *staff_, *locations_);
    tickets_ = std::make_unique<Tickets>(db_->store(), *log_, clock_);
    for (const auto& [number, name] : std::vector<std::pair<std::string, std::string>>{
             {"MP4521", "PC Olly Officer"}, {"MP1001", "DC Asha Patel"}, {"ST2002", "Sam Staff"}}) {
      ASSERT_TRUE(staff_->add({number, name, "constable", "Team 1", "Northgate", "response", ""},
                              auth::Actor::system()));
    }
    NewLocation site;
    site.name = "Lambeth";
    site.engineers = 1;
    auto made = locations_->add(site, auth::Actor::system());
    ASSERT_TRUE(made) << made.error().message;
    site_ = made->id;
  }
  void TearDown() override {
    if (log_) log_->stop();
  }

  Result<QueuePlace> check_in(const std::string& number, const std::string& device = "laptop") {
    return visits_->check_in({site_, number, device, "will not start"}, auth::Actor::system());
  }

  // Wednesday 2027-01-13 10:00 UTC: Lambeth is open.
  ManualClock clock_{*parse_rfc3339("2027-01-13T10:00:00Z")};
  MetricsRegistry metrics_;
  std::unique_ptr<testing::TestStore> db_;
  std::unique_ptr<events::EventLog> log_;
  std::unique_ptr<duty::Staff> staff_;
  std::unique_ptr<Locations> locations_;
  std::unique_ptr<Visits> visits_;
  std::unique_ptr<Tickets> tickets_;
  std::string site_;
  const auth::Actor engineer_{"u-9", "eng", {"127.0.0.1"}};
};

}  // namespace peel::techbar
