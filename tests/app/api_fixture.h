// A real Platform serving HTTP on a free loopback port, over a fresh store of either backend,
// and a small blocking HTTP client to talk to it.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>

#include "app/platform.h"
#include "support/test_store.h"

namespace peel::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  boost::json::value json() const;
  std::string header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// Sends raw bytes and reads one response (or what the server sends before closing).
std::string send_raw(int port, const std::string& bytes);

class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  HttpReply call(const std::string& method, const std::string& target, const std::string& body = "",
                 const std::string& token = "",
                 const std::map<std::string, std::string>& headers = {});
  // The same, to another server (a standby).
  static HttpReply call_port(int port, const std::string& method, const std::string& target,
                             const std::string& body = "", const std::string& token = "",
                             const std::map<std::string, std::string>& headers = {});
  // Creates a user with the password "a long passphrase 1" and returns a signed-in token.
  std::string user_token(const std::string& username, const std::string& role);
  // Stops the platform and opens it again on the same store, as after a restart.
  void restart();
  // Makes a synthetic town (around 51.5072,-0.1276) the map; call from adjust().
  void install_town(uint32_t junctions);

  app::Platform& platform() { return *platform_; }
  int port() const { return platform_->port(); }
  virtual void adjust(app::PlatformOptions&) {}

  app::PlatformOptions options_;
  std::unique_ptr<TestStore> db_;
  std::string geo_dir_;  // the town's graph files, removed at the end
  std::string folders_;  // robotics' watched folders, removed at the end
  std::unique_ptr<app::Platform> platform_;
  SystemClock clock_;
};

}  // namespace peel::testing
