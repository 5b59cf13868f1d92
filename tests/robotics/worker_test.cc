// Workers running processes end to end on both store backends, against the real Records store:
// the online crime report becomes a crime with its number, the victim matched or recorded, and
// an acknowledgement in the outbox; a worker that dies mid-item leaves nothing done twice; bad
// data waits for a person and resumes when fixed; outside endpoints that fail are retried and
// escalated; decisions are waited for; the pool works a backlog with several workers.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>

#include "pole/pole.h"
#include "robotics/robotics.h"
#include "robotics/worker_pool.h"
#include "robotics_store.h"

namespace peel::robotics {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;

class WorkerTest : public RoboticsStore {
 protected:
  void SetUp() override {
    RoboticsStore::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    pole_ = std::make_unique<pole::Pole>(db_->store(), *log_, clock_);
    robotics_ = std::make_unique<Robotics>(db_->store(), *log_, clock_);
    ASSERT_TRUE(robotics_->processes.install_shipped(auth::Actor::system()).ok());
    pool_ = make_pool({});
  }
  void TearDown() override {
    pool_.reset();
    RoboticsStore::TearDown();
  }

  std::unique_ptr<WorkerPool> make_pool(WorkerPoolOptions options) {
    options.lease = milliseconds(60'000);
    return std::make_unique<WorkerPool>(
        *robotics_,
        StepServices{.pole = *pole_,
                     .outbox = robotics_->outbox,
                     .clock = clock_,
                     .place = [this](const std::string& address) -> std::optional<geo::LatLon> {
                       if (address.find(known_street_) == std::string::npos) return std::nullopt;
                       return geo::LatLon{51.5502, -0.1412};
                     },
                     .policy = robotics_->policy},
        options);
  }

  static json::object report(const std::string& surname, const std::string& where) {
    return {{"surname", surname},
            {"forenames", "Jane"},
            {"date_of_birth", "1985-03-14"},
            {"email", "jane@example.org"},
            {"address", "14 Acacia Avenue, London"},
            {"postcode", "NW5 1AA"},
            {"category", "bicycle-theft"},
            {"happened_from", "2027-01-14T18:00:00Z"},
            {"where", where},
            {"what_happened", "My bicycle was taken from the rack outside the library."}};
  }

  WorkItem submit(const json::object& fields, const std::string& process = "online-crime-report") {
    auto installed = robotics_->processes.current(process);
    EXPECT_TRUE(installed);
    const ProcessDefinition& d = installed->definition;
    auto made = robotics_->queue.enqueue({.queue = d.queue,
                                          .process_id = d.id,
                                          .process_version = d.version,
                                          .reference = "test-" + std::to_string(++submitted_),
                                          .priority = d.priority,
                                          .deadline = clock_.now() + std::chrono::minutes(45),
                                          .input = json::serialize(fields),
                                          .refused_reason = ""},
                                         auth::Actor::system());
    EXPECT_TRUE(made) << made.error().message;
    return made ? *made : WorkItem{};
  }

  WorkItem work(const WorkItem& item, const std::string& worker = "w1") {
    auto worked = pool_->work_one(worker);
    EXPECT_TRUE(worked && *worked) << (worked ? "nothing to do" : worked.error().message);
    auto now = robotics_->queue.get(item.id);
    EXPECT_TRUE(now);
    return now ? *now : WorkItem{};
  }

  static std::string out(const WorkItem& w, const char* name) {
    const json::value o = json::parse(w.outcome);
    const auto* v = o.as_object().if_contains(name);
    return !v ? "" : v->is_string() ? std::string(v->as_string()) : json::serialize(*v);
  }

  size_t people_named(const std::string& surname) {
    pole::PersonQuery query;
    query.name = "Jane " + surname;
    query.today = clock_.now();
    auto hits = pole_->persons.search(query);
    EXPECT_TRUE(hits);
    return hits ? hits->size() : 0;
  }

  std::unique_ptr<pole::Pole> pole_;
  std::unique_ptr<Robotics> robotics_;
  std::unique_ptr<WorkerPool> pool_;
  std::string known_street_ = "Acacia Avenue";
  int submitted_ = 0;
};

TEST_P(WorkerTest, AnOnlineReportBecomesACrimeWithItsNumberAndTheVictimIsToldIt) {
  clock_.set(*parse_rfc3339("2027-01-15T09:00:00Z"));
  const WorkItem item = submit(report("Okafor", "outside 3 Acacia Avenue"));
  const WorkItem done = work(item);
  ASSERT_EQ(done.state, "done") << done.reason;
  const std::string reference = out(done, "reference");
  EXPECT_TRUE(reference.starts_with("CR-")) << reference;
  EXPECT_EQ(out(done, "matched"), "false") << "nobody was on record: the victim is recorded";

  auto crime = pole_->events.find(reference);
  ASSERT_TRUE(crime) << crime.error().message;
  EXPECT_EQ(crime->facts.classification, "bicycle-theft");
  EXPECT_EQ(crime->facts.place, "outside 3 Acacia Avenue");
  EXPECT_TRUE(crime->facts.at);
  auto victim = pole_->persons.find(out(done, "person_id"));
  ASSERT_TRUE(victim);
  EXPECT_EQ(victim->surname, "Okafor");
  EXPECT_EQ(victim->date_of_birth, (pole::Date{1985, 3, 14}));

  auto messages = robotics_->outbox.list(true, 10);
  ASSERT_TRUE(messages);
  ASSERT_EQ(messages->size(), 1U);
  EXPECT_EQ(messages->front().to, "jane@example.org");
  EXPECT_NE(messages->front().body.find(reference), std::string::npos) << messages->front().body;
  EXPECT_NE(messages->front().subject.find(reference), std::string::npos);

  auto history = robotics_->queue.history(item.id);
  ASSERT_TRUE(history);
  std::vector<std::string> what;
  for (const auto& h : *history) what.push_back(h.what);
  EXPECT_EQ(what, (std::vector<std::string>{"created", "claimed", "step_done", "step_done",
                                            "step_done", "done"}));
}

TEST_P(WorkerTest, AVictimOnRecordIsMatchedAndTwoAlikeWaitForAPerson) {
  clock_.set(*parse_rfc3339("2027-01-15T09:00:00Z"));
  pole::NewPerson jane{.surname = "Mbeki",
                       .forenames = {"Jane"},
                       .date_of_birth = pole::Date{1985, 3, 14},
                       .aliases = {},
                       .identifiers = {},
                       .addresses = {"14 Acacia Avenue, London NW5 1AA"},
                       .description = ""};
  auto first = pole_->persons.record(jane, auth::Actor::system());
  ASSERT_TRUE(first);
  const WorkItem matched = work(submit(report("Mbeki", "Acacia Avenue")));
  ASSERT_EQ(matched.state, "done") << matched.reason;
  EXPECT_EQ(out(matched, "person_id"), first->id);
  EXPECT_EQ(out(matched, "matched"), "true");

  ASSERT_TRUE(pole_->persons.record(jane, auth::Actor::system()));
  const WorkItem ambiguous = work(submit(report("Mbeki", "Acacia Avenue")));
  EXPECT_EQ(ambiguous.state, "exception");
  EXPECT_NE(ambiguous.reason.find("2 people on record match"), std::string::npos)
      << ambiguous.reason;
  EXPECT_EQ(people_named("Mbeki"), 2U) << "nobody recorded a third time";
}

TEST_P(WorkerTest, AWorkerThatDiesMidItemLeavesNothingDoneTwice) {
  clock_.set(*parse_rfc3339("2027-01-15T09:00:00Z"));
  const WorkItem item = submit(report("Adeyemi", "Acacia Avenue"));
  // The first worker claims the item and does every step's work, then dies before it can
  // record any of them done.
  auto claimed = robotics_->queue.claim("dies", milliseconds(1'000));
  ASSERT_TRUE(claimed && *claimed);
  WorkItem partial = **claimed;
  auto process = robotics_->processes.current("online-crime-report");
  ASSERT_TRUE(process);
  StepServices services{.pole = *pole_,
                        .outbox = robotics_->outbox,
                        .clock = clock_,
                        .place =
                            [](const std::string&) {
                              return geo::LatLon{51.55, -0.14};
                            },
                        .policy = robotics_->policy};
  for (const size_t i : process->definition.order) {
    const StepSpec& step = process->definition.steps[i];
    StepResult r = run_step(services, process->definition, step, partial);
    ASSERT_EQ(r.kind, StepResult::Kind::kDone) << r.reason;
    // What step_done would record, kept in memory only.
    json::object outcome = json::parse(partial.outcome).as_object();
    json::value& steps = outcome["steps"];
    if (!steps.is_object()) steps.emplace_object();
    steps.as_object()[step.id] = r.outputs;
    partial.outcome = json::serialize(outcome);
  }
  // Its lease lapses; another worker takes the item from the start.
  clock_.advance(std::chrono::seconds(5));
  const WorkItem done = work(item, "w2");
  ASSERT_EQ(done.state, "done") << done.reason;
  EXPECT_EQ(people_named("Adeyemi"), 1U);
  pole::EventQuery query;
  query.type = "crime";
  query.text = "library";
  auto crimes = pole_->events.search(query);
  ASSERT_TRUE(crimes);
  EXPECT_EQ(crimes->size(), 1U);
  auto messages = robotics_->outbox.list(false, 10);
  ASSERT_TRUE(messages);
  EXPECT_EQ(messages->size(), 1U);
}

TEST_P(WorkerTest, BadDataWaitsForAPersonAndResumesWhenFixed) {
  clock_.set(*parse_rfc3339("2027-01-15T09:00:00Z"));
  json::object fields = report("Novak", "behind the old gasworks");
  const WorkItem stuck = work(submit(fields));
  ASSERT_EQ(stuck.state, "exception");
  EXPECT_NE(stuck.reason.find("could not be placed on the map"), std::string::npos) << stuck.reason;
  EXPECT_EQ(stuck.next_step, 1) << "the victim's step is done and is not done again";

  fields["where"] = "Acacia Avenue, by the gasworks";
  auto resumed =
      robotics_->queue.resume(stuck.id, json::serialize(fields), "placed", auth::Actor::system());
  ASSERT_TRUE(resumed) << resumed.error().message;
  const WorkItem done = work(stuck);
  ASSERT_EQ(done.state, "done") << done.reason;
  EXPECT_EQ(people_named("Novak"), 1U);
}

// An endpoint that accepts connections and never answers.
class SilentServer {
 public:
  SilentServer() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {}
  int port() const { return acceptor_.local_endpoint().port(); }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;  // the kernel completes the handshake; nobody reads
};

std::string calling_process(const std::string& url, int timeout_ms) {
  return R"({"id": "notify-partner", "name": "Tell a partner", "version": 1,
    "trigger": {"kind": "webhook"}, "queue": "partners",
    "fields": [{"name": "note", "type": "text", "required": true}],
    "steps": [{"id": "call", "kind": "http_call",
               "with": {"url": ")" +
         url + R"(", "body": "${input.note}", "timeout_ms": ")" + std::to_string(timeout_ms) +
         R"("}, "retry": {"max_attempts": 2, "backoff_ms": 1000}}]})";
}

TEST_P(WorkerTest, AnEndpointThatDoesNotAnswerIsRetriedThenEscalated) {
  SilentServer silent;
  const std::string host = "127.0.0.1:" + std::to_string(silent.port());
  robotics_ = std::make_unique<Robotics>(
      db_->store(), *log_, clock_,
      RoboticsPolicy{.folder_root = "var", .allowed_hosts = {host}, .ca_file = ""});
  pool_ = make_pool({});
  ASSERT_TRUE(robotics_->processes.install(calling_process("https://" + host + "/in", 200),
                                           auth::Actor::system()));
  const WorkItem item = submit({{"note", "hello"}}, "notify-partner");
  const WorkItem first = work(item);
  EXPECT_EQ(first.state, "retried");
  EXPECT_NE(first.reason.find("did not answer within 200 ms"), std::string::npos) << first.reason;
  clock_.advance(std::chrono::seconds(2));
  const WorkItem second = work(item);
  EXPECT_EQ(second.state, "exception");
  EXPECT_NE(second.reason.find("escalated after 2 attempts"), std::string::npos) << second.reason;
}

TEST_P(WorkerTest, ADecisionIsWaitedForAndThenUsed) {
  ASSERT_TRUE(robotics_->processes.install(
      R"({"id": "firearms-renewal", "name": "Firearms certificate renewal", "version": 1,
    "trigger": {"kind": "form"}, "queue": "licensing",
    "fields": [{"name": "holder", "type": "text", "required": true}],
    "steps": [{"id": "check", "kind": "wait_for_decision",
               "with": {"question": "Renew ${input.holder}'s certificate?"}},
              {"id": "shout", "kind": "transform",
               "with": {"value": "${steps.check.decision}", "into": "upper"}}]})",
      auth::Actor::system()));
  const WorkItem item = submit({{"holder", "A. Farmer"}}, "firearms-renewal");
  const WorkItem waiting = work(item);
  ASSERT_EQ(waiting.state, "exception");
  EXPECT_EQ(waiting.waiting_for, "check");
  EXPECT_EQ(waiting.reason, "a decision is needed: Renew A. Farmer's certificate?");
  EXPECT_FALSE(robotics_->queue.resume(item.id, std::nullopt, "", auth::Actor::system()))
      << "a decision is made, not skipped";
  auth::Actor sergeant{"u-1", "sergeant", {"127.0.0.1"}};
  ASSERT_TRUE(robotics_->queue.decide(item.id, "check", "approved", sergeant));
  const WorkItem done = work(item);
  ASSERT_EQ(done.state, "done") << done.reason;
  EXPECT_EQ(out(done, "value"), "APPROVED");
  EXPECT_FALSE(robotics_->queue.decide(item.id, "check", "refused", sergeant)) << "decided once";
}

