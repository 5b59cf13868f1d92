// More than one process on one store: a serving platform and, beside it, another opened on the
// same store as `peel user add` or `peel demo` open it (their own connections, their own event
// log). What the other writes must never break the server's writes, and the server must see it
// within a second, on both backends.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "api_fixture.h"
#include "stream_client.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

class ManyProcesses : public ApiTest {
 protected:
  // The command line: the platform opened on the same store, not serving.
  std::unique_ptr<app::Platform> command_line() {
    auto opened = app::Platform::open(options_, clock_);
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
    return opened.ok() ? std::move(opened).value() : nullptr;
  }
};

// Polls `done` every 10 ms for up to a second (the bound the issue sets); returns whether it
// came true in time.
template <typename Predicate>
bool within_a_second(Predicate done) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

std::string sign_in_body(const std::string& username) {
  return json::serialize(json::object{{"username", username}, {"password", "a long passphrase 1"}});
}

TEST_P(ManyProcesses, AUserAddedByTheCommandLineSignsInAndTheServerGoesOnWriting) {
  const std::string admin = user_token("ada", "system_administrator");
  {
    auto cli = command_line();
    ASSERT_TRUE(cli);
    auto added = cli->auth().add_user({"xavier", "Xavier", "analyst", "a long passphrase 1", false},
                                      auth::Actor::system());
    ASSERT_TRUE(added.ok()) << added.error().message;
  }
  // The defect this guards against: every write of the server failed with
  // "UNIQUE constraint failed: events.sequence" after a write from the command line.
  const auto made = call("POST", "/api/v1/users",
                         R"({"username":"bea","display_name":"Bea","role":"analyst"})", admin);
  EXPECT_EQ(made.status, 201) << made.body;
  HttpReply signed_in;
  EXPECT_TRUE(within_a_second([&] {
    signed_in = call("POST", "/api/v1/session", sign_in_body("xavier"));
    return signed_in.status == 200 || signed_in.status == 201;
  })) << signed_in.status
      << " " << signed_in.body;
  auto verified = events::verify(platform().store(), platform().chain_key());
  ASSERT_TRUE(verified.ok());
  EXPECT_FALSE(verified->first_bad) << verified->problem;
}

TEST_P(ManyProcesses, AUserDisabledByTheCommandLineIsSignedOutOverHttpAndTheStream) {
  const std::string token = user_token("carl", "dispatcher");
  StreamClient stream(port(), token);
  stream.send(json::object{{"subscribe", json::array{"incidents"}}});
  ASSERT_TRUE(stream.receive_type("subscribed").is_object());
  ASSERT_EQ(call("GET", "/api/v1/incidents", "", token).status, 200);
  {
    auto cli = command_line();
    ASSERT_TRUE(cli);
    auto disabled = cli->auth().disable_user("carl", "left the force", auth::Actor::system());
    ASSERT_TRUE(disabled.ok()) << disabled.error().message;
  }
  EXPECT_TRUE(
      within_a_second([&] { return call("GET", "/api/v1/incidents", "", token).status == 401; }));
  // The open stream is told why and closed, not left delivering to a disabled account.
  const auto last = stream.receive_type("error");
  ASSERT_TRUE(last.is_object());
  EXPECT_EQ(last.at("status"), 401);
  EXPECT_EQ(call("POST", "/api/v1/session", sign_in_body("carl")).status, 401);
}

// A lockout earned on one server holds in every process, and a supervisor's unlock in another
// process lets the officer in on this one.
TEST_P(ManyProcesses, ALockoutHoldsEverywhereAndAnUnlockElsewhereLetsTheOfficerIn) {
  ASSERT_TRUE(platform().auth().add_user(
      {"dora", "Dora", "dispatcher", "a long passphrase 1", false}, auth::Actor::system()));
  for (int i = 0; i < 5; ++i)
    call("POST", "/api/v1/session", R"({"username":"dora","password":"guessed wrong 1"})");
  ASSERT_EQ(call("POST", "/api/v1/session", sign_in_body("dora")).status, 401) << "locked out";
  auto cli = command_line();
  ASSERT_TRUE(cli);
  EXPECT_FALSE(cli->auth().login("dora", "a long passphrase 1", {"cli"}).ok())
      << "the other process counts the same attempts";
  auto unlocked =
      cli->auth().unlock_user("dora", "identity checked by phone", auth::Actor::system());
  ASSERT_TRUE(unlocked.ok()) << unlocked.error().message;
  HttpReply signed_in;
  EXPECT_TRUE(within_a_second([&] {
    signed_in = call("POST", "/api/v1/session", sign_in_body("dora"));
    return signed_in.status == 201;
  })) << signed_in.status
      << " " << signed_in.body;
}

