// libFuzzer target: arbitrary bytes as a text frame on the WebSocket stream, from a signed-in
// patrol officer's device, through the same path the server takes: the hub's parsing of
// subscriptions (topics, resume sequence, replay from the log) and of other messages, and
// Command & Control's positions handler (strict field reading, then the live state, the
// units' tracks and the live feed). Any crash, sanitizer report or uncaught exception is a bug,
// and so is an answer that is not a JSON object with a "type" (checked with __builtin_trap: this
// is a libFuzzer target, not a GoogleTest file).
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "auth/auth.h"
#include "cad/api/positions_api.h"
#include "cad/breadcrumbs.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/metrics.h"
#include "events/event_log.h"
#include "http/stream_hub.h"
#include "store/migrations.h"

namespace {

using namespace peel;

struct World {
  SystemClock clock;
  MetricsRegistry metrics;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<events::EventLog> log;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<http::Router> router;
  std::unique_ptr<http::StreamHub> hub;
  geo::LoadedMap no_map;
  std::unique_ptr<cad::CadService> cad;
  std::unique_ptr<cad::Breadcrumbs> tracks;
  std::unique_ptr<cad::PositionFeed> feed;
  static constexpr const char* kOfficer = "MP1001 PC Fuzz";
  // One person on the register, crewing MP1: a fix for MP1 is accepted, one for another unit
  // refused (unit_access.h), so both paths are fuzzed.
  cad::CrewRegister crews{.entry_of_user = [](const std::string&) -> Result<std::string> {
                            return std::string(kOfficer);
                          },
                          .entry_for = [](const std::string& typed) -> Result<std::string> {
                            if (typed == "MP1001" || typed == kOfficer)
                              return std::string(kOfficer);
                            return Error::not_found("nobody on the register has that number");
                          }};
  auth::Principal officer;

  World() {
    log::set_level(log::Level::kError);  // every refused message is logged at info
    const auto dir = std::filesystem::temp_directory_path() / "peel-fuzz-stream";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = std::move(store::Store::open("sqlite:" + (dir / "fuzz.db").string()).value());
    std::vector<store::Migration> all;
    for (auto list : {events::migrations(), auth::migrations(), cad::migrations()})
      all.insert(all.end(), list.begin(), list.end());
    if (!store::migrate(*store, all, clock)) std::abort();
    log = std::make_unique<events::EventLog>(*store, clock, metrics);
    auth::AuthOptions options;
    options.argon2_memory_kib = 64;
    options.argon2_passes = 1;
    auth = std::make_unique<auth::AuthService>(*store, *log, clock, options);
    router = std::make_unique<http::Router>(*auth, metrics);
    hub = std::make_unique<http::StreamHub>(
        *log, std::vector<http::Topic>{{"resources", "resource/", auth::permission::kCadRead, {}}});
    if (!log->start()) std::abort();
    no_map.missing = Error::not_found("no map in this fuzz target");
    cad = std::make_unique<cad::CadService>(*log, clock, no_map);
    if (!cad->register_resource({"MP1", "response car", "", {}, {kOfficer}}, auth::Actor::system()))
      std::abort();
    tracks = std::make_unique<cad::Breadcrumbs>(*store, clock);
    feed = std::make_unique<cad::PositionFeed>(*hub, std::chrono::milliseconds(250));
    cad::add_position_feeds(*router, *hub, *cad, *tracks, *feed, crews);
    officer.user.role = auth::Role::kPatrolOfficer;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  auto client = world.hub->connect(world.officer);
  world.hub->receive(client, std::string_view(reinterpret_cast<const char*>(data), size));
  // Whatever came in, every frame answered is a JSON object that says what it is.
  for (const auto& frame : client->take_outgoing()) {
    std::error_code ec;
    const auto answer = boost::json::parse(*frame, ec);
    if (ec || !answer.is_object() || !answer.as_object().contains("type")) __builtin_trap();
  }
  world.hub->disconnect(client);
  return 0;
}
