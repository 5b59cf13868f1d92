// Installed processes on both store backends: the shipped ones install once and read back
// whole; a new version must be numbered above the last and valid; every version is kept.
#include "robotics/processes.h"

#include "robotics_store.h"

namespace peel::robotics {
namespace {

class ProcessesTest : public RoboticsStore {
 protected:
  void SetUp() override {
    RoboticsStore::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    processes_ = std::make_unique<Processes>(db_->store(), *log_, policy_);
  }
  RoboticsPolicy policy_;
  std::unique_ptr<Processes> processes_;
};

TEST_P(ProcessesTest, TheShippedProcessesInstallOnceAndNewVersionsGoAboveTheLast) {
  const auto admin = auth::Actor::system();
  ASSERT_TRUE(processes_->install_shipped(admin));
  ASSERT_TRUE(processes_->install_shipped(admin)) << "a second start installs nothing again";
  auto listed = processes_->list();
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ(listed->at(0).definition.id, "legacy-csv-import");
  EXPECT_EQ(listed->at(0).definition.trigger.format, "csv");
  EXPECT_EQ(listed->at(1).definition.id, "online-crime-report");
  EXPECT_EQ(listed->at(1).definition.steps.back().kind, "notify");

  std::string v2 = listed->at(1).text;
  v2.replace(v2.find(R"("version": 1)"), 12, R"("version": 2)");
  auto installed = processes_->install(v2, admin);
  ASSERT_TRUE(installed) << installed.error().message;
  EXPECT_EQ(processes_->current("online-crime-report")->definition.version, 2);
  EXPECT_EQ(processes_->version("online-crime-report", 1)->definition.version, 1)
      << "items made under version 1 are worked by it";
  EXPECT_EQ(processes_->install(v2, admin).error().code, ErrorCode::kConflict);
  std::string broken = v2;
  broken.replace(broken.find(R"("kind": "notify")"), 16, R"("kind": "fax")");
  EXPECT_EQ(processes_->install(broken, admin).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(processes_->current("nothing").error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProcessesTest, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::robotics
