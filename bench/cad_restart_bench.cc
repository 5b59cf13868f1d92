// Restart: the time to rebuild Command & Control's live state from an event log of 1,000,000
// events (SQLite, the embedded store). The log is written by the real commands, so its events
// are what a control room produces: 2,000 units registered and booked on, then incidents opened,
// a unit dispatched, en route, at scene, clear, and the incident closed, again and again (16
// threads, so that the log's group commit keeps up). A small synthetic town is the map: the
// rebuild does not route. Rebuilt with a fresh CadService over the same log, as `serve` does.
//   bench_cad_restart [--benchmark_...]; PEEL_BENCH_EVENTS overrides the 1,000,000.
#include <benchmark/benchmark.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <thread>

#include "app/platform.h"
#include "cad/cad_service.h"
#include "core/id.h"
#include "geo/synth.h"
#include "store/migrations.h"

namespace peel::cad {
namespace {

constexpr int kUnits = 2'000;
constexpr int kWriters = 16;

long long target_events() {
  const char* wanted = std::getenv("PEEL_BENCH_EVENTS");
  return wanted ? std::atoll(wanted) : 1'000'000;
}

struct Log {
  SystemClock clock;
  MetricsRegistry metrics;
  std::string dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<events::EventLog> log;
  geo::LoadedMap map;
  double write_seconds = 0;

  Log() {
    dir = (std::filesystem::temp_directory_path() / ("peel-restart-" + new_id(clock))).string();
    std::filesystem::create_directories(dir);
    store = std::move(store::Store::open("sqlite:" + dir + "/peel.db")).value();
    if (!store::migrate(*store, app::all_migrations(), clock)) std::abort();
    geo::SynthOptions options;
    options.junctions = 5'000;
    auto town = geo::synthesize(options);
    const auto junctions = town.network.nodes;
    if (!geo::install_map(*store, clock, dir + "/geo", "bench town", std::move(town.network),
                          std::move(town.places), geo::SpeedFactors::emergency_defaults()))
      std::abort();
    map.service = std::move(geo::GeoService::load(*store)).value();
    log = std::make_unique<events::EventLog>(*store, clock, metrics);
    if (!log->start()) std::abort();
    write(junctions);
  }
  ~Log() {
    log->stop();
    std::filesystem::remove_all(dir);
  }

  void write(const std::vector<geo::FixedPoint>& junctions) {
    const auto start = std::chrono::steady_clock::now();
    CadService cad(*log, clock, map);
    const auto& system = auth::Actor::system();
    std::vector<std::string> units;
    std::vector<PositionReport> fixes;
    std::mt19937 random(3);
    std::uniform_int_distribution<size_t> any(0, junctions.size() - 1);
    for (int i = 0; i < kUnits; ++i) {
      auto unit =
          cad.register_resource({"U" + std::to_string(i), "response car", "", {}, {}}, system);
      if (!unit) std::abort();
      units.push_back(unit->id);
      fixes.push_back({unit->id, junctions[any(random)].degrees(), clock.now()});
    }
    if (!cad.report_positions(fixes)) std::abort();
    const long long wanted = target_events();
    std::vector<std::jthread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&, w] {
        std::mt19937 mine(static_cast<unsigned>(w));
        size_t turn = 0;
        while (log->last_sequence() < wanted) {
          // Each writer sends its own units in turn, so no two writers contend for one.
          const std::string& unit = units[w + kWriters * (turn++ % (kUnits / kWriters))];
          NewIncident call;
          call.classification = "burglary";
          call.grade = "S";
          call.location = junctions[any(mine)].degrees();
          call.narrative = "Caller reports a break-in";
          auto incident = cad.open_incident(call, system);
          if (!incident) std::abort();
          if (!cad.dispatch(incident->id, unit, system)) std::abort();
          for (const char* status : {"en_route", "at_scene", "clear"}) {
            if (!cad.change_status(unit, status, "", system)) std::abort();
          }
          if (!cad.close(incident->id, closing_codes().front(), "dealt with", system)) std::abort();
        }
      });
    }
    writers.clear();
    write_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
};

Log& written() {
  static Log log;
  return log;
}

void BM_RebuildLiveState(benchmark::State& state) {
  Log& log = written();
  size_t resources = 0, open = 0;
  for (auto _ : state) {
    CadService cad(*log.log, log.clock, log.map);
    if (Status s = cad.rebuild(); !s) state.SkipWithError(s.error().message.c_str());
    resources = cad.resources().size();
    open = cad.open_incidents().size();
  }
  state.counters["events"] = static_cast<double>(log.log->last_sequence());
  state.counters["resources"] = static_cast<double>(resources);
  state.counters["open_incidents"] = static_cast<double>(open);
  state.counters["events_per_s"] = benchmark::Counter(
      static_cast<double>(log.log->last_sequence()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.counters["log_written_in_s"] = log.write_seconds;
}
BENCHMARK(BM_RebuildLiveState)->Iterations(3)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace peel::cad

BENCHMARK_MAIN();
