// The HTTP/1.1 server (Boost.Beast): keep-alive, limits on body and header size, connections
// and idle time, optional TLS, the built web client, WebSocket upgrades for the live stream,
// and a graceful stop that finishes requests in flight.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/metrics.h"
#include "core/result.h"
#include "http/http.h"
#include "http/static_files.h"

namespace peel::http {

class StreamHub;

struct ServerOptions {
  std::string address = "127.0.0.1";
  int port = 8080;                 // 0 picks a free port (tests)
  int io_threads = 2;              // socket I/O and inline handlers
  int worker_threads = 8;          // handlers that touch the store
  size_t body_limit = 1 << 20;     // 1 MiB
  size_t header_limit = 16 << 10;  // 16 KiB
  int max_connections = 10'000;
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds request_timeout{30};  // to receive a whole request once it has begun
  std::chrono::seconds drain_timeout{10};    // on stop, how long requests in flight may take
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For is believed
  std::string tls_certificate_file;          // both set: serve HTTPS only
  std::string tls_private_key_file;
};

class Server {
 public:
  Server(Router& router, MetricsRegistry& metrics, ServerOptions options,
         const StaticFiles* web = nullptr, StreamHub* stream = nullptr);
  ~Server();

  // Binds and starts serving on background threads. Fails (naming the address) when the port
  // is taken or the TLS files cannot be read.
  Status start();
  int port() const;  // the bound port
  // Stops accepting, lets requests in flight finish (up to drain_timeout), then closes all.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peel::http
