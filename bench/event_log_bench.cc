// Event log appends: throughput and latency with 1, 8 and 64 concurrent writers, each append
// durable before its writer continues (group commit shares the sync among waiting writers).
// The 64 writers also as two processes' logs on one store (each batch taking the sequence from
// the store's head under its write lock, and reading the other's events back), and as the
// active server's log (each batch also checking the leadership epoch).
// Then the lag from one process's append to another process handing the event on.
// SQLite always; PostgreSQL when PEEL_TEST_POSTGRES_URL names a server (make bench starts one).
// Target on a 2-core machine: >= 20,000 durable appends/s on SQLite.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <mutex>
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
  const int processes = static_cast<int>(state.range(2));
  const bool fenced = state.range(3) != 0;
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
    // One log per process, each with a store (a pool of connections) of its own.
    std::vector<std::unique_ptr<store::Store>> other_stores;
    std::vector<std::unique_ptr<events::EventLog>> logs;
    for (int p = 0; p < processes; ++p) {
      store::Store* own = store;
      if (p > 0) {
        auto opened = store::Store::open(db.url());
        if (!opened) {
          state.SkipWithError("second store did not open");
          return;
        }
        other_stores.push_back(std::move(opened).value());
        own = other_stores.back().get();
      }
      logs.push_back(std::make_unique<events::EventLog>(*own, clock, metrics));
      if (!logs.back()->start().ok()) {
        state.SkipWithError("event log did not start");
        return;
      }
    }
    if (fenced && !logs.front()->take_leadership("bench").ok()) {
      state.SkipWithError("leadership not taken");
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
          auto appended = logs[static_cast<size_t>(w % processes)]->append(
              {"resource/" + std::to_string(w), "StatusChanged", "bench", "", payload});
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

// One process appends an event every 10 ms; another, following the same store, records how
// long after the append it handed the event on (the command line's write reaching a server).
void BM_ReadBackLag(benchmark::State& state, const std::string& backend) {
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
  auto server_store = store::Store::open(db.url());
  if (!server_store) {
    state.SkipWithError("second store did not open");
    return;
  }
  constexpr int kEvents = 300;
  std::vector<double> lags_ms;
  for (auto _ : state) {
    events::EventLog server(**server_store, clock, metrics);
    std::mutex mutex;
    std::vector<double> seen;
    server.on_written_elsewhere([&](const events::Event& e) {
      const double ms = std::chrono::duration<double, std::milli>(clock.now() - e.at).count();
      std::lock_guard lock(mutex);
      seen.push_back(ms);
    });
    events::EventLog command_line(*store, clock, metrics);
    if (!server.start().ok() || !command_line.start().ok()) {
      state.SkipWithError("event log did not start");
      return;
    }
    for (int i = 0; i < kEvents; ++i) {
      (void)command_line.append({"user/1", "UserCreated", "bench", "", "{}"});
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    server.stop();
    std::lock_guard lock(mutex);
    lags_ms = seen;
  }
  std::sort(lags_ms.begin(), lags_ms.end());
  auto percentile = [&](double p) {
    return lags_ms.empty() ? 0.0 : lags_ms[static_cast<size_t>(p * (lags_ms.size() - 1))];
  };
  state.counters["events_seen"] = static_cast<double>(lags_ms.size());
  state.counters["lag_p50_ms"] = percentile(0.50);
  state.counters["lag_p99_ms"] = percentile(0.99);
  state.counters["lag_max_ms"] = lags_ms.empty() ? 0.0 : lags_ms.back();
}

void register_backend(const char* name, const char* lag_name, const std::string& backend) {
  auto* b = benchmark::RegisterBenchmark(name, BM_DurableAppend, backend);
  // (writers, appends per run, processes, fenced): enough appends that each run lasts about a
  // second or more.
  b->ArgNames({"writers", "appends", "processes", "fenced"});
  b->Args({1, 2000, 1, 0})->Args({8, 16000, 1, 0})->Args({64, 64000, 1, 0});
  b->Args({64, 64000, 1, 1})->Args({64, 64000, 2, 0});
  b->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
  benchmark::RegisterBenchmark(lag_name, BM_ReadBackLag, backend)
      ->Iterations(1)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
  register_backend("Sqlite/DurableAppend", "Sqlite/ReadBackLag", "sqlite");
  register_backend("Postgres/DurableAppend", "Postgres/ReadBackLag", "postgres");
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
