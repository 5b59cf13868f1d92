// The flagship process under load, end to end: online crime reports submitted over HTTP to a
// real server (SQLite, the embedded store, or PostgreSQL with --backend postgres under
// scripts/with-postgres; a synthetic town as the map) become crimes with their numbers and
// acknowledgements in the outbox.
//
// 1. Throughput: 1,000 reports are submitted while no worker runs, then a pool of 1, 2, 4 and
//    8 workers (a fresh server each) works them; items per second is 1,000 over the time from
//    the pool's start to the last item done.
// 2. Latency: a server with its usual pool (1 to 4 workers, growing with the backlog) takes
//    reports at a steady rate; each report's time from its submission to the acknowledgement
//    with its crime number being queued (the outbox), p50/p99/max. The rates: 1 a second, over
//    ten times London's daily volume of online reports at its busiest (the Met records about
//    2,500 crimes a day in all, so 10x is 25,000 a day, 0.3 a second on average; a busy hour
//    at twice the average is 0.6 a second), and 10 and 40 a second to show the headroom.
//
//   bench_robotics [--items N] [--quick] [--backend sqlite|postgres]
#include <fmt/format.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "app/platform.h"
#include "bench_store.h"
#include "core/id.h"
#include "core/log.h"
#include "core/statistics.h"
#include "geo/synth.h"
#include "sim/api_client.h"
#include "store/migrations.h"

namespace peel::robotics {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kPassword = "a long passphrase 1";

struct Server {
  SystemClock clock;
  bench::BenchStore db;
  std::string dir;  // the map's graph files and the watched folders
  std::unique_ptr<app::Platform> platform;
  std::vector<std::string> streets;

  Server(const std::string& backend, int max_workers) : db(backend, 8) {
    if (!db.store()) {
      fmt::print(stderr,
                 "no {} store here (PEEL_TEST_POSTGRES_URL: run under scripts/with-postgres)\n",
                 backend);
      std::exit(2);
    }
    dir = (std::filesystem::temp_directory_path() / ("peel-robotics-" + new_id(clock))).string();
    std::filesystem::create_directories(dir);
    app::PlatformOptions options;
    options.db_url = db.url();
    options.http.port = 0;
    options.auth.argon2_memory_kib = 64;
    options.auth.argon2_passes = 1;
    options.robotics.max_workers = max_workers;
    options.robotics_policy.folder_root = dir;
    if (!store::migrate(*db.store(), app::all_migrations(), clock)) std::abort();
    geo::SynthOptions town;
    town.junctions = 10'000;
    auto made = geo::synthesize(town);
    if (!geo::install_map(*db.store(), clock, dir + "/geo", "bench town", std::move(made.network),
                          std::move(made.places), geo::SpeedFactors::emergency_defaults()))
      std::abort();
    platform = std::move(app::Platform::open(options, clock)).value();
    if (!platform->serve()) std::abort();
    for (const auto& p : platform->geo().service->places()) {
      if (p.kind == geo::PlaceKind::kStreet) streets.push_back(p.name);
    }
    if (!platform->auth().add_user({"portal", "Public website", "public_portal", kPassword, false},
                                   auth::Actor::system()))
      std::abort();
  }
  ~Server() {
    platform.reset();
    std::filesystem::remove_all(dir);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(platform->port()); }
};

// A different member of the public each time: names made of syllables, so few are alike.
json::value report(int n, const std::vector<std::string>& streets) {
  static const std::array<const char*, 16> parts{"ab",  "ke",  "li",  "mo", "nu",  "ra",
                                                 "se",  "to",  "vi",  "wa", "dor", "fen",
                                                 "gar", "han", "jor", "pel"};
  std::string surname;
  for (int v = n + 1000; v > 0; v /= 16) surname += parts[static_cast<size_t>(v % 16)];
  surname[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(surname[0])));
  return json::object{
      {"surname", surname},
      {"forenames", n % 2 ? "Sam" : "Alex"},
      {"date_of_birth", fmt::format("19{:02}-{:02}-{:02}", 50 + n % 50, 1 + n % 12, 1 + n % 28)},
      {"email", fmt::format("reporter{}@example.org", n)},
      {"postcode", "SE1 7PB"},
      {"category", n % 3 ? "bicycle-theft" : "criminal-damage-arson"},
      {"happened_from", "2026-01-10T08:00:00Z"},
      {"where", streets[static_cast<size_t>(n) % streets.size()]},
      {"what_happened", fmt::format("Report {}: my bicycle was taken from the racks.", n)}};
}

std::string submit(sim::ApiClient& client, int n, const std::vector<std::string>& streets) {
  auto reply =
      client.call("POST", "/api/v1/robotics/forms/online-crime-report", report(n, streets));
  if (!reply || reply->status != 202) {
    fmt::print(stderr, "submission {} refused: {}\n", n,
               reply ? json::serialize(reply->body) : reply.error().message);
    std::abort();
  }
  return sim::string_field(reply->body, "id");
}

