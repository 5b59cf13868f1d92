// Beast's time limits apply only to asynchronous operations, so each one is started and the
// I/O context run until it completes or the deadline cancels it. TLS 1.2 at least; the name is
// sent (SNI) and checked against the certificate (RFC 6125) by OpenSSL's verifier.
#include "robotics/http_call.h"

#include <fmt/format.h>
#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

namespace peel::robotics {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {

constexpr size_t kMostBody = 1 << 20;

}  // namespace

Result<HttpAnswer> call_https(const std::string& method, const std::string& url,
                              const std::string& body, std::chrono::milliseconds timeout,
                              const std::string& ca_file) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "https" || parsed->host().empty())
    return Error::invalid("url", "must be an https:// address with a host (" + url + ")");
  const bhttp::verb verb = bhttp::string_to_verb(method);
  if (verb == bhttp::verb::unknown) return Error::invalid("method", "is not an HTTP method");
  const std::string host = parsed->host();
  const std::string port = parsed->has_port() ? std::string(parsed->port()) : "443";
  std::string target = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
  if (parsed->has_query()) target += "?" + std::string(parsed->encoded_query());

  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                  asio::ssl::context::no_tlsv1_1);
  beast::error_code setup;
  tls.set_default_verify_paths(setup);
  if (!ca_file.empty()) tls.load_verify_file(ca_file, setup);
  if (setup)
    return Error::unavailable(
        fmt::format("cannot read the trusted authorities ({}): {}", ca_file, setup.message()));
  tls.set_verify_mode(asio::ssl::verify_peer);

  asio::io_context io;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  beast::ssl_stream<beast::tcp_stream> stream(io, tls);
  stream.set_verify_callback(asio::ssl::host_name_verification(host));
  if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()))
    return Error::invalid("url", "has a host name TLS cannot send (" + host + ")");
  asio::ip::tcp::resolver resolver(io);
  beast::error_code ec;
  // Runs the operation just started until it finishes or the deadline passes.
  const auto wait = [&] {
    io.restart();
    io.run_until(deadline);
    if (!io.stopped()) {
      beast::error_code ignored;
      resolver.cancel();
      beast::get_lowest_layer(stream).socket().close(ignored);
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

  beast::get_lowest_layer(stream).expires_at(deadline);
  beast::get_lowest_layer(stream).async_connect(endpoints,
                                                [&](beast::error_code e, const auto&) { ec = e; });
  wait();
  if (ec) return failed("connecting");
  beast::get_lowest_layer(stream).expires_at(deadline);
  stream.async_handshake(asio::ssl::stream_base::client, [&](beast::error_code e) { ec = e; });
  wait();
  if (ec) return failed("checking its certificate");

  bhttp::request<bhttp::string_body> request{verb, target, 11};
  request.set(bhttp::field::host, host);
  request.set(bhttp::field::user_agent, "Peel robotics");
  if (!body.empty()) {
    request.set(bhttp::field::content_type, "application/json");
    request.body() = body;
  }
  request.prepare_payload();
  beast::get_lowest_layer(stream).expires_at(deadline);
  bhttp::async_write(stream, request, [&](beast::error_code e, size_t) { ec = e; });
  wait();
  if (ec) return failed("sending");

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMostBody);
  beast::get_lowest_layer(stream).expires_at(deadline);
  bhttp::async_read(stream, buffer, parser, [&](beast::error_code e, size_t) { ec = e; });
  wait();
  if (ec) return failed("reading the answer");
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  return HttpAnswer{static_cast<int>(parser.get().result_int()), parser.get().body()};
}

}  // namespace peel::robotics
