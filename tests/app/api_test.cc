// The HTTP API end to end over real sockets, on SQLite and PostgreSQL alike.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/json.hpp>
#include <thread>

#include "api_fixture.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

using Api = ApiTest;

std::string field_of(const HttpReply& r) {
  const auto v = r.json();
  if (!v.is_object() || !v.as_object().contains("errors")) return "";
  return std::string(v.at("errors").at(0).at("field").as_string());
}

TEST_P(Api, HealthAndReadinessNeedNoSession) {
  EXPECT_EQ(call("GET", "/healthz").status, 200);
  const auto ready = call("GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json().at("status"), "ready");
}

TEST_P(Api, EveryRouteButThePublicOnesDeniesAnonymousCallers) {
  int checked = 0;
  for (const auto& route : platform().router().routes()) {
    if (route->permission == http::kPublic) continue;
    std::string target = route->pattern;
    for (auto open = target.find('{'); open != std::string::npos; open = target.find('{')) {
      target.replace(open, target.find('}') - open + 1, "x");
    }
    const auto reply = call(route->method, target, "{}");
    EXPECT_EQ(reply.status, 401) << route->method << " " << target;
    EXPECT_EQ(reply.header("content-type"), "application/problem+json");
    EXPECT_EQ(reply.header("www-authenticate"), "Bearer");
    ++checked;
  }
  EXPECT_GE(checked, 9);
}

TEST_P(Api, ForgedAndRevokedTokensAreRefused) {
  EXPECT_EQ(call("GET", "/api/v1/session", "", "forged-token-0123456789").status, 401);
  EXPECT_EQ(call("GET", "/api/v1/session", "", std::string(5000, 'a')).status, 401);
  const std::string token = user_token("olive", "dispatcher");
  EXPECT_EQ(call("GET", "/api/v1/session", "", token).status, 200);
  EXPECT_EQ(call("DELETE", "/api/v1/session", "", token).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/session", "", token).status, 401);
}

TEST_P(Api, SignInReturnsATokenAndTheUser) {
  user_token("paul", "patrol_officer");
  const auto reply =
      call("POST", "/api/v1/session", R"({"username":"paul","password":"a long passphrase 1"})");
  ASSERT_EQ(reply.status, 201) << reply.body;
  const auto body = reply.json();
  EXPECT_EQ(body.at("user").at("role"), "patrol_officer");
  EXPECT_TRUE(body.at("expires_at").as_string().ends_with("Z"));
  const std::string token(body.at("token").as_string());
  EXPECT_EQ(call("GET", "/api/v1/session", "", token).json().at("user").at("username"), "paul");
}

TEST_P(Api, BadBodiesGetProblemsNamingTheField) {
  const auto malformed = call("POST", "/api/v1/session", "{\"username\": ");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.header("content-type"), "application/problem+json");
  EXPECT_EQ(call("POST", "/api/v1/session", "[1,2]").status, 400);
  const auto wrong_type = call("POST", "/api/v1/session", R"({"username": 42, "password": "x"})");
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_EQ(field_of(wrong_type), "username");
  const auto unknown =
      call("POST", "/api/v1/session", R"({"username":"a","password":"b","admin":true})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(field_of(unknown), "admin");
  const auto missing = call("POST", "/api/v1/session", "{}");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json().at("errors").as_array().size(), 2u);
  const auto deep = call("POST", "/api/v1/session", std::string(100, '[') + std::string(100, ']'));
  EXPECT_EQ(deep.status, 400);
}

TEST_P(Api, SqlMetacharactersAreJustText) {
  const std::string admin = user_token("quinn", "system_administrator");
  const std::string nasty = "Robert'); DROP TABLE users;-- \\\" %_ ?1 $1";
  json::object create{{"username", "bobby"},
                      {"display_name", nasty},
                      {"role", "analyst"},
                      {"password", "a long passphrase 2"}};
  const auto created = call("POST", "/api/v1/users", json::serialize(create), admin);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("display_name").as_string(), nasty);
  create["username"] = "x' OR '1'='1";
  EXPECT_EQ(field_of(call("POST", "/api/v1/users", json::serialize(create), admin)), "username");
  EXPECT_EQ(
      call("POST", "/api/v1/session", R"({"username":"' OR 1=1 --","password":"' OR 1=1 --"})")
          .status,
      401);
  const std::map<std::string, std::string> purpose{
      {"Peel-Purpose", "test'; DELETE FROM access_log;--"}};
  EXPECT_EQ(call("GET", "/api/v1/users/x'%20OR%20'1'='1", "", admin, purpose).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/users?cursor=%27%3B--", "", admin, purpose).status, 200);
  EXPECT_EQ(
      call("GET", "/api/v1/access-log?subject_id=%27%20OR%201%3D1--", "", admin, purpose).status,
      200);
  const auto list = call("GET", "/api/v1/users", "", admin, purpose);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json().at("items").as_array().size(), 2u);
  EXPECT_EQ(call("GET", "/api/v1/audit/verify", "", admin).json().at("intact"), true);
}