int settled(Server& server) {
  auto figures = server.platform->robotics().queue.figures();
  if (!figures) std::abort();
  int n = 0;
  for (const auto& q : *figures) {
    for (const char* state : {"done", "exception", "abandoned"})
      n += q.by_state.contains(state) ? q.by_state.at(state) : 0;
  }
  return n;
}

int count_in(Server& server, const std::string& state) {
  auto items = server.platform->robotics().queue.list(state, "", 100'000);
  if (!items) std::abort();
  return static_cast<int>(items->size());
}

void throughput(const std::string& backend, int items) {
  fmt::print("Throughput ({}): {} reports queued over HTTP, then worked by a pool of N workers\n",
             backend, items);
  fmt::print("{:>8} {:>12} {:>10} {:>11}\n", "workers", "seconds", "items/s", "exceptions");
  for (const int workers : {1, 2, 4, 8}) {
    Server server(backend, 0);
    auto client = std::move(sim::ApiClient::signed_in(server.url(), "portal", kPassword)).value();
    for (int n = 0; n < items; ++n) submit(client, n, server.streets);
    const geo::LoadedMap& map = server.platform->geo();
    WorkerPool pool(server.platform->robotics(),
                    {.pole = server.platform->pole(),
                     .outbox = server.platform->robotics().outbox,
                     .clock = server.clock,
                     .place = [&map](const std::string& a) { return map.service->place_of(a); },
                     .policy = server.platform->robotics().policy},
                    {.min_workers = workers,
                     .max_workers = workers,
                     .backlog_per_worker = 1,
                     .lease = std::chrono::seconds(60),
                     .idle_poll = std::chrono::milliseconds(20),
                     .name = "bench"});
    const auto start = Clock::now();
    pool.start();
    while (settled(server) < items) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    pool.stop();
    fmt::print("{:>8} {:>12.2f} {:>10.1f} {:>11}\n", workers, seconds, items / seconds,
               count_in(server, "exception"));
    std::fflush(stdout);
  }
}

void latency(const std::string& backend, double per_second, double seconds) {
  Server server(backend, 4);
  auto client = std::move(sim::ApiClient::signed_in(server.url(), "portal", kPassword)).value();
  std::map<std::string, Timestamp> submitted;
  const int total = static_cast<int>(per_second * seconds);
  const auto start = Clock::now();
  for (int n = 0; n < total; ++n) {
    std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(n / per_second)));
    const Timestamp at = server.clock.now();
    submitted[submit(client, n, server.streets)] = at;
  }
  const auto give_up = Clock::now() + std::chrono::seconds(120);
  while (settled(server) < total && Clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto messages = server.platform->robotics().outbox.list(false, 1'000'000);
  if (!messages) std::abort();
  std::vector<double> ms;
  for (const auto& m : *messages) {
    const auto it = submitted.find(m.item_id);
    if (it == submitted.end()) continue;
    ms.push_back(std::chrono::duration<double, std::milli>(m.queued_at - it->second).count());
  }
  std::sort(ms.begin(), ms.end());
  if (ms.empty()) std::abort();
  fmt::print("{:>10.1f} {:>8} {:>10} {:>9.0f} {:>9.0f} {:>9.0f} {:>11}\n", per_second, total,
             ms.size(), nearest_rank(ms, 0.5), nearest_rank(ms, 0.99), ms.back(),
             count_in(server, "exception"));
  std::fflush(stdout);
}

}  // namespace
}  // namespace peel::robotics

int main(int argc, char** argv) {
  int items = 1'000;
  bool quick = false;
  std::string backend = "sqlite";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--items" && i + 1 < argc) {
      items = std::atoi(argv[++i]);
    } else if (arg == "--quick") {
      quick = true;
    } else if (arg == "--backend" && i + 1 < argc) {
      backend = argv[++i];
    } else {
      fmt::print(stderr,
                 "usage: bench_robotics [--items N] [--quick] [--backend sqlite|postgres]\n");
      return 2;
    }
  }
  peel::log::set_level(peel::log::Level::kWarn);
  peel::robotics::throughput(backend, quick ? 100 : items);
  fmt::print("\nLatency ({}): submitted to acknowledgement with the crime number queued, in ms\n",
             backend);
  fmt::print("{:>10} {:>8} {:>10} {:>9} {:>9} {:>9} {:>11}\n", "per second", "reports", "delivered",
             "p50", "p99", "max", "exceptions");
  for (const auto& [rate, seconds] : std::vector<std::pair<double, double>>{
           {1, quick ? 5 : 60}, {10, quick ? 3 : 30}, {40, quick ? 2 : 20}})
    peel::robotics::latency(backend, rate, seconds);
  return 0;
}
