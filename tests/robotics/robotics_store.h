// A store with Records' and robotics' tables and a running event log, on the backend the test is
// given.
#pragma once

#include <gtest/gtest.h>

#include "pole/persons.h"
#include "robotics/work_queue.h"
#include "support/test_store.h"

namespace peel::robotics {

class RoboticsStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing::TestStore>(GetParam());
    if (!db_->skip_reason.empty()) GTEST_SKIP() << db_->skip_reason;
    auto all = events::migrations();
    for (auto& m : pole::migrations()) all.push_back(std::move(m));
    for (auto& m : migrations()) all.push_back(std::move(m));
    ASSERT_TRUE(store::migrate(db_->store(), all, clock_).ok());
    log_ = std::make_unique<events::EventLog>(db_->store(), clock_, metrics_);
    ASSERT_TRUE(log_->start().ok());
  }
  void TearDown() override {
    if (log_) log_->stop();
  }

  ManualClock clock_{Timestamp(std::chrono::milliseconds(1'800'000'000'000))};
  MetricsRegistry metrics_;
  std::unique_ptr<testing::TestStore> db_;
  std::unique_ptr<events::EventLog> log_;
};

}  // namespace peel::robotics