TEST_P(Api, RolesLimitWhatAUserMayDo) {
  const std::string dispatcher = user_token("rita", "dispatcher");
  const auto denied = call("GET", "/api/v1/users", "", dispatcher, {{"Peel-Purpose", "curious"}});
  EXPECT_EQ(denied.status, 403);
  EXPECT_NE(denied.json().at("detail").as_string().find("users.read"), json::string::npos);
  EXPECT_EQ(call("GET", "/metrics", "", dispatcher).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/access-log", "", dispatcher).status, 403);
}

TEST_P(Api, PersonalDataNeedsAPurposeAndIsLogged) {
  const std::string admin = user_token("sam", "system_administrator");
  const auto no_purpose = call("GET", "/api/v1/users", "", admin);
  EXPECT_EQ(no_purpose.status, 422);
  EXPECT_EQ(field_of(no_purpose), "purpose");
  ASSERT_EQ(
      call("GET", "/api/v1/users", "", admin, {{"Peel-Purpose", "monthly account review"}}).status,
      200);
  const auto log =
      call("GET", "/api/v1/access-log?subject_type=user", "", admin, {{"Peel-Purpose", "audit"}});
  ASSERT_EQ(log.status, 200) << log.body;
  const auto body = log.json();
  const auto& items = body.at("items").as_array();
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].at("purpose"), "monthly account review");
  EXPECT_EQ(items[0].at("actor_username"), "sam");
  EXPECT_EQ(items[0].at("ip"), "127.0.0.1");
  EXPECT_EQ(items[0].at("action"), "consultation");
}

TEST_P(Api, ARepeatedWriteWithTheSameKeyHappensOnce) {
  const std::string admin = user_token("tara", "system_administrator");
  const std::string body = R"({"username":"uma","display_name":"Uma","role":"analyst"})";
  const std::map<std::string, std::string> key{{"Idempotency-Key", "create-uma-1"}};
  const auto first = call("POST", "/api/v1/users", body, admin, key);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(first.json().as_object().contains("one_time_password"));
  const auto again = call("POST", "/api/v1/users", body, admin, key);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("idempotent-replayed"), "true");
  const auto other = call("POST", "/api/v1/users",
                          R"({"username":"vic","display_name":"V","role":"analyst"})", admin, key);
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(field_of(other), "Idempotency-Key");
  EXPECT_EQ(platform().auth().users().size(), 2u);
}

TEST_P(Api, AOneTimePasswordMustBeChangedFirst) {
  const std::string admin = user_token("will", "system_administrator");
  const auto made =
      call("POST", "/api/v1/users",
           R"({"username":"xena","display_name":"Xena","role":"system_administrator"})", admin);
  ASSERT_EQ(made.status, 201);
  const std::string once(made.json().at("one_time_password").as_string());
  const auto login = call("POST", "/api/v1/session",
                          json::serialize(json::object{{"username", "xena"}, {"password", once}}));
  ASSERT_EQ(login.status, 201);
  const std::string token(login.json().at("token").as_string());
  EXPECT_EQ(call("GET", "/api/v1/users", "", token, {{"Peel-Purpose", "x"}}).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/session", "", token).status, 200);
  const auto changed = call("POST", "/api/v1/session/password",
                            json::serialize(json::object{{"current_password", once},
                                                         {"new_password", "my own passphrase"}}),
                            token);
  EXPECT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(call("GET", "/api/v1/users", "", token, {{"Peel-Purpose", "x"}}).status, 200);
}

TEST_P(Api, MetricsAndTheOpenApiDocument) {
  const std::string admin = user_token("yuri", "system_administrator");
  call("GET", "/healthz");
  const auto metrics = call("GET", "/metrics", "", admin);
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("peel_http_requests_total{route=\"GET /healthz\",code=\"2xx\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.body.find("peel_event_append_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.body.find("peel_db_pool_connections{state=\"open\"}"), std::string::npos);
  const auto doc = call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.json().at("openapi"), "3.0.3");
  EXPECT_TRUE(doc.json().at("paths").as_object().contains("/api/v1/users/{id}/disable"));
}

TEST_P(Api, UnknownPathsAndMethods) {
  EXPECT_EQ(call("GET", "/api/v1/nothing-here").status, 404);
  EXPECT_EQ(call("PUT", "/api/v1/session").status, 405);
  EXPECT_EQ(call("GET", "/api/v1/stream", "", user_token("zed", "analyst")).status, 426);
}

