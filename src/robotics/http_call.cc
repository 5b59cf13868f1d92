// Beast's time limits apply only to asynchronous operations, so each one is started and the
// I/O context run until it completes or the deadline cancels it.
#include "robotics/http_call.h"

#include <fmt/format.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

namespace peel::robotics {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {

constexpr size_t kMostBody = 1 << 20;

}  // namespace

Result<HttpAnswer> call_http(const std::string& method, const std::string& url,
                             const std::string& body, std::chrono::milliseconds timeout) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "http" || parsed->host().empty())
    return Error::invalid("url", "must be an http:// address with a host (" + url + ")");
  const bhttp::verb verb = bhttp::string_to_verb(method);
  if (verb == bhttp::verb::unknown) return Error::invalid("method", "is not an HTTP method");
  const std::string host = parsed->host();
  const std::string port = parsed->has_port() ? std::string(parsed->port()) : "80";
  std::string target = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());

  asio::io_context io;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  beast::tcp_stream stream(io);
  asio::ip::tcp::resolver resolver(io);
  beast::error_code ec;
  // Runs the operation just started until it finishes or the deadline passes.
  const auto wait = [&] {
    io.restart();
    io.run_until(deadline);
    if (!io.stopped()) {
      beast::error_code ignored;
      resolver.cancel();
      stream.socket().close(ignored);
      io.run();  // lets the cancelled operation finish
      ec = beast::error::timeout;
    }
  };
  const auto failed = [&](const char* doing) {
    const bool late = ec == beast::error::timeout || ec == asio::error::operation_aborted;
    return Error::unavailable(
        late ? fmt::format("{} did not answer within {} ms ({})", url, timeout.count(), doing)
             : fmt::format("{}: {} ({})", url, ec.message(), doing));
  };

  asio::ip::tcp::resolver::results_type endpoints;
  resolver.async_resolve(host, port, [&](beast::error_code e, auto found) {
    ec = e;
    endpoints = std::move(found);
  });
  wait();
  if (ec) return failed("looking up the host");

  stream.expires_at(deadline);
  stream.async_connect(endpoints, [&](beast::error_code e, const auto&) { ec = e; });
  wait();
  if (ec) return failed("connecting");

  bhttp::request<bhttp::string_body> request{verb, target, 11};
  request.set(bhttp::field::host, host);
  request.set(bhttp::field::user_agent, "Peel robotics");
  if (!body.empty()) {
    request.set(bhttp::field::content_type, "application/json");
    request.body() = body;
  }
  request.prepare_payload();
  stream.expires_at(deadline);
  bhttp::async_write(stream, request, [&](beast::error_code e, size_t) { ec = e; });
  wait();
  if (ec) return failed("sending");

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMostBody);
  stream.expires_at(deadline);
  bhttp::async_read(stream, buffer, parser, [&](beast::error_code e, size_t) { ec = e; });
  wait();
  if (ec) return failed("reading the answer");
  beast::error_code ignored;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  return HttpAnswer{static_cast<int>(parser.get().result_int()), parser.get().body()};
}

}  // namespace peel::robotics
