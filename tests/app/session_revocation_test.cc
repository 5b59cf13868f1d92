// An open WebSocket does not outlive its session (issue 22): signed out, password changed,
// account disabled — each closes the socket within a second, with the error frame saying why
// and the close code 4401, and nothing more is delivered or taken from it. Idle and absolute
// expiry end sessions the same way (tests/auth: SessionsPastTheirLimitsEndAndTellTheListeners).
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "stream_client.h"

namespace peel::testing {
namespace {

namespace json = boost::json;
using std::chrono::milliseconds;

using SessionRevocation = ApiTest;

// Subscribed to incidents, then its session ended by `end`: the socket is told and closed.
void expect_closed_when(ApiTest& test, int port, const std::string& token,
                        const std::function<void()>& end, const std::string& how) {
  StreamClient client(port, token);
  client.send(json::object{{"subscribe", json::array{"incidents", "resources"}}});
  ASSERT_TRUE(client.receive_type("subscribed").is_object()) << how;
  const auto started = std::chrono::steady_clock::now();
  end();
  const json::value told = client.receive_type("error");
  ASSERT_TRUE(told.is_object()) << how;
  EXPECT_EQ(told.at("status"), 401) << how;
  const auto reason = client.closed_with(milliseconds(2000));
  EXPECT_EQ(reason.code, 4401) << how;
  EXPECT_FALSE(std::string(reason.reason.c_str()).empty()) << how;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1)) << how;
  EXPECT_FALSE(client.try_send(json::object{{"subscribe", json::array{"incidents"}}}) &&
               client.closed_with(milliseconds(300)).code == 0)
      << how << ": it cannot subscribe again";
  (void)test;
}

TEST_P(SessionRevocation, ASocketClosesWithinASecondWhenItsSessionEnds) {
  const std::string admin = user_token("root", "system_administrator");
  const std::string signing_out = user_token("pc-a", "dispatcher");
  expect_closed_when(
      *this, port(), signing_out,
      [&] { EXPECT_EQ(call("DELETE", "/api/v1/session", "", signing_out).status, 204); },
      "signed out");

  const std::string first = user_token("pc-b", "dispatcher");
  auto second = platform().auth().login("pc-b", "a long passphrase 1", {"127.0.0.1"});
  ASSERT_TRUE(second);
  expect_closed_when(
      *this, port(), first,
      [&] {
        EXPECT_EQ(call("POST", "/api/v1/session/password",
                       R"({"current_password": "a long passphrase 1",
                           "new_password": "another long passphrase 2"})",
                       second->token)
                      .status,
                  204);
      },
      "password changed in another session");

  const std::string officer = user_token("pc-c", "patrol_officer");
  const auto id = platform().auth().find_user("pc-c")->id;
  expect_closed_when(
      *this, port(), officer,
      [&] {
        EXPECT_EQ(
            call("POST", "/api/v1/users/" + id + "/disable", R"({"reason": "suspended"})", admin)
                .status,
            200);
      },
      "account disabled");
}

TEST_P(SessionRevocation, ADisabledOfficersSocketReportsNoMorePositions) {
  const std::string admin = user_token("root2", "system_administrator");
  const std::string officer = user_token("pc-d", "patrol_officer");
  StreamClient client(port(), officer);
  client.send(json::object{{"subscribe", json::array{"resources"}}});
  ASSERT_TRUE(client.receive_type("subscribed").is_object());
  ASSERT_TRUE(platform().auth().disable_user("pc-d", "suspended", auth::Actor::system()));
  client.try_send(json::object{
      {"positions", json::array{json::object{{"unit", "X1"}, {"lat", 51.5}, {"lon", -0.1}}}}});
  const json::value told = client.receive_type("error");
  ASSERT_TRUE(told.is_object());
  EXPECT_EQ(told.at("status"), 401);
  EXPECT_EQ(client.closed_with(milliseconds(2000)).code, 4401);
  (void)admin;
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionRevocation, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
