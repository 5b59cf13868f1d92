// Routing on the London-sized synthetic network (>= 500,000 junctions): contraction time, and
// many-to-one travel times for 2,000 random sources (the dispatch question: which unit arrives
// first?) with p50/p99 over many targets; and pgRouting's answer to the same queries on the
// same graph in the same run, as a ratio (under scripts/with-postgres, which starts the server).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "geo/profile.h"
#include "geo/router.h"
#include "geo/synth.h"
#include "geo/turns.h"
#include "percentiles.h"
#include "store/store.h"
#include "support/pgrouting_reference.h"

namespace peel::geo {
namespace {

constexpr uint32_t kLondonJunctions = 502'000;
constexpr int kSources = 2'000;

struct Network {
  SynthTown town;
  TurnTable turns;
  std::vector<Arc> arcs;
  ContractionHierarchy ch;
  double contraction_seconds = 0;
};

const Network& london(Profile profile) {
  static Network networks[kProfileCount];
  Network& n = networks[static_cast<int>(profile)];
  if (n.town.network.nodes.empty()) {
    SynthOptions options;
    options.junctions = kLondonJunctions;
    n.town = synthesize(options);
    // The routing graph as an import builds it, turn restrictions included.
    n.turns = turn_table(n.town.network);
    n.arcs = routing_arcs(
        n.town.network,
        profile == Profile::kNormal ? SpeedFactors::normal() : SpeedFactors::emergency_defaults(),
        n.turns.view());
    const auto start = std::chrono::steady_clock::now();
    n.ch =
        contract(n.turns.view().node_count(), n.arcs, routing_keys(n.town.network, n.turns.view()));
    n.contraction_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return n;
}

// A trip ending at `junction` may arrive by any of its routing nodes.
std::vector<Endpoint> arrivals(const Network& net, uint32_t junction) {
  std::vector<uint32_t> nodes;
  net.turns.view().routing_nodes(junction, nodes);
  std::vector<Endpoint> ends;
  for (uint32_t node : nodes) ends.push_back({node, 0});
  return ends;
}

void BM_ManyToOne(benchmark::State& state) {
  const auto profile = static_cast<Profile>(state.range(0));
  const Network& net = london(profile);
  const auto n = static_cast<uint32_t>(net.town.network.nodes.size());
  Router router(net.ch.view());
  RouterWorkspace workspace(net.ch.view().node_count());
  std::mt19937 random(42);
  std::uniform_int_distribution<uint32_t> any(0, n - 1);
  std::vector<double> ms;
  size_t reached = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<std::vector<Endpoint>> sources(kSources);
    for (auto& s : sources) s = {{any(random), 0}};
    const std::vector<Endpoint> target = arrivals(net, any(random));
    state.ResumeTiming();
    const auto start = std::chrono::steady_clock::now();
    auto times = router.many_to_one(sources, target, workspace);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    reached +=
        std::count_if(times.begin(), times.end(), [](uint32_t t) { return t != kUnreachable; });
    benchmark::DoNotOptimize(times);
  }
  bench::report_percentiles(state, ms);
  state.counters["junctions"] = n;
  state.counters["contraction_s"] = net.contraction_seconds;
  state.counters["reached_share"] = static_cast<double>(reached) / (ms.size() * kSources);
}
BENCHMARK(BM_ManyToOne)->Arg(0)->Arg(1)->Iterations(500)->Unit(benchmark::kMillisecond);

// The same many-to-one question put to pgRouting (one Dijkstra from the incident over reversed
// arcs, its fastest form) and to Peel, on the same graph; both answers must agree.
void BM_ManyToOnePgRouting(benchmark::State& state) {
  const char* url = std::getenv("PEEL_TEST_POSTGRES_URL");
  if (url == nullptr) {
    state.SkipWithError("no PostgreSQL: run under scripts/with-postgres");
    return;
  }
  const Network& net = london(Profile::kNormal);
  const auto n = static_cast<uint32_t>(net.town.network.nodes.size());
  auto store = store::Store::open(url);
  if (!store.ok()) {
    state.SkipWithError(store.error().message.c_str());
    return;
  }
  Status loaded = (*store)->transact(store::Access::kWrite, [&](store::Session& s) -> Status {
    if (auto ok = testing::use_pgrouting(s); !ok.ok()) return ok;
    return testing::load_arcs(s, net.arcs);
  });
  if (!loaded.ok()) {
    state.SkipWithError(loaded.error().message.c_str());
    return;
  }
  Router router(net.ch.view());
  RouterWorkspace workspace(net.ch.view().node_count());
  std::mt19937 random(44);
  std::uniform_int_distribution<uint32_t> any(0, n - 1);
  std::vector<double> pg_ms, peel_ms;
  size_t disagreements = 0;
  for (auto _ : state) {
    std::vector<uint32_t> sources(kSources);
    for (auto& s : sources) s = any(random);
    uint32_t target = any(random);
    // pgRouting is asked from one vertex: a junction without turn restrictions.
    while (arrivals(net, target).size() > 1) target = any(random);
    auto start = std::chrono::steady_clock::now();
    auto theirs = store::in_transaction<std::vector<double>>(
        **store, store::Access::kWrite, [&](store::Session& s) -> Result<std::vector<double>> {
          if (auto ok = testing::use_pgrouting(s); !ok.ok()) return std::move(ok).error();
          return testing::many_to_one_costs(s, sources, target);
        });
    pg_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    if (!theirs.ok()) {
      state.SkipWithError(theirs.error().message.c_str());
      return;
    }
    std::vector<std::vector<Endpoint>> units;
    for (uint32_t s : sources) units.push_back({{s, 0}});
    const std::vector<Endpoint> incident{{target, 0}};
    start = std::chrono::steady_clock::now();
    const auto ours = router.many_to_one(units, incident, workspace);
    peel_ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    for (size_t i = 0; i < ours.size(); ++i) {
      const double d = std::abs(static_cast<double>(ours[i]) - (*theirs)[i]);
      if (d > 0.001 * (*theirs)[i]) ++disagreements;
    }
  }
  state.counters["pgrouting_p50_ms"] = bench::percentile(pg_ms, 0.5);
  state.counters["peel_p50_ms"] = bench::percentile(peel_ms, 0.5);
  state.counters["pgrouting_over_peel"] =
      bench::percentile(pg_ms, 0.5) / bench::percentile(peel_ms, 0.5);
  state.counters["disagreements"] = static_cast<double>(disagreements);
}
BENCHMARK(BM_ManyToOnePgRouting)->Iterations(5)->Unit(benchmark::kSecond);

void BM_PointToPoint(benchmark::State& state) {
  const Network& net = london(Profile::kNormal);
  const auto n = static_cast<uint32_t>(net.town.network.nodes.size());
  Router router(net.ch.view());
  RouterWorkspace workspace(net.ch.view().node_count());
  std::mt19937 random(43);
  std::uniform_int_distribution<uint32_t> any(0, n - 1);
  std::vector<double> ms;
  for (auto _ : state) {
    const std::vector<Endpoint> from{{any(random), 0}};
    const std::vector<Endpoint> to = arrivals(net, any(random));
    const auto start = std::chrono::steady_clock::now();
    auto path = router.route(from, to, workspace);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
    benchmark::DoNotOptimize(path);
  }
  bench::report_percentiles(state, ms);
}
BENCHMARK(BM_PointToPoint)->Iterations(2000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace peel::geo

BENCHMARK_MAIN();