TEST_P(WorkerTest, ThePoolGrowsWithTheBacklogAndWorksItAll) {
  clock_.set(*parse_rfc3339("2027-01-15T09:00:00Z"));
  const std::vector<std::string> surnames{
      "Abbott",    "Baptiste",  "Chowdhury", "Dimitrov",  "Eze",       "Fitzgerald",
      "Gallagher", "Haddad",    "Iqbal",     "Jankowski", "Kowalczyk", "Lindqvist",
      "Moreau",    "Nakamura",  "Osei",      "Petrov",    "Quinn",     "Rahman",
      "Santos",    "Takahashi", "Ueda",      "Varga",     "Whitfield", "Yilmaz"};
  std::vector<WorkItem> items;
  for (const auto& surname : surnames) items.push_back(submit(report(surname, "Acacia Avenue")));
  pool_ = make_pool({.min_workers = 1,
                     .max_workers = 3,
                     .backlog_per_worker = 4,
                     .lease = {},
                     .idle_poll = milliseconds(50),
                     .name = "pool"});
  pool_->start();
  int most = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < give_up) {
    most = std::max(most, pool_->workers());
    auto figures = robotics_->queue.figures();
    ASSERT_TRUE(figures);
    int settled = 0;
    for (const auto& q : *figures) {
      for (const char* state : {"done", "exception"})
        settled += q.by_state.count(state) ? q.by_state.at(state) : 0;
    }
    if (settled == 24) break;
    std::this_thread::sleep_for(milliseconds(20));
  }
  pool_->stop();
  for (const auto& item : items) {
    auto now = robotics_->queue.get(item.id);
    ASSERT_TRUE(now);
    EXPECT_EQ(now->state, "done") << now->reason;
  }
  EXPECT_GT(most, 1) << "a backlog of 24 at 4 a worker starts more than one";
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkerTest, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::robotics
