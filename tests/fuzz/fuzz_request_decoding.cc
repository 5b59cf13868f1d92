// libFuzzer target: arbitrary bytes as an HTTP/1.1 request, through the same decoding the
// server does — Beast's parser with the server's limits, the router's target parsing and
// matching, authentication of the Authorization header, and strict JSON field reading —
// into a response. Any crash, sanitizer report or uncaught exception is a bug.
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "events/event_log.h"
#include "http/http.h"
#include "store/store.h"

namespace {

namespace bhttp = boost::beast::http;
using namespace peel;

struct World {
  SystemClock clock;
  MetricsRegistry metrics;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<events::EventLog> log;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<http::Router> router;

  World() {
    const auto dir = std::filesystem::temp_directory_path() / "peel-fuzz";
    std::filesystem::create_directories(dir);
    store = std::move(store::Store::open("sqlite:" + (dir / "fuzz.db").string()).value());
    log = std::make_unique<events::EventLog>(*store, clock, metrics);
    auth::AuthOptions options;
    options.argon2_memory_kib = 64;
    options.argon2_passes = 1;
    auth = std::make_unique<auth::AuthService>(*store, *log, clock, options);
    router = std::make_unique<http::Router>(*auth, metrics);
    // A public route that reads its body and query the way real handlers do.
    router->add(
        {.method = "POST",
         .pattern = "/api/v1/things/{id}",
         .permission = http::kPublic,
         .handler = [](http::Context& c) -> Result<http::Response> {
           auto limit = http::limit_param(c, 10, 100);
           if (!limit) return std::move(limit).error();
           auto fields = http::JsonFields::parse(c.request.body);
           if (!fields) return std::move(fields).error();
           (void)fields->string("name", 1, 64);
           (void)fields->optional_string("note", 500);
           (void)fields->boolean("urgent", false);
           if (Status s = fields->finish(); !s) return std::move(s).error();
           return http::json_response(200, boost::json::object{{"id", c.path_params.at("id")}});
         },
         .runs_inline = true,
         .personal_data = http::PersonalData::none()});
    router->add(
        {.method = "GET",
         .pattern = "/api/v1/private",
         .permission = "users.read",
         .handler = [](http::Context&) -> Result<http::Response> { return http::Response{}; },
         .personal_data = http::PersonalData::none()});
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.eager(true);
  parser.body_limit(64 * 1024);
  parser.header_limit(16 * 1024);
  boost::system::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;
  auto& message = parser.get();
  http::Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  request.body = message.body();
  request.remote_ip = "127.0.0.1";
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[name] = std::string(field.value());
  }
  const http::Response response = world.router->handle(request);
  if (response.status < 100 || response.status > 599) __builtin_trap();
  return 0;
}
