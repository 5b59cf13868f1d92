// Triggers that are not requests, on both store backends: a CSV export dropped in a watched
// folder becomes one item per row and moves to done/, and the same file dropped again queues
// nothing; a file that is not what its extension says moves to refused/ with the reason and
// shows as an exception; a row with a bad value waits for a person; a schedule queues one item
// per period; an event in Peel (an incident closed) starts the process listening for it.
#include "robotics/triggers.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/id.h"
#include "robotics_store.h"

namespace peel::robotics {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

class TriggersTest : public RoboticsStore {
 protected:
  void SetUp() override {
    RoboticsStore::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    root_ = (fs::temp_directory_path() / ("peel-triggers-" + new_id(clock_))).string();
    robotics_ = std::make_unique<Robotics>(
        db_->store(), *log_, clock_,
        RoboticsPolicy{.folder_root = root_, .allowed_hosts = {}, .ca_file = ""});
    ASSERT_TRUE(robotics_->processes.install_shipped(auth::Actor::system()).ok());
    triggers_ = std::make_unique<Triggers>(
        *robotics_, *log_, db_->store(), clock_,
        InstallerRights{.may = [this](const std::string& user_id,
                                      std::string_view permission) -> std::optional<auth::Actor> {
                          if (user_id == "system") return auth::Actor::system();
                          if (!held_[user_id].contains(std::string(permission))) return {};
                          return auth::Actor{user_id, user_id, {"robotics"}};
                        },
                        .log_read = [this](const auth::Actor& by, const std::string& type,
                                           const std::string& id, const std::string& purpose,
                                           const std::string&) -> Status {
                          reads_.push_back(by.id + " " + type + "/" + id + ": " + purpose);
                          return {};
                        }});
  }
  void TearDown() override {
    fs::remove_all(root_);
    RoboticsStore::TearDown();
  }

  // A file in the legacy import's folder, old enough to be taken.
  fs::path drop(const std::string& name, const std::string& text) {
    const fs::path folder = fs::path(root_) / "robotics/in/legacy";
    fs::create_directories(folder);
    const fs::path file = folder / name;
    std::ofstream(file) << text;
    fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::seconds(10));
    return file;
  }

  std::vector<WorkItem> items(const std::string& state = "") {
    auto listed = robotics_->queue.list(state, "", 100);
    EXPECT_TRUE(listed);
    return listed ? *listed : std::vector<WorkItem>{};
  }

  std::string root_;
  std::map<std::string, std::set<std::string>> held_;  // user id -> permissions
  std::vector<std::string> reads_;                     // the access log
  std::unique_ptr<Robotics> robotics_;
  std::unique_ptr<Triggers> triggers_;
};

TEST_P(TriggersTest, ADroppedCsvFileBecomesOneItemPerRowOnce) {
  const std::string csv =
      "surname,forenames,date_of_birth,postcode\n"
      "Smith,Jane,1985-03-14,nw5 1aa\n"
      "Okafor,Grace,,SE1 7PB\n"
      "Novak,Petr,1990-02-30,\n";
  const fs::path file = drop("export-2026-11-24.csv", csv);
  auto scan = triggers_->folders().scan();
  ASSERT_TRUE(scan) << scan.error().message;
  EXPECT_EQ(scan->queued, 3);
  EXPECT_EQ(scan->refused_records, 1);
  EXPECT_FALSE(fs::exists(file));
  EXPECT_TRUE(fs::exists(file.parent_path() / "done" / file.filename()));
  ASSERT_EQ(items("new").size(), 2U);
  EXPECT_EQ(
      items("new").at(0).facts.input,
      R"({"surname":"Smith","forenames":"Jane","date_of_birth":"1985-03-14","postcode":"NW5 1AA"})");
  const auto waiting = items("exception");
  ASSERT_EQ(waiting.size(), 1U);
  EXPECT_EQ(waiting[0].reason,
            "export-2026-11-24.csv record 4: date_of_birth: must be a date, YYYY-MM-DD");

  drop("export-2026-11-24.csv", csv);  // the same export again
  scan = triggers_->folders().scan();
  ASSERT_TRUE(scan);
  EXPECT_EQ(scan->queued, 0);
  EXPECT_EQ(scan->already_held, 3);
  EXPECT_EQ(items().size(), 3U);
  EXPECT_TRUE(fs::exists(file.parent_path() / "done" / "export-2026-11-24.csv.1"))
      << "kept, not overwritten";
}

TEST_P(TriggersTest, AFileThatIsNotWhatItSaysIsRefusedWithTheReasonAndNothingLost) {
  const fs::path wrong = drop("scan.pdf", "%PDF-1.7");
  const fs::path liar = drop("people.csv", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  auto scan = triggers_->folders().scan();
  ASSERT_TRUE(scan) << scan.error().message;
  EXPECT_EQ(scan->refused_files, 2);
  const fs::path refused = wrong.parent_path() / "refused";
  EXPECT_TRUE(fs::exists(refused / "scan.pdf"));
  EXPECT_TRUE(fs::exists(refused / "people.csv"));
  std::ifstream why(refused / "people.csv.why.txt");
  std::string reason;
  std::getline(why, reason);
  EXPECT_EQ(reason, "people.csv: is not a csv file: it is not text (UTF-8)");
  const auto waiting = items("exception");
  ASSERT_EQ(waiting.size(), 2U) << "each shows in the exception queue";
  EXPECT_FALSE(fs::exists(liar));
}

TEST_P(TriggersTest, AScheduleQueuesOneItemEachPeriod) {
  ASSERT_TRUE(robotics_->processes.install(
      R"({"id": "weekly-returns", "name": "Weekly returns", "version": 1,
    "trigger": {"kind": "schedule", "source": "every 60 minutes"}, "queue": "returns",
    "fields": [{"name": "due", "type": "datetime"}],
    "steps": [{"id": "note", "kind": "transform", "with": {"value": "${input.due}", "into": "trim"}}]})",
      auth::Actor::system()));
  ASSERT_TRUE(triggers_->tick().ok());
  ASSERT_TRUE(triggers_->tick().ok());
  ASSERT_EQ(items().size(), 1U) << "once in the period, however often it looks";
  clock_.advance(std::chrono::minutes(60));
  ASSERT_TRUE(triggers_->tick().ok());
  ASSERT_EQ(items().size(), 2U);
  EXPECT_NE(items()[1].facts.input.find(R"("due":")"), std::string::npos);
}

