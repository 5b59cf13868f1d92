// Robotics through the HTTP API, on both store backends: the shipped processes are installed; a
// form with every field good becomes a work item (202), the same form again is refused naming
// it, a bad one is refused naming every field with nothing queued; the submitter sees its item's
// state and outcome, a reader also its input (logged); the queues show what waits.
#include "api_fixture.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

const std::string kReport = R"({"surname": "Okafor", "forenames": "Grace",
  "email": "grace.okafor@example.org", "postcode": "se1 7pb", "category": "bicycle-theft",
  "happened_from": "2027-01-10T08:00:00Z", "where": "Waterloo station cycle racks",
  "what_happened": "My bicycle was taken from the racks while I was at work."})";

class RoboticsApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    portal_ = user_token("website", "public_portal");
    admin_ = user_token("robots", "automation_administrator");
  }
  std::string portal_, admin_;
};

TEST_P(RoboticsApi, AGoodFormBecomesOneWorkItemTheSubmitterCanFollow) {
  const auto processes = call("GET", "/api/v1/robotics/processes", "", portal_);
  ASSERT_EQ(processes.status, 200) << processes.body;
  const auto listed = processes.json();
  std::vector<std::string> ids;
  for (const auto& p : listed.at("items").as_array()) ids.emplace_back(p.at("id").as_string());
  EXPECT_EQ(ids, (std::vector<std::string>{"legacy-csv-import", "online-crime-report"}));
  EXPECT_EQ(listed.at("items").at(1).at("trigger").at("kind"), "form");

  const auto sent = call("POST", "/api/v1/robotics/forms/online-crime-report", kReport, portal_);
  ASSERT_EQ(sent.status, 202) << sent.body;
  const std::string id(sent.json().at("id").as_string());
  const auto again = call("POST", "/api/v1/robotics/forms/online-crime-report", kReport, portal_);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find(id), std::string::npos) << "names the item it already is";

  const auto mine = call("GET", "/api/v1/robotics/items/" + id, "", portal_);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json().at("state"), "new");
  EXPECT_EQ(mine.json().at("history").at(0).at("what"), "created");
  EXPECT_FALSE(mine.json().as_object().contains("input")) << "the portal does not read it back";
  const auto other_portal = user_token("website2", "public_portal");
  EXPECT_EQ(call("GET", "/api/v1/robotics/items/" + id, "", other_portal).status, 404);

  const auto read = call("GET", "/api/v1/robotics/items/" + id, "", admin_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().at("input").at("postcode"), "SE1 7PB");
  const auto queues = call("GET", "/api/v1/robotics/queues", "", admin_);
  ASSERT_EQ(queues.status, 200) << queues.body;
  EXPECT_EQ(queues.json().at("items").at(0).at("queue"), "online crime");
  EXPECT_EQ(queues.json().at("items").at(0).at("by_state").at("new"), 1);
  EXPECT_EQ(call("GET", "/api/v1/robotics/queues", "", portal_).status, 403);

  const auto log = call("GET", "/api/v1/access-log?subject_type=work_item", "",
                        user_token("admin2", "system_administrator"), {{"Peel-Purpose", "audit"}});
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_EQ(log.json().at("items").as_array().size(), 1U) << "the reader's read, not the portal's";
}

TEST_P(RoboticsApi, ABadFormIsRefusedNamingEveryFieldAndNothingIsQueued) {
  const auto bad = call("POST", "/api/v1/robotics/forms/online-crime-report",
                        R"({"surname": "", "email": "nobody", "happened_from": "yesterday",
                            "where": "here", "what_happened": "x", "category": "theft",
                            "shoe_size": "9"})",
                        portal_);
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::vector<std::string> fields;
  const auto problems = bad.json();
  for (const auto& e : problems.at("errors").as_array())
    fields.emplace_back(e.at("field").as_string());
  EXPECT_EQ(fields, (std::vector<std::string>{"surname", "email", "happened_from", "shoe_size"}));
  EXPECT_EQ(call("POST", "/api/v1/robotics/forms/legacy-csv-import", kReport, portal_).status, 422)
      << "that process is started by a folder, not a form";
  EXPECT_EQ(call("POST", "/api/v1/robotics/forms/no-such-process", kReport, portal_).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/robotics/forms/online-crime-report", "[1, 2]", portal_).status,
            422);
  const auto queues = call("GET", "/api/v1/robotics/queues", "", admin_);
  ASSERT_EQ(queues.status, 200);
  EXPECT_TRUE(queues.json().at("items").as_array().empty()) << "nothing queued";
  EXPECT_EQ(call("POST", "/api/v1/robotics/forms/online-crime-report", kReport,
                 user_token("disp", "dispatcher"))
                .status,
            403);
}

INSTANTIATE_TEST_SUITE_P(Backends, RoboticsApi, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
