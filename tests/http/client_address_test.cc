#include <gtest/gtest.h>

#include "http/http.h"

namespace peel::http {
namespace {

const std::vector<std::string> kProxies = {"10.0.0.5", "10.0.0.6"};

TEST(ClientAddress, APeerThatIsNoProxyIsTheClient) {
  EXPECT_EQ(client_address("192.0.2.7", "203.0.113.9", kProxies), "192.0.2.7");
  EXPECT_EQ(client_address("192.0.2.7", "", {}), "192.0.2.7");
}

TEST(ClientAddress, BehindTrustedProxiesTheFirstUntrustedHopIsTheClient) {
  EXPECT_EQ(client_address("10.0.0.5", "203.0.113.9", kProxies), "203.0.113.9");
  EXPECT_EQ(client_address("10.0.0.5", "198.51.100.1, 203.0.113.9, 10.0.0.6", kProxies),
            "203.0.113.9");
  EXPECT_EQ(client_address("10.0.0.5", " 2001:db8::1 ", kProxies), "2001:db8::1");
}

TEST(ClientAddress, ForgedOrBrokenHeadersDoNotWin) {
  // A client cannot put itself further left than the proxy recorded it.
  EXPECT_EQ(client_address("10.0.0.5", "1.2.3.4, 203.0.113.9", kProxies), "203.0.113.9");
  EXPECT_EQ(client_address("10.0.0.5", "not-an-ip", kProxies), "10.0.0.5");
  EXPECT_EQ(client_address("10.0.0.5", "10.0.0.6", kProxies), "10.0.0.6");
  EXPECT_EQ(client_address("10.0.0.5", ",,,", kProxies), "10.0.0.5");
}

}  // namespace
}  // namespace peel::http