TEST_P(ManyProcesses, AUnitRegisteredElsewhereIsOnTheDispatchersBoard) {
  const std::string dispatcher = user_token("dina", "dispatcher");
  {
    auto cli = command_line();
    ASSERT_TRUE(cli);
    auto unit = cli->cad().register_resource({"MP42", "car", "north", {"response"}, {}},
                                             auth::Actor::system());
    ASSERT_TRUE(unit.ok()) << unit.error().message;
  }
  EXPECT_TRUE(within_a_second([&] {
    const auto board = call("GET", "/api/v1/resources", "", dispatcher);
    return board.status == 200 && board.body.find("MP42") != std::string::npos;
  }));
}

TEST_P(ManyProcesses, TwoProcessesWritingAtOnceKeepOneUnbrokenLog) {
  const std::string admin = user_token("eve", "system_administrator");
  auto cli = command_line();
  ASSERT_TRUE(cli);
  std::atomic<int> failed{0};
  std::thread beside([&] {
    for (int i = 0; i < 40; ++i) {
      auto added = cli->auth().add_user({"cli" + std::to_string(i), "From the command line",
                                         "analyst", "a long passphrase 1", false},
                                        auth::Actor::system());
      if (!added.ok()) ++failed;
    }
  });
  for (int i = 0; i < 40; ++i) {
    const auto made = call("POST", "/api/v1/users",
                           json::serialize(json::object{{"username", "api" + std::to_string(i)},
                                                        {"display_name", "From the API"},
                                                        {"role", "analyst"}}),
                           admin);
    if (made.status != 201) ++failed;
  }
  beside.join();
  EXPECT_EQ(failed.load(), 0);
  auto verified = events::verify(platform().store(), platform().chain_key());
  ASSERT_TRUE(verified.ok());
  EXPECT_FALSE(verified->first_bad) << verified->problem;
  // Both see all 80 (and the two signed-in administrators' own accounts).
  EXPECT_TRUE(within_a_second([&] { return platform().auth().users().size() == 81; }));
  EXPECT_TRUE(within_a_second([&] { return cli->auth().users().size() == 81; }));
}

TEST_P(ManyProcesses, ASecondServerOnSqliteIsRefusedAndOnPostgresStandsByThenTakesOver) {
  const std::string admin = user_token("fay", "system_administrator");
  EXPECT_TRUE(platform().active());
  app::PlatformOptions second_options = options_;
  second_options.leadership_period = std::chrono::milliseconds(100);
  auto opened = app::Platform::open(second_options, clock_);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto second = std::move(opened).value();
  Status served = second->serve();
  if (GetParam() == "sqlite") {
    ASSERT_FALSE(served.ok());
    EXPECT_EQ(served.error().code, ErrorCode::kConflict);
    // Names the running one, so the operator can find it.
    EXPECT_NE(served.error().message.find("pid " + std::to_string(getpid())), std::string::npos)
        << served.error().message;
    return;
  }
  ASSERT_TRUE(served.ok()) << served.error().message;
  EXPECT_FALSE(second->active());
  const int standby = second->port();
  auto on_standby = [&](const std::string& method, const std::string& target,
                        const std::string& body, const std::string& token) {
    return call_port(standby, method, target, body, token);
  };
  // Reads and signing in are served; a change is refused with 503 and when to retry.
  const auto signed_in = on_standby("POST", "/api/v1/session", sign_in_body("fay"), "");
  ASSERT_TRUE(signed_in.status == 200 || signed_in.status == 201) << signed_in.body;
  const std::string token(signed_in.json().at("token").as_string());
  EXPECT_EQ(on_standby("GET", "/api/v1/session", "", token).status, 200);
  const auto refused =
      on_standby("POST", "/api/v1/users",
                 R"({"username":"gus","display_name":"Gus","role":"analyst"})", token);
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.header("retry-after"), "2");
  EXPECT_NE(refused.body.find("standing by"), std::string::npos) << refused.body;
  // A load balancer finds the server that takes writes.
  EXPECT_EQ(on_standby("GET", "/readyz", "", "").json().at("role"), "standby");
  EXPECT_EQ(on_standby("GET", "/readyz?role=active", "", "").status, 503);
  EXPECT_EQ(on_standby("GET", "/readyz?role=standby", "", "").status, 200);
  EXPECT_EQ(on_standby("GET", "/readyz?role=leader", "", "").status, 422);
  EXPECT_EQ(call("GET", "/readyz?role=active").status, 200);
  // The active server stops: the standby takes over and takes the change.
  platform_.reset();
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!second->active() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(second->active());
  EXPECT_EQ(on_standby("POST", "/api/v1/users",
                       R"({"username":"gus","display_name":"Gus","role":"analyst"})", token)
                .status,
            201);
  second.reset();
  restart();  // TearDown expects a platform
}

