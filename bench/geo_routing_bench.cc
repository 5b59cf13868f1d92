// Routing on the London-sized synthetic network (>= 500,000 junctions): contraction time, and
// many-to-one travel times for 2,000 random sources (the dispatch question: which unit arrives
// first?) with p50/p99 over many targets. pgRouting's answer to the same query on the same
// graph is measured by bench/geo_pgrouting.sh, which prints the ratio.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>

#include "geo/profile.h"
#include "geo/router.h"
#include "geo/synth.h"

namespace peel::geo {
namespace {

constexpr uint32_t kLondonJunctions = 502'000;
constexpr int kSources = 2'000;

struct Network {
  SynthTown town;
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
    n.arcs =
        arcs_of(n.town.network, profile == Profile::kNormal ? SpeedFactors::normal()
                                                            : SpeedFactors::emergency_defaults());
    const auto start = std::chrono::steady_clock::now();
    n.ch = contract(static_cast<uint32_t>(n.town.network.nodes.size()), n.arcs,
                    locality_keys(n.town.network));
    n.contraction_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return n;
}

void report_percentiles(benchmark::State& state, std::vector<double>& micros) {
  std::sort(micros.begin(), micros.end());
  state.counters["p50_ms"] = micros[micros.size() / 2] / 1000;
  state.counters["p99_ms"] = micros[micros.size() * 99 / 100] / 1000;
  state.counters["max_ms"] = micros.back() / 1000;
}

void BM_ManyToOne(benchmark::State& state) {
  const auto profile = static_cast<Profile>(state.range(0));
  const Network& net = london(profile);
  const auto n = static_cast<uint32_t>(net.town.network.nodes.size());
  Router router(net.ch.view());
  RouterWorkspace workspace(n);
  std::mt19937 random(42);
  std::uniform_int_distribution<uint32_t> any(0, n - 1);
  std::vector<double> micros;
  size_t reached = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<std::vector<Endpoint>> sources(kSources);
    for (auto& s : sources) s = {{any(random), 0}};
    const std::vector<Endpoint> target{{any(random), 0}};
    state.ResumeTiming();
    const auto start = std::chrono::steady_clock::now();
    auto times = router.many_to_one(sources, target, workspace);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    reached +=
        std::count_if(times.begin(), times.end(), [](uint32_t t) { return t != kUnreachable; });
    benchmark::DoNotOptimize(times);
  }
  report_percentiles(state, micros);
  state.counters["junctions"] = n;
  state.counters["contraction_s"] = net.contraction_seconds;
  state.counters["reached_share"] = static_cast<double>(reached) / (micros.size() * kSources);
}
BENCHMARK(BM_ManyToOne)->Arg(0)->Arg(1)->Iterations(500)->Unit(benchmark::kMillisecond);

void BM_PointToPoint(benchmark::State& state) {
  const Network& net = london(Profile::kNormal);
  const auto n = static_cast<uint32_t>(net.town.network.nodes.size());
  Router router(net.ch.view());
  RouterWorkspace workspace(n);
  std::mt19937 random(43);
  std::uniform_int_distribution<uint32_t> any(0, n - 1);
  std::vector<double> micros;
  for (auto _ : state) {
    const std::vector<Endpoint> from{{any(random), 0}}, to{{any(random), 0}};
    const auto start = std::chrono::steady_clock::now();
    auto path = router.route(from, to, workspace);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    benchmark::DoNotOptimize(path);
  }
  report_percentiles(state, micros);
}
BENCHMARK(BM_PointToPoint)->Iterations(2000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace peel::geo

BENCHMARK_MAIN();
