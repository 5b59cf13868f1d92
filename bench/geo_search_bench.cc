// Gazetteer search on the London-sized synthetic town: every street, address, district and
// point of interest is a query (as a caller might say it: lower case, "st" for "street"),
// p50/p99 over all of them; then every tenth name again with a typo. Target p99 <= 2 ms.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>

#include "geo/gazetteer.h"
#include "geo/synth.h"
#include "percentiles.h"

namespace peel::geo {
namespace {

struct Town {
  std::vector<Place> places;
  size_t street_names = 0;
};

const Town& london() {
  static const Town town = [] {
    SynthOptions options;
    options.junctions = 502'000;
    SynthTown synth = synthesize(options);
    Town t;
    t.places = street_places(synth.network);
    t.places.insert(t.places.end(), synth.places.begin(), synth.places.end());
    t.street_names = synth.network.names.size() - 1;
    return t;
  }();
  return town;
}

// As a caller says it: lower case, "st" for "street"; with `typo`, the longest word loses its
// middle letter ("ashfield" -> "ashfeld").
std::string as_said(const std::string& name, bool typo) {
  std::string q = name;
  std::transform(q.begin(), q.end(), q.begin(), [](unsigned char c) { return std::tolower(c); });
  if (q.ends_with(" street")) q.replace(q.size() - 6, 6, "st");
  if (typo) {
    size_t best_start = 0, best_length = 0, start = 0;
    for (size_t i = 0; i <= q.size(); ++i) {
      if (i == q.size() || q[i] == ' ') {
        if (i - start > best_length) {
          best_start = start;
          best_length = i - start;
        }
        start = i + 1;
      }
    }
    if (best_length >= 5) q.erase(best_start + best_length / 2, 1);
  }
  return q;
}

// Every name (`typo` false) or every tenth with a typo (`typo` true) as a query.
void search_names(benchmark::State& state, bool typo) {
  const auto& places = london().places;
  const Gazetteer gazetteer(places, nullptr);
  std::vector<std::string> queries;
  std::vector<size_t> expected;
  for (size_t i = 0; i < places.size(); i += typo ? 10 : 1) {
    queries.push_back(as_said(places[i].name, typo));
    expected.push_back(i);
  }
  std::vector<double> ms;
  size_t found_first = 0;
  for (auto _ : state) {
    ms.clear();
    found_first = 0;
    for (size_t i = 0; i < queries.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      auto result = gazetteer.search(queries[i], 10);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
      if (!result.empty() && result[0].place.name == places[expected[i]].name) ++found_first;
      benchmark::DoNotOptimize(result);
    }
  }
  state.counters["queries"] = static_cast<double>(queries.size());
  state.counters["street_names"] = static_cast<double>(london().street_names);
  bench::report_percentiles(state, ms);
  state.counters["same_name_first"] = static_cast<double>(found_first) / queries.size();
}
void BM_SearchAllNames(benchmark::State& state) { search_names(state, false); }
BENCHMARK(BM_SearchAllNames)->Iterations(1)->Unit(benchmark::kSecond);

void BM_SearchNamesWithATypo(benchmark::State& state) { search_names(state, true); }
BENCHMARK(BM_SearchNamesWithATypo)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace peel::geo

BENCHMARK_MAIN();