TEST_P(ManyProcesses, AServerThatLostLeadershipCannotWriteOverItsSuccessor) {
  auto cli = command_line();
  ASSERT_TRUE(cli);
  ASSERT_TRUE(platform().active());
  // Another server took over (this one's connection was cut and it has not noticed yet).
  ASSERT_TRUE(cli->events().take_leadership("pid 1 on elsewhere, http://10.9.9.9:8080").ok());
  auto late = platform().auth().add_user({"hal", "Hal", "analyst", "a long passphrase 1", false},
                                         auth::Actor::system());
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(late.error().message.find("no longer the active one"), std::string::npos);
  EXPECT_TRUE(
      cli->auth()
          .add_user({"ivy", "Ivy", "analyst", "a long passphrase 1", false}, auth::Actor::system())
          .ok());
}

// A backup made by an older release (here: one before the Tech Bar's tables), restored: the
// platform refuses it until `peel migrate` brings it up to date, and then it holds what it held.
TEST(Restore, ABackupFromAnOlderReleaseIsRefusedUntilMigratedThenVerifies) {
  TestStore db("sqlite");
  TempDir backups;
  SystemClock clock;
  const auto all = app::all_migrations();
  std::vector<store::Migration> older = all;
  std::erase_if(older, [&](const store::Migration& m) { return m.module == all.back().module; });
  ASSERT_LT(older.size(), all.size());
  ASSERT_TRUE(store::migrate(db.store(), older, clock).ok());
  {
    MetricsRegistry metrics;
    events::EventLog log(db.store(), clock, metrics);
    ASSERT_TRUE(log.start().ok());
    for (int i = 0; i < 20; ++i)
      ASSERT_TRUE(log.append({"thing/" + std::to_string(i), "Tested", "tester", "", "{}"}).ok());
  }
  const std::string copy = backups.path() + "/older.db";
  ASSERT_TRUE(db.store().backup_to(copy).ok());

  app::PlatformOptions options;
  options.db_url = "sqlite:" + copy;
  options.robotics_policy.folder_root = backups.path() + "/robotics";
  auto refused = app::Platform::open(options, clock);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("run peel migrate"), std::string::npos)
      << refused.error().message;
  {
    auto restored = store::Store::open(options.db_url);
    ASSERT_TRUE(restored.ok());
    auto upgraded = store::migrate(**restored, all, clock);
    ASSERT_TRUE(upgraded.ok()) << upgraded.error().message;
    EXPECT_EQ(upgraded->applied.size(), all.size() - older.size());
    auto original = events::verify(db.store(), "");
    auto copied = events::verify(**restored, "");
    ASSERT_TRUE(original.ok() && copied.ok());
    EXPECT_EQ(copied->checked, original->checked);
    EXPECT_GE(copied->checked, 20);
    EXPECT_FALSE(copied->first_bad) << copied->problem;
  }
  auto opened = app::Platform::open(options, clock);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
}

INSTANTIATE_TEST_SUITE_P(Backends, ManyProcesses, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
