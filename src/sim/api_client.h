// The simulator talks to Peel as any outside client does: JSON over HTTP with a bearer token,
// one kept-alive connection per client. Blocking; one thread per client.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "core/result.h"

namespace peel::sim {

struct Reply {
  int status = 0;
  boost::json::value body;  // null when the body is not JSON
};

class ApiClient {
 public:
  // `base_url`: "http://HOST:PORT" (plain HTTP: the simulator runs beside the server).
  static Result<ApiClient> connect_to(const std::string& base_url);
  // Connected and signed in as `username`.
  static Result<ApiClient> signed_in(const std::string& base_url, const std::string& username,
                                     const std::string& password);

  // Signs in; later requests carry the token. A refused sign-in is an error naming the user.
  Status sign_in(const std::string& username, const std::string& password);
  // Any answer from the server is a Reply (4xx and 5xx included); only a broken connection
  // (after one reconnect) is an error.
  Result<Reply> call(const std::string& method, const std::string& target,
                     const std::optional<boost::json::value>& body = std::nullopt);

  const std::string& host() const { return host_; }
  const std::string& port() const { return port_; }
  const std::string& token() const { return token_; }  // after sign_in

  ApiClient(ApiClient&&) = default;
  ApiClient& operator=(ApiClient&&) = default;
  ~ApiClient();

 private:
  ApiClient() = default;
  Status reconnect();

  std::string host_, port_, token_;
  std::unique_ptr<boost::asio::io_context> io_;
  std::unique_ptr<boost::beast::tcp_stream> stream_;
};

// The string at `key` of a JSON object; empty when absent or not a string.
std::string string_field(const boost::json::value& v, const char* key);

}  // namespace peel::sim
