// Command & Control at London scale, through CadService as the API uses it (no HTTP):
// - AVL ingestion: positions per second into the live state on one thread (each is checked
//   against the unit's last fix and snapped to the road network);
// - the recommendation for one incident with 2,000 live units on the London-sized network
//   (p50/p99; target p99 <= 5 ms), and the same ranking computed by pgRouting on the same graph
//   in the same run (under scripts/with-postgres, which starts PostgreSQL).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>

#include "app/platform.h"
#include "cad/cad_service.h"
#include "core/id.h"
#include "geo/synth.h"
#include "percentiles.h"
#include "store/migrations.h"
#include "support/pgrouting_reference.h"

namespace peel::cad {
namespace {

constexpr int kUnits = 2'000;

struct World {
  SystemClock clock;
  MetricsRegistry metrics;
  std::string dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<events::EventLog> log;
  geo::RoadNetwork network;  // a copy of what was installed, for pgRouting
  geo::LoadedMap map;
  std::unique_ptr<CadService> cad;
  std::vector<std::string> units;
  std::vector<uint32_t> unit_nodes;
  std::mt19937 random{42};

  World() {
    dir = (std::filesystem::temp_directory_path() / ("peel-cad-bench-" + new_id(clock))).string();
    store = std::move(store::Store::open("sqlite:" + dir + "/peel.db")).value();
    if (!store::migrate(*store, app::all_migrations(), clock)) std::abort();
    log = std::make_unique<events::EventLog>(*store, clock, metrics);
    if (!log->start()) std::abort();
    geo::SynthOptions options;
    options.junctions = 502'000;
    auto town = geo::synthesize(options);
    network = town.network;
    if (!geo::install_map(*store, clock, dir + "/geo", "London-sized town", std::move(town.network),
                          std::move(town.places), geo::SpeedFactors::emergency_defaults()))
      std::abort();
    map.service = std::move(geo::GeoService::load(*store)).value();
    cad = std::make_unique<CadService>(*log, clock, map);
    std::uniform_int_distribution<uint32_t> any(0, static_cast<uint32_t>(network.nodes.size()) - 1);
    std::vector<PositionReport> fixes;
    for (int i = 0; i < kUnits; ++i) {
      auto unit = cad->register_resource({"U" + std::to_string(i), "response car", "", {}, {}},
                                         auth::Actor::system());
      units.push_back(unit->id);
      unit_nodes.push_back(any(random));
      fixes.push_back({unit->id, network.nodes[unit_nodes.back()].degrees(), clock.now()});
    }
    if (!cad->report_positions(fixes)) std::abort();
  }
  ~World() {
    log->stop();
    std::filesystem::remove_all(dir);
  }
};

World& world() {
  static World w;
  return w;
}

void BM_AvlIngestion(benchmark::State& state) {
  World& w = world();
  constexpr size_t kBatch = 1'000;
  std::normal_distribution<double> jitter(0, 0.0003);  // ~30 m
  std::vector<PositionReport> batch(kBatch);
  Timestamp at = w.clock.now();
  size_t next = 0, taken = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    state.PauseTiming();
    at += std::chrono::milliseconds(1);
    for (auto& report : batch) {
      const size_t u = next++ % w.units.size();
      const auto base = w.network.nodes[w.unit_nodes[u]].degrees();
      report = {w.units[u], {base.lat + jitter(w.random), base.lon + jitter(w.random)}, at};
      if (u == w.units.size() - 1) at += std::chrono::milliseconds(1);
    }
    state.ResumeTiming();
    auto result = w.cad->report_positions(batch);
    if (!result) state.SkipWithError(result.error().message.c_str());
    taken += result ? result->accepted : 0;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  state.counters["positions"] = static_cast<double>(taken);
  state.counters["positions_per_s"] =
      benchmark::Counter(static_cast<double>(taken), benchmark::Counter::kIsRate);
  state.counters["wall_s_incl_setup_of_batches"] = seconds;
}
BENCHMARK(BM_AvlIngestion)->Iterations(300)->Unit(benchmark::kMillisecond);

std::string open_at(World& w, uint32_t node, const char* grade) {
  NewIncident request;
  request.classification = "burglary";
  request.grade = grade;
  request.location = w.network.nodes[node].degrees();
  auto incident = w.cad->open_incident(request, auth::Actor::system());
  if (!incident) std::abort();
  return incident->id;
}

void BM_Recommendation(benchmark::State& state) {
  World& w = world();
  const char* grade = state.range(0) == 0 ? "S" : "I";
  std::uniform_int_distribution<uint32_t> any(0, static_cast<uint32_t>(w.network.nodes.size()) - 1);
  std::vector<double> ms;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string id = open_at(w, any(w.random), grade);
    state.ResumeTiming();
    const auto start = std::chrono::steady_clock::now();
    auto ranked = w.cad->recommend(id, 10);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    if (!ranked || ranked->empty()) state.SkipWithError("no recommendation");
  }
  state.counters["units"] = kUnits;
  bench::report_percentiles(state, ms);
}
BENCHMARK(BM_Recommendation)->Arg(0)->Arg(1)->Iterations(300)->Unit(benchmark::kMillisecond);

// The same ranking from pgRouting: one Dijkstra from the incident over the reversed routing
// arcs (normal speeds, grade S), units sorted by its times; compared with Peel's first choice.
void BM_RecommendationPgRouting(benchmark::State& state) {
  const char* url = std::getenv("PEEL_TEST_POSTGRES_URL");
  if (url == nullptr) {
    state.SkipWithError("no PostgreSQL: run under scripts/with-postgres");
    return;
  }
  World& w = world();
  auto pg = store::Store::open(url);
  if (!pg) {
    state.SkipWithError(pg.error().message.c_str());
    return;
  }
  const geo::TurnTable turns = geo::turn_table(w.network);
  const auto arcs = geo::routing_arcs(w.network, geo::SpeedFactors::normal(), turns.view());
  Status loaded = (*pg)->transact(store::Access::kWrite, [&](store::Session& s) -> Status {
    if (auto ok = testing::use_pgrouting(s); !ok) return ok;
    return testing::load_arcs(s, arcs);
  });
  if (!loaded) {
    state.SkipWithError(loaded.error().message.c_str());
    return;
  }
  std::uniform_int_distribution<uint32_t> any(0, static_cast<uint32_t>(w.network.nodes.size()) - 1);
  std::vector<double> pg_ms, peel_ms;
  int same_first = 0;
  for (auto _ : state) {
    uint32_t node = any(w.random);
    std::vector<uint32_t> ends;
    turns.view().routing_nodes(node, ends);
    while (ends.size() > 1) {  // pgRouting is asked from one vertex: no turn restrictions there
      node = any(w.random);
      ends.clear();
      turns.view().routing_nodes(node, ends);
    }
    const std::string id = open_at(w, node, "S");
    auto start = std::chrono::steady_clock::now();
    auto theirs = store::in_transaction<std::vector<double>>(
        **pg, store::Access::kWrite, [&](store::Session& s) -> Result<std::vector<double>> {
          if (auto ok = testing::use_pgrouting(s); !ok) return std::move(ok).error();
          return testing::many_to_one_costs(s, w.unit_nodes, node);
        });
    std::vector<size_t> order(w.units.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (theirs) {
      std::sort(order.begin(), order.end(),
                [&](size_t a, size_t b) { return (*theirs)[a] < (*theirs)[b]; });
    }
    pg_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    if (!theirs) {
      state.SkipWithError(theirs.error().message.c_str());
      return;
    }
    start = std::chrono::steady_clock::now();
    auto ours = w.cad->recommend(id, 10);
    peel_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    if (ours && !ours->empty() && ours->front().resource_id == w.units[order.front()]) ++same_first;
  }
  state.counters["pgrouting_p50_ms"] = bench::percentile(pg_ms, 0.5);
  state.counters["peel_p50_ms"] = bench::percentile(peel_ms, 0.5);
  state.counters["pgrouting_over_peel"] =
      bench::percentile(pg_ms, 0.5) / bench::percentile(peel_ms, 0.5);
  state.counters["same_first_choice"] = same_first / static_cast<double>(pg_ms.size());
}
BENCHMARK(BM_RecommendationPgRouting)->Iterations(5)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace peel::cad

BENCHMARK_MAIN();