TEST_P(Api, OversizedAndMalformedRequestsAreRefusedAndTheServerKeepsServing) {
  const std::string big(2 << 20, 'x');
  const std::string too_big =
      send_raw(port(), "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                           std::to_string(big.size()) + "\r\n\r\n" + big);
  EXPECT_EQ(too_big.rfind("HTTP/1.1 413", 0), 0u) << too_big.substr(0, 80);
  const std::string huge_header =
      send_raw(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Junk: " + std::string(64 << 10, 'j') +
                           "\r\n\r\n");
  EXPECT_EQ(huge_header.rfind("HTTP/1.1 413", 0), 0u) << huge_header.substr(0, 80);
  const std::string garbage = send_raw(port(), "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(garbage.rfind("HTTP/1.1 400", 0), 0u) << garbage.substr(0, 80);
  const std::string bad_target =
      send_raw(port(), "GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(bad_target.rfind("HTTP/1.1 400", 0), 0u) << bad_target.substr(0, 80);
  EXPECT_EQ(call("GET", "/healthz").status, 200);
}

// Two of the assessment's low findings: two credentials in one request, and a long id echoed.
// Anyone can lock anyone out by guessing wrong; a supervisor lets them in again at once rather
// than leaving a dispatcher out for 15 minutes mid-shift, and nobody unlocks themselves.
TEST_P(Api, ASupervisorUnlocksALockedOutColleague) {
  const auto supervisor = user_token("cr_sup", "control_room_supervisor");
  ASSERT_TRUE(platform().auth().add_user(
      {"disp7", "Dispatcher Seven", "dispatcher", "a long passphrase 1", false},
      auth::Actor::system()));
  const std::string right = R"({"username":"disp7","password":"a long passphrase 1"})";
  for (int i = 0; i < 5; ++i)
    call("POST", "/api/v1/session", R"({"username":"disp7","password":"guessed wrong 1"})");
  EXPECT_EQ(call("POST", "/api/v1/session", right).status, 401) << "locked out";

  const std::string why = R"({"reason": "locked out by someone guessing; identity checked"})";
  EXPECT_EQ(
      call("POST", "/api/v1/users/disp7/unlock", why, user_token("pc9", "patrol_officer")).status,
      403);
  EXPECT_EQ(call("POST", "/api/v1/users/disp7/unlock", "{}", supervisor).status, 422)
      << "a reason is needed";
  EXPECT_EQ(call("POST", "/api/v1/users/cr_sup/unlock", why, supervisor).status, 409)
      << "not one's own";
  const auto unlocked = call("POST", "/api/v1/users/disp7/unlock", why, supervisor);
  ASSERT_EQ(unlocked.status, 200) << unlocked.body;
  EXPECT_EQ(call("POST", "/api/v1/session", right).status, 201) << unlocked.body;
}

TEST_P(Api, TwoAuthorizationHeadersAreRefusedAndLongIdsAreNotEchoed) {
  const std::string token = user_token("ola", "dispatcher");
  const std::string twice =
      send_raw(port(), "GET /api/v1/resources HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                           token + "\r\nAuthorization: Bearer other\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(twice.rfind("HTTP/1.1 400", 0), 0u) << twice.substr(0, 80);
  const auto long_id = call("GET", "/api/v1/resources/" + std::string(10'000, 'x'), "", token);
  EXPECT_EQ(long_id.status, 404);
  EXPECT_LT(long_id.body.size(), 600U) << "the id is not sent back whole";
}

// A body read two ways is refused: a key given twice (parsers keep different ones), or a body
// that says it is not JSON (a cross-site form posts text/plain without a preflight).
TEST_P(Api, BodiesThatCouldBeReadTwoWaysAreRefused) {
  const std::string token = user_token("rita", "records_manager");
  const auto twice =
      call("POST", "/api/v1/persons",
           R"({"surname": "Smith", "surname": "Jones", "forenames": ["Ann"]})", token);
  EXPECT_EQ(twice.status, 422) << twice.body;
  EXPECT_NE(twice.body.find(R"("field":"surname")"), std::string::npos) << twice.body;
  const auto nested = call("POST", "/api/v1/persons",
                           R"({"surname": "Smith", "identifiers": [{"kind": "pnc", "kind": "x",
                               "value": "85/123456X"}]})",
                           token);
  EXPECT_EQ(nested.status, 422) << nested.body;
  EXPECT_EQ(call("POST", "/api/v1/persons", R"({"surname": "Smith", "forenames": ["Ann"]})", token,
                 {{"Content-Type", "text/plain;charset=UTF-8"}})
                .status,
            415);
  EXPECT_EQ(call("POST", "/api/v1/persons", R"({"surname": "Smith", "forenames": ["Ann"]})", token,
                 {{"Content-Type", "application/json; charset=utf-8"}})
                .status,
            201);
  const auto people = call("GET", "/api/v1/persons/search?q=Smith", "", token,
                           {{"Peel-Purpose", "duplicate check"}});
  ASSERT_EQ(people.status, 200);
  EXPECT_EQ(people.json().at("items").as_array().size(), 1U) << "only the good one was written";
}

TEST_P(Api, KeepAliveServesSeveralRequestsOnOneConnection) {
  const std::string two = send_raw(port(),
                                   "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                   "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  size_t count = 0;
  for (size_t at = two.find("HTTP/1.1 200"); at != std::string::npos;
       at = two.find("HTTP/1.1 200", at + 1))
    ++count;
  EXPECT_EQ(count, 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Api, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing

namespace peel::testing {
namespace {

using StoreFailure = ApiTest;

TEST_P(StoreFailure, ConnectionsCutByTheDatabaseAreReplacedWithoutFailingARequest) {
  if (GetParam() != "postgres") GTEST_SKIP() << "cuts PostgreSQL connections";
  const std::string admin = user_token("gil", "system_administrator");
  const std::map<std::string, std::string> purpose{{"Peel-Purpose", "account review"}};
  ASSERT_EQ(call("GET", "/api/v1/users", "", admin, purpose).status, 200);
  // Cut every connection the platform holds, as a database restart or failover would.
  auto admin_store = store::Store::open(std::getenv("PEEL_TEST_POSTGRES_URL"));
  ASSERT_TRUE(admin_store.ok());
  ASSERT_TRUE((*admin_store)
                  ->transact(store::Access::kWrite,
                             [&](store::Session& s) -> Status {
                               auto r = s.query(
                                   "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                   "application_name = $1",
                                   {db_->schema()});
                               if (!r) return std::move(r).error();
                               return {};
                             })
                  .ok());
  // Each cut connection fails at BEGIN, before any work: nothing was done, so the work runs
  // again on a fresh connection and the caller never sees the cut.
  for (int i = 0; i < 20; ++i) {
    const auto reply = call("GET", "/api/v1/users", "", admin, purpose);
    EXPECT_EQ(reply.status, 200) << "request " << i << ": " << reply.body;
  }
  EXPECT_EQ(call("POST", "/api/v1/users",
                 R"({"username":"ida","display_name":"Ida","role":"analyst"})", admin)
                .status,
            201);
  EXPECT_EQ(call("GET", "/healthz").status, 200);
  EXPECT_EQ(call("GET", "/readyz").status, 200);
  EXPECT_EQ(call("GET", "/api/v1/audit/verify", "", admin).json().at("intact"), true);
}

TEST_P(StoreFailure, StopFinishesCleanlyAndRefusesNewConnections) {
  const std::string admin = user_token("hal", "system_administrator");
  const int served_on = port();
  const auto started = std::chrono::steady_clock::now();
  platform().stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_THROW(send_raw(served_on, "GET /healthz HTTP/1.1\r\n\r\n"), boost::system::system_error);
  auto report = events::verify(db_->store(), platform().chain_key());
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->first_bad.has_value());
  EXPECT_GE(report->checked, 2);  // the user and the sign-in were flushed
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreFailure, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing

namespace peel::testing {
namespace {

class Limits : public ApiTest {
 protected:
  void adjust(app::PlatformOptions& options) override {
    options.http.max_connections = 2;
    options.http.request_timeout = std::chrono::seconds(1);
    options.http.idle_timeout = std::chrono::seconds(1);
  }
};

TEST_P(Limits, ConnectionsBeyondTheLimitAreRefusedAndSilentOnesAreCut) {
  boost::asio::io_context io;
  const boost::asio::ip::tcp::endpoint server(boost::asio::ip::make_address("127.0.0.1"),
                                              static_cast<unsigned short>(port()));
  boost::asio::ip::tcp::socket first(io), second(io);
  first.connect(server);
  second.connect(server);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const std::string refused = send_raw(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(refused.rfind("HTTP/1.1 503", 0), 0u) << refused.substr(0, 60);

  // A connection that sends nothing is closed by the server after the request timeout.
  const auto start = std::chrono::steady_clock::now();
  char byte;
  boost::system::error_code ec;
  first.read_some(boost::asio::buffer(&byte, 1), ec);
  EXPECT_EQ(ec, boost::asio::error::eof);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  second.close();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(call("GET", "/healthz").status, 200) << "room again once they are gone";
}

INSTANTIATE_TEST_SUITE_P(Backends, Limits, ::testing::Values("sqlite"),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
