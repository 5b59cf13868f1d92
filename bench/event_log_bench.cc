// Event log appends: throughput and latency with 1, 8 and 64 concurrent writers, each append
// durable before its writer continues (group commit shares the sync among waiting writers).
// SQLite always; PostgreSQL when PEEL_TEST_POSTGRES_URL names a server (make bench starts one).
// Target on a 2-core machine: >= 20,000 durable appends/s on SQLite.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "bench_store.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "events/event_log.h"
#include "store/migrations.h"

namespace {

using namespace peel;

void BM_DurableAppend(benchmark::State& state, const std::string& backend) {
  const int writers = static_cast<int>(state.range(0));
  const int total = static_cast<int>(state.range(1));
  bench::BenchStore db(backend);
  store::Store* store = db.store();
  if (!store) {
    state.SkipWithError("no PostgreSQL server: run under scripts/with-postgres");
    return;
  }
  SystemClock clock;
  MetricsRegistry metrics;
  if (!store::migrate(*store, events::migrations(), clock).ok()) {
    state.SkipWithError("migration failed");
    return;
  }
  const std::string payload =
      R"({"call_sign":"MP12","status":"at_scene","lat":51.5014,"lon":-0.1419})";
  std::vector<double> latencies;
  double seconds = 0;
  for (auto _ : state) {
    events::EventLog log(*store, clock, metrics);
    if (!log.start().ok()) {
      state.SkipWithError("event log did not start");
      return;
    }
    std::vector<std::vector<double>> per_writer(writers);
    std::atomic<int> failures{0};
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
      threads.emplace_back([&, w] {
        per_writer[w].reserve(total / writers);
        for (int i = 0; i < total / writers; ++i) {
          const auto t0 = std::chrono::steady_clock::now();
          auto appended =
              log.append({"resource/" + std::to_string(w), "StatusChanged", "bench", "", payload});
          per_writer[w].push_back(
              std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0)
                  .count());
          if (!appended.ok()) ++failures;
        }
      });
    }
    for (auto& t : threads) t.join();
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(elapsed);
    seconds += elapsed;
    if (failures.load() > 0) state.SkipWithError("appends failed");
    for (auto& v : per_writer) latencies.insert(latencies.end(), v.begin(), v.end());
  }
  std::sort(latencies.begin(), latencies.end());
  auto percentile = [&](double p) {
    return latencies.empty() ? 0.0 : latencies[static_cast<size_t>(p * (latencies.size() - 1))];
  };
  state.counters["appends_per_s"] =
      benchmark::Counter(static_cast<double>(latencies.size()) / seconds);
  state.counters["p50_us"] = percentile(0.50);
  state.counters["p99_us"] = percentile(0.99);
  state.counters["vs_target_20k"] = static_cast<double>(latencies.size()) / seconds / 20000.0;
  state.SetItemsProcessed(static_cast<int64_t>(latencies.size()));
}

void register_backend(const char* name, const std::string& backend) {
  auto* b = benchmark::RegisterBenchmark(name, BM_DurableAppend, backend);
  // (writers, appends per run): enough appends that each run lasts about a second or more.
  b->Args({1, 2000})->Args({8, 16000})->Args({64, 64000});
  b->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
}

}  // namespace

int main(int argc, char** argv) {
  register_backend("Sqlite/DurableAppend/writers", "sqlite");
  register_backend("Postgres/DurableAppend/writers", "postgres");
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
