// Percentiles of a benchmark's own per-query timings, as counters: the benchmarks time single
// queries themselves because Google Benchmark reports only means.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

namespace peel::bench {

inline double percentile(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  const auto at = static_cast<size_t>(static_cast<double>(values.size()) * fraction);
  return values.at(std::min(at, values.size() - 1));
}

// p50, p99 and max of timings in milliseconds.
inline void report_percentiles(benchmark::State& state, const std::vector<double>& ms) {
  if (ms.empty()) return;
  state.counters["p50_ms"] = percentile(ms, 0.5);
  state.counters["p99_ms"] = percentile(ms, 0.99);
  state.counters["max_ms"] = *std::max_element(ms.begin(), ms.end());
}

}  // namespace peel::bench