TEST_P(TriggersTest, AnEventInPeelStartsTheProcessListeningForIt) {
  ASSERT_TRUE(robotics_->processes.install(
      R"({"id": "closed-incident-survey", "name": "Survey after an incident", "version": 1,
    "trigger": {"kind": "event", "source": "IncidentClosed"}, "queue": "surveys",
    "fields": [{"name": "stream", "type": "text", "required": true},
               {"name": "outcome", "type": "text"}],
    "steps": [{"id": "note", "kind": "transform",
               "with": {"value": "${input.outcome}", "into": "upper"}}]})",
      auth::Actor::system()));
  ASSERT_TRUE(triggers_->tick().ok());  // where it starts reading: now
  ASSERT_TRUE(log_->append({"incident/42", "IncidentClosed", "u-1", "resolved",
                            R"({"outcome": "advice given", "code": 7})"}));
  ASSERT_TRUE(log_->append({"incident/43", "IncidentOpened", "u-1", "", "{}"}));
  ASSERT_TRUE(triggers_->tick().ok());
  ASSERT_TRUE(triggers_->tick().ok());
  const auto queued = items();
  ASSERT_EQ(queued.size(), 1U) << "one item for the one closed incident";
  EXPECT_EQ(queued[0].facts.input, R"({"stream":"incident/42","outcome":"advice given"})");
  EXPECT_EQ(queued[0].facts.queue, "surveys");
}

// The assessment's exfiltration attempt: a process started by incidents reads them only while its
// installer may, and every delivery is in the access log with the process as purpose.
TEST_P(TriggersTest, AnEventReachesAProcessOnlyWhileItsInstallerMayReadItAndIsLogged) {
  const std::string process =
      R"({"id": "caller-copy", "name": "Copy callers", "version": 1,
    "trigger": {"kind": "event", "source": "IncidentOpened"}, "queue": "copies",
    "fields": [{"name": "caller", "type": "text"}],
    "steps": [{"id": "note", "kind": "transform",
               "with": {"value": "${input.caller}", "into": "upper"}}]})";
  held_["u-auto"] = {"robotics.manage"};
  const auth::Actor automation{"u-auto", "u-auto", {"127.0.0.1"}};
  const auto may = [this](std::string_view p) { return held_["u-auto"].contains(std::string(p)); };
  auto refused = robotics_->processes.install(process, automation, may);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);

  held_["u-auto"].insert("cad.read");  // a dispatcher's rights, say, at the time of installing
  ASSERT_TRUE(robotics_->processes.install(process, automation, may));
  ASSERT_TRUE(triggers_->tick().ok());
  ASSERT_TRUE(log_->append(
      {"incident/42", "IncidentOpened", "u-1", "", R"({"caller": "Jane Smith 07700 900123"})"}));
  ASSERT_TRUE(triggers_->tick().ok());
  ASSERT_EQ(items().size(), 1U);
  ASSERT_EQ(reads_.size(), 1U);
  EXPECT_EQ(reads_[0], "u-auto incident/42: automated process caller-copy version 1");

  held_["u-auto"].erase("cad.read");  // moved to another job
  ASSERT_TRUE(log_->append(
      {"incident/43", "IncidentOpened", "u-1", "", R"({"caller": "John Doe 07700 900456"})"}));
  ASSERT_TRUE(triggers_->tick().ok());
  EXPECT_EQ(items().size(), 1U) << "nothing reaches a process its installer may not read";
  EXPECT_EQ(reads_.size(), 1U);
}

TEST_P(TriggersTest, LinksInAWatchedFolderAreNeitherReadNorMoved) {
  const fs::path secret = fs::path(root_) / "secret.csv";
  fs::create_directories(root_);
  std::ofstream(secret) << "surname\nSmith\n";
  const fs::path folder = fs::path(root_) / "robotics/in/legacy";
  fs::create_directories(folder);
  fs::create_symlink(secret, folder / "linked.csv");
  ASSERT_TRUE(triggers_->folders().scan());
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(folder / "linked.csv"))) << "left where it is";
  EXPECT_TRUE(fs::exists(secret));
  EXPECT_TRUE(items().empty());

  // The watched folder itself made a link after the process was installed.
  fs::remove_all(folder);
  const fs::path elsewhere = fs::path(root_) / "elsewhere";
  fs::create_directories(elsewhere);
  std::ofstream(elsewhere / "keys.csv") << "surname\nSmith\n";
  fs::last_write_time(elsewhere / "keys.csv",
                      fs::file_time_type::clock::now() - std::chrono::seconds(10));
  fs::create_directory_symlink(elsewhere, folder);
  ASSERT_TRUE(triggers_->folders().scan());
  EXPECT_TRUE(fs::exists(elsewhere / "keys.csv")) << "a folder reached through a link is not read";
  EXPECT_TRUE(items().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, TriggersTest, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::robotics
