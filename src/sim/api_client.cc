#include "sim/api_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "core/json_text.h"

namespace peel::sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace json = boost::json;

Result<ApiClient> ApiClient::connect_to(const std::string& base_url) {
  constexpr std::string_view kScheme = "http://";
  if (base_url.rfind(kScheme, 0) != 0)
    return Error::invalid("server", "must be http://HOST:PORT (the simulator speaks plain HTTP)");
  std::string rest = base_url.substr(kScheme.size());
  if (const auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  const auto colon = rest.rfind(':');
  ApiClient client;
  client.host_ = colon == std::string::npos ? rest : rest.substr(0, colon);
  client.port_ = colon == std::string::npos ? "80" : rest.substr(colon + 1);
  if (client.host_.empty()) return Error::invalid("server", "names no host");
  client.io_ = std::make_unique<asio::io_context>();
  if (Status s = client.reconnect(); !s) return std::move(s).error();
  return client;
}

Result<ApiClient> ApiClient::signed_in(const std::string& base_url, const std::string& username,
                                       const std::string& password) {
  auto client = connect_to(base_url);
  if (!client) return std::move(client).error();
  if (Status s = client->sign_in(username, password); !s) return std::move(s).error();
  return client;
}

std::string string_field(const json::value& v, const char* key) {
  const auto* o = v.if_object();
  const auto* found = o ? o->if_contains(key) : nullptr;
  return found && found->is_string() ? std::string(found->as_string()) : std::string();
}

ApiClient::~ApiClient() {
  if (stream_) {
    beast::error_code ignored;
    stream_->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  }
}

Status ApiClient::reconnect() {
  beast::error_code ec;
  asio::ip::tcp::resolver resolver(*io_);
  const auto endpoints = resolver.resolve(host_, port_, ec);
  if (ec) return Error::unavailable("cannot resolve " + host_ + ": " + ec.message());
  stream_ = std::make_unique<beast::tcp_stream>(*io_);
  stream_->expires_after(std::chrono::seconds(10));
  stream_->connect(endpoints, ec);
  if (ec)
    return Error::unavailable("cannot reach Peel at " + host_ + ":" + port_ + ": " + ec.message());
  return {};
}

Result<Reply> ApiClient::call(const std::string& method, const std::string& target,
                              const std::optional<json::value>& body) {
  bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
  request.set(bhttp::field::host, host_);
  request.set(bhttp::field::accept, "application/json");
  request.keep_alive(true);
  if (!token_.empty()) request.set(bhttp::field::authorization, "Bearer " + token_);
  if (body) {
    request.set(bhttp::field::content_type, "application/json");
    request.body() = json_text(*body);
  }
  request.prepare_payload();
  for (int attempt = 0; attempt < 2; ++attempt) {
    beast::error_code ec;
    stream_->expires_after(std::chrono::seconds(30));
    bhttp::write(*stream_, request, ec);
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    if (!ec) bhttp::read(*stream_, buffer, response, ec);
    if (ec) {
      // The server closes idle connections: one new connection, then give up.
      if (attempt == 0 && reconnect()) continue;
      return Error::unavailable("lost the connection to Peel: " + ec.message());
    }
    Reply reply;
    reply.status = static_cast<int>(response.result_int());
    std::error_code parse_error;
    if (!response.body().empty()) reply.body = json::parse(response.body(), parse_error);
    if (!response.keep_alive()) (void)reconnect();
    return reply;
  }
  return Error::unavailable("lost the connection to Peel");
}

Status ApiClient::sign_in(const std::string& username, const std::string& password) {
  auto reply =
      call("POST", "/api/v1/session", json::object{{"username", username}, {"password", password}});
  if (!reply) return std::move(reply).error();
  if (reply->status != 201 || !reply->body.is_object() ||
      !reply->body.as_object().contains("token")) {
    return Error::unauthenticated("cannot sign in as " + username + " (HTTP " +
                                  std::to_string(reply->status) + ")");
  }
  token_ = json::value_to<std::string>(reply->body.at("token"));
  return {};
}

}  // namespace peel::sim
