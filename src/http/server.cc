#include "http/server.h"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json.hpp>
#include <future>
#include <thread>

#include "core/log.h"
#include "http/shielded_spawn.h"
#include "http/stream_hub.h"

namespace peel::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

namespace {

// A browser names the page that opens a WebSocket (Origin); a page from another site must not
// ride on a control-room user's session. Devices and programs send no Origin.
bool same_site(std::string_view origin, std::string_view host) {
  if (origin.empty()) return true;
  for (std::string_view scheme : {"https://", "http://"}) {
    if (origin.substr(0, scheme.size()) == scheme) {
      origin.remove_prefix(scheme.size());
      return std::equal(origin.begin(), origin.end(), host.begin(), host.end(),
                        [](char a, char b) { return std::tolower(a) == std::tolower(b); });
    }
  }
  return false;
}

}  // namespace

class Server::Impl {
 public:
  Impl(Router& router, MetricsRegistry& metrics, ServerOptions options, const StaticFiles* web,
       StreamHub* stream)
      : router_(router),
        options_(std::move(options)),
        web_(web),
        stream_(stream),
        io_(options_.io_threads),
        workers_(static_cast<size_t>(options_.worker_threads)),
        acceptor_(io_),
        tls_(asio::ssl::context::tls_server),
        connections_total_(metrics.counter("peel_http_connections_total", "Connections accepted")),
        refused_total_(metrics.counter("peel_http_connections_refused_total",
                                       "Connections refused at the connection limit")) {
    metrics.gauge("peel_http_connections_open", "Connections open now", {},
                  [this] { return static_cast<double>(open_connections_.load()); });
    metrics.gauge("peel_http_requests_in_flight", "Requests being handled now", {},
                  [this] { return static_cast<double>(in_flight_.load()); });
  }

