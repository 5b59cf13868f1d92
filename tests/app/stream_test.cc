// The live stream over a real WebSocket: subscribe, receive events as they happen, resume
// from a sequence number, and be refused what the role may not read.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "stream_client.h"

namespace peel::testing {
namespace {

namespace beast = boost::beast;
namespace json = boost::json;

using Stream = ApiTest;

TEST_P(Stream, SubscribersSeeEventsAsTheyHappen) {
  const std::string admin = user_token("ada", "system_administrator");
  StreamClient client(port(), admin);
  EXPECT_EQ(client.response()[beast::http::field::sec_websocket_protocol], "peel")
      << "a browser accepts only a protocol it offered; the token is never echoed";
  client.send(json::object{{"subscribe", json::array{"users"}}});
  const auto subscribed = client.receive_type("subscribed");
  ASSERT_TRUE(subscribed.is_object());
  const auto made = call("POST", "/api/v1/users",
                         R"({"username":"bea","display_name":"Bea","role":"analyst"})", admin);
  ASSERT_EQ(made.status, 201);
  const auto event = client.receive_type("event");
  ASSERT_TRUE(event.is_object());
  EXPECT_EQ(event.at("topic"), "users");
  EXPECT_EQ(event.at("event"), "UserCreated");
  EXPECT_EQ(event.at("data").at("username"), "bea");
  EXPECT_GT(event.at("sequence").as_int64(), subscribed.at("sequence").as_int64());
}

TEST_P(Stream, AClientResumesFromTheLastSequenceItSaw) {
  const std::string admin = user_token("cid", "system_administrator");
  for (const char* name : {"dee", "eve"}) {
    ASSERT_EQ(call("POST", "/api/v1/users",
                   json::serialize(json::object{
                       {"username", name}, {"display_name", name}, {"role", "analyst"}}),
                   admin)
                  .status,
              201);
  }
  StreamClient client(port(), admin);
  client.send(json::object{{"subscribe", json::array{"users"}}, {"after", 0}});
  std::vector<std::string> created;
  long long last = 0;
  for (int i = 0; i < 20; ++i) {
    const auto frame = client.receive();
    if (frame.at("type") == "subscribed") break;
    EXPECT_GT(frame.at("sequence").as_int64(), last) << "in order, no repeats";
    last = frame.at("sequence").as_int64();
    if (frame.at("event") == "UserCreated")
      created.emplace_back(frame.at("data").at("username").as_string());
  }
  EXPECT_EQ(created, (std::vector<std::string>{"cid", "dee", "eve"}));
}

TEST_P(Stream, TopicsNeedTheirPermission) {
  StreamClient client(port(), user_token("fay", "dispatcher"));
  client.send(json::object{{"subscribe", json::array{"users"}}});
  const auto error = client.receive_type("error");
  ASSERT_TRUE(error.is_object());
  EXPECT_NE(error.at("detail").as_string().find("does not allow"), json::string::npos);
  client.send(json::object{{"subscribe", json::array{"no-such-topic"}}});
  EXPECT_TRUE(client.receive_type("error").is_object());
  client.send(json::string("not an object"));
  EXPECT_TRUE(client.receive_type("error").is_object());
}

TEST_P(Stream, NoSessionNoStream) {
  EXPECT_THROW(StreamClient(port(), "forged"), boost::system::system_error);
}

// A page on another site cannot open a socket on a signed-in user's token (cross-site
// WebSocket hijacking); Peel's own pages and programs that send no Origin can.
TEST_P(Stream, APageFromAnotherSiteCannotOpenTheStream) {
  const auto token = user_token("dispatcher1", "dispatcher");
  EXPECT_THROW(StreamClient(port(), token, "https://evil.example"), boost::system::system_error);
  EXPECT_THROW(StreamClient(port(), token, "null"), boost::system::system_error);
  EXPECT_NO_THROW(StreamClient(port(), token, "http://localhost"));
  EXPECT_NO_THROW(StreamClient(port(), token));
}

INSTANTIATE_TEST_SUITE_P(Backends, Stream, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