  Status start() {
    use_tls_ = !options_.tls_certificate_file.empty() || !options_.tls_private_key_file.empty();
    if (use_tls_) {
      boost::system::error_code ec;
      tls_.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1 | asio::ssl::context::no_compression);
      // TLS 1.2 only with forward secrecy and an AEAD cipher (NCSC, Mozilla "intermediate");
      // TLS 1.3's suites are all of that kind already.
      SSL_CTX_set_options(tls_.native_handle(), SSL_OP_CIPHER_SERVER_PREFERENCE);
      if (SSL_CTX_set_cipher_list(tls_.native_handle(),
                                  "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!SHA1") != 1)
        return Error::internal("OpenSSL refused the TLS 1.2 cipher list");
      tls_.use_certificate_chain_file(options_.tls_certificate_file, ec);
      if (ec)
        return Error::invalid("tls.certificate_file",
                              options_.tls_certificate_file + ": " + ec.message());
      tls_.use_private_key_file(options_.tls_private_key_file, asio::ssl::context::pem, ec);
      if (ec)
        return Error::invalid("tls.private_key_file",
                              options_.tls_private_key_file + ": " + ec.message());
    }
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(options_.address, ec);
    if (ec)
      return Error::invalid("http.address", "\"" + options_.address + "\" is not an IP address");
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Error::unavailable("cannot listen on " + options_.address + ":" +
                                std::to_string(options_.port) + ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, accept_loop(), asio::detached);
    for (int i = 0; i < options_.io_threads; ++i) threads_.emplace_back([this] { io_.run(); });
    return {};
  }

  int port() const { return port_; }

  void stop() {
    if (threads_.empty()) return;
    draining_ = true;
    // Close the listening socket on the I/O threads (it is theirs) and wait until it is done, so
    // no connection is accepted after stop() returns.
    std::promise<void> closed;
    asio::post(io_, [this, &closed] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      closed.set_value();
    });
    closed.get_future().wait();
    const auto deadline = std::chrono::steady_clock::now() + options_.drain_timeout;
    while (in_flight_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (in_flight_.load() > 0) log::warn("http.drain_timeout", {{"in_flight", in_flight_.load()}});
    io_.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    workers_.join();
  }

 private:
  awaitable<void> accept_loop() {
    while (true) {
      auto [ec, socket] = co_await acceptor_.async_accept(kNoThrow);
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
        log::warn("http.accept_failed", {{"reason", ec.message()}});
        continue;
      }
      connections_total_.add();
      if (open_connections_.load() >= options_.max_connections) {
        refused_total_.add();
        asio::co_spawn(io_, refuse(std::move(socket)), asio::detached);
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(io_, connection(std::move(socket)), asio::detached);
    }
  }

  awaitable<void> refuse(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(std::chrono::seconds(5));
    auto response = to_beast(
        problem_response(Error::unavailable("the server is at its connection limit; try again")),
        11, false);
    co_await bhttp::async_write(stream, response, kNoThrow);
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  awaitable<void> connection(tcp::socket socket) {
    ++open_connections_;
    struct Closed {
      std::atomic<int>& n;
      ~Closed() { --n; }
    } closed{open_connections_};
    boost::system::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    const std::string ip = ec ? "unknown" : remote.address().to_string();
    if (!use_tls_) {
      beast::tcp_stream stream(std::move(socket));
      co_await session(stream, ip);
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), tls_);
    beast::get_lowest_layer(stream).expires_after(options_.request_timeout);
    auto [handshake] = co_await stream.async_handshake(asio::ssl::stream_base::server, kNoThrow);
    if (handshake) co_return;
    co_await session(stream, ip);
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
    co_await stream.async_shutdown(kNoThrow);
  }

  static bhttp::response<bhttp::string_body> to_beast(const Response& r, unsigned version,
                                                      bool keep_alive) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
    out.set(bhttp::field::server, "peel");
    out.set(bhttp::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) out.set(name, value);
    out.body() = r.body;
    out.keep_alive(keep_alive);
    out.prepare_payload();
    return out;
  }

  // A parse failure of the request itself, answered before closing.
  static std::optional<Error> read_error(const boost::system::error_code& ec) {
    if (ec == bhttp::error::body_limit)
      return Error::too_large("the request body is larger than allowed");
    if (ec == bhttp::error::header_limit)
      return Error::too_large("the request headers are larger than allowed");
    const boost::system::error_code end_of_stream = bhttp::error::end_of_stream;
    if (ec.category() == end_of_stream.category() && ec != end_of_stream &&
        ec != bhttp::error::partial_message) {
      return Error::malformed("the request is not valid HTTP/1.1: " + ec.message());
    }
    return std::nullopt;
  }

  template <typename Stream>
  awaitable<void> session(Stream& stream, const std::string& ip) {
    beast::flat_buffer buffer;
    bool first = true;
    while (!draining_) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(options_.body_limit);
      parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
      beast::get_lowest_layer(stream).expires_after(first ? options_.request_timeout
                                                          : options_.idle_timeout);
      first = false;
      // Idle keep-alive connections wait for the first byte with the idle timeout; once a
      // request has begun, the whole of it must arrive within the request timeout.
      auto [header_ec, header_bytes] =
          co_await bhttp::async_read_header(stream, buffer, parser, kNoThrow);
      if (!header_ec && !parser.is_done()) {
        beast::get_lowest_layer(stream).expires_after(options_.request_timeout);
        auto [body_ec, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
        header_ec = body_ec;
      }
      if (header_ec) {
        if (auto error = read_error(header_ec)) {
          ++in_flight_;
          auto response = to_beast(problem_response(*error), 11, false);
          beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(5));
          co_await bhttp::async_write(stream, response, kNoThrow);
          --in_flight_;
        }
        co_return;
      }
      auto& message = parser.get();
      if (websocket::is_upgrade(message)) {
        co_await upgrade(stream, message, ip);
        co_return;
      }
      ++in_flight_;
      Request request;
      request.method = std::string(message.method_string());
      request.target = std::string(message.target());
      request.body = std::move(message.body());
      for (const auto& field : message) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers[std::move(name)] = std::string(field.value());
      }
      request.remote_ip =
          client_address(ip, request.header("x-forwarded-for"), options_.trusted_proxies);
      // Two credentials in one request are ambiguous (a proxy and a client may each read a
      // different one): refused, never guessed between.
      // (An if, not a conditional expression: GCC 12 miscompiles co_await inside one.)
      const auto authorizations = message.count(bhttp::field::authorization);
      Response response;
      if (authorizations > 1) {
        response = problem_response(Error::malformed("send one Authorization header, not " +
                                                     std::to_string(authorizations)));
      } else {
        response = co_await respond(request);
      }
      const bool keep_alive = message.keep_alive() && !draining_;
      auto out = to_beast(response, message.version(), keep_alive);
      if (request.method == "HEAD") out.body().clear();
      // Browsers that reached Peel over HTTPS never fall back to plain HTTP for it.
      if (use_tls_) out.set(bhttp::field::strict_transport_security, "max-age=31536000");
      beast::get_lowest_layer(stream).expires_after(options_.request_timeout);
      auto [write_ec, written] = co_await bhttp::async_write(stream, out, kNoThrow);
      --in_flight_;
      if (write_ec || !keep_alive) co_return;
    }
  }

  awaitable<Response> respond(const Request& request) {
    std::string path;
    std::map<std::string, std::string> query;
    auto matched = router_.match(request, path, query);
    if (!matched) co_return router_.handle(request);
    if (!matched->route && !matched->path_known && web_ &&
        (request.method == "GET" || request.method == "HEAD") && path.rfind("/api/", 0) != 0) {
      if (auto file = web_->serve(path)) co_return *file;
    }
    if (matched->route && matched->route->runs_inline) {
      co_return router_.handle(request, *matched, path, std::move(query));
    }
    // Off the I/O threads: this handler may wait on the store or hash a password. The router
    // answers every exception of a handler itself; what is left (memory) is answered as 500.
    auto [failure, response] = co_await spawn_shielded(workers_, [&]() -> awaitable<Response> {
      co_return router_.handle(request, *matched, path, std::move(query));
    });
    if (failure) co_return problem_response(Error::internal("the request could not be handled"));
    co_return response;
  }

  template <typename Stream>
  awaitable<void> upgrade(Stream& stream, bhttp::request<bhttp::string_body>& message,
                          const std::string& ip) {
    // Browsers cannot set headers on a WebSocket, so the token may come as the subprotocol
    // "bearer.<token>", offered beside "peel". A browser accepts the connection only if the
    // server picks one of the protocols it offered: we pick "peel" (never echoing the token).
    const std::string protocols(message[bhttp::field::sec_websocket_protocol]);
    std::string token;
    bool offered_peel = false;
    for (size_t start = 0; start < protocols.size();) {
      size_t end = std::min(protocols.find(',', start), protocols.size());
      std::string item = protocols.substr(start, end - start);
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      if (item.rfind("bearer.", 0) == 0) token = item.substr(7);
      if (item == "peel") offered_peel = true;
      start = end + 1;
    }
    Request request;
    request.method = "GET";
    request.target = std::string(message.target());
    request.remote_ip =
        client_address(ip, std::string(message["X-Forwarded-For"]), options_.trusted_proxies);
    request.headers["authorization"] =
        token.empty() ? std::string(message[bhttp::field::authorization]) : "Bearer " + token;
    std::string path;
    std::map<std::string, std::string> query;
    auto matched = router_.match(request, path, query);
    auto who = router_.authenticate(request);
    std::optional<Error> refusal;
    if (!matched)
      refusal = matched.error();
    else if (!stream_ || path != "/api/v1/stream")
      refusal = Error::not_found("no WebSocket at " + path);
    else if (!who)
      refusal = who.error();
    else if (!same_site(message[bhttp::field::origin], message[bhttp::field::host]))
      refusal = Error::forbidden("a WebSocket opened by a page from another site (Origin " +
                                 std::string(message[bhttp::field::origin]) + ") is refused");
    if (refusal) {
      auto out = to_beast(problem_response(*refusal), message.version(), false);
      co_await bhttp::async_write(stream, out, kNoThrow);
      co_return;
    }
    websocket::stream<Stream&> ws(stream);
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws.read_message_max(options_.body_limit);  // a message may carry what a request body may
    ws.set_option(websocket::stream_base::decorator([offered_peel](websocket::response_type& res) {
      res.set(bhttp::field::server, "peel");
      if (offered_peel) res.set(bhttp::field::sec_websocket_protocol, "peel");
    }));
    beast::get_lowest_layer(stream).expires_never();
    auto [accept_ec] = co_await ws.async_accept(message, kNoThrow);
    if (accept_ec) co_return;
    auto client = stream_->connect(*who);
    // The hub wakes the writer from the event log's thread; a concurrent channel with room for
    // one signal means a wake-up sent while the writer is busy is not lost.
    asio::experimental::concurrent_channel<void(boost::system::error_code)> wake(
        co_await asio::this_coro::executor, 1);
    client->set_wake([&wake] { wake.try_send(boost::system::error_code{}); });
    auto reader = [&]() -> awaitable<void> {
      beast::flat_buffer in;
      while (true) {
        auto [ec, n] = co_await ws.async_read(in, kNoThrow);
        if (ec) co_return;
        // A subscription may replay history from the store: off the I/O thread.
        std::string text = beast::buffers_to_string(in.data());
        in.consume(in.size());
        auto [failure] = co_await spawn_shielded(workers_, [&]() -> awaitable<void> {
          stream_->receive(client, text);
          co_return;
        });
        if (failure) co_return;  // the hub could not take the message: end the connection
      }
    };
    auto writer = [&]() -> awaitable<void> {
      while (true) {
        // Closed now: what was queued before closing (the reason) is still sent.
        // Every batch out is checked against the live session: what was signed out, disabled
        // or expired in any process gets nothing more (only the frame saying why).
        if (!client->closed()) stream_->session_live(client, false);
        const bool closing = client->closed() || draining_;
        for (auto& frame : client->take_outgoing()) {
          auto [ec, n] = co_await ws.async_write(asio::buffer(*frame), kNoThrow);
          if (ec) co_return;
        }
        if (closing) break;
        auto [ec] = co_await wake.async_receive(kNoThrow);
        if (ec) co_return;
      }
      co_await ws.async_close(
          websocket::close_reason(static_cast<websocket::close_code>(client->close_code()),
                                  client->close_reason()),
          kNoThrow);
    };
    using namespace asio::experimental::awaitable_operators;
    // Whichever side ends first (the client left, or the hub closed it) ends the other.
    co_await (reader() || writer());
    client->set_wake(nullptr);
    stream_->disconnect(client);
  }

  Router& router_;
  ServerOptions options_;
  const StaticFiles* web_;
  StreamHub* stream_;
  asio::io_context io_;
  asio::thread_pool workers_;
  tcp::acceptor acceptor_;
  asio::ssl::context tls_;
  bool use_tls_ = false;
  int port_ = 0;
  std::vector<std::thread> threads_;
  std::atomic<bool> draining_{false};
  std::atomic<int> open_connections_{0};
  std::atomic<int> in_flight_{0};
  Counter& connections_total_;
  Counter& refused_total_;
};

Server::Server(Router& router, MetricsRegistry& metrics, ServerOptions options,
               const StaticFiles* web, StreamHub* stream)
    : impl_(std::make_unique<Impl>(router, metrics, std::move(options), web, stream)) {}

Server::~Server() {
  try {
    stop();
  } catch (const std::exception& e) {
    // A destructor must not throw; a failed stop (a thread that cannot be joined) is logged.
    log::error("http.stop_failed", {{"what", e.what()}});
  }
}

Status Server::start() { return impl_->start(); }
int Server::port() const { return impl_->port(); }
void Server::stop() { impl_->stop(); }

}  // namespace peel::http
