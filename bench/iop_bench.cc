// The operating picture at London's scale: ~16,000 incidents a day over 32 areas (the
// boroughs), 500 open, 2,000 units. Every screen showing the picture asks for it again when the
// feeds say something changed (at most every 2 s), so building it must stay well under that.
#include <benchmark/benchmark.h>

#include <random>

#include "iop/iop.h"

namespace peel::iop {
namespace {

PictureInputs london_day() {
  PictureInputs in;
  in.now = *parse_rfc3339("2026-11-24T18:00:00.000Z");
  in.today_from = *parse_rfc3339("2026-11-24T00:00:00.000Z");
  std::mt19937 random(7);
  std::uniform_real_distribution<double> unit(0, 1);
  const auto span = std::chrono::hours(30);  // since 24 h before, or midnight, whichever earlier
  const int count = 16'000 * 30 / 24;
  for (int n = 0; n < count; ++n) {
    cad::IncidentResponse i;
    i.id = "incident-" + std::to_string(n);
    i.area = "Borough " + std::to_string(n % 32);
    i.grade = static_cast<cad::Grade>(n % 4);
    i.location = {51.3 + 0.4 * unit(random), -0.5 + 0.7 * unit(random)};
    i.opened_at =
        in.now - std::chrono::duration_cast<std::chrono::milliseconds>(span * unit(random));
    i.open = in.now - i.opened_at < std::chrono::minutes(45);
    if (unit(random) < 0.85) {
      i.dispatched_at = i.opened_at + std::chrono::minutes(2);
      i.attended_at =
          i.opened_at + std::chrono::seconds(static_cast<int>(300 + 1800 * unit(random)));
      if (*i.attended_at > in.now) i.attended_at.reset();
    }
    in.incidents.push_back(std::move(i));
  }
  for (int n = 0; n < 2'000; ++n) {
    cad::Resource r;
    r.id = "unit-" + std::to_string(n);
    r.type = n % 5 == 0 ? "traffic car" : "response car";
    r.home_area = "Borough " + std::to_string(n % 32);
    r.status = static_cast<cad::ResourceStatus>(1 + n % 5);
    if (r.status != cad::ResourceStatus::kAvailable)
      r.incident_id = in.incidents[static_cast<size_t>(n) % in.incidents.size()].id;
    in.resources.push_back(std::move(r));
  }
  return in;
}

void BM_BuildPicture(benchmark::State& state) {
  const PictureInputs in = london_day();
  for (auto _ : state) benchmark::DoNotOptimize(build_picture(in));
  state.counters["incidents"] = static_cast<double>(in.incidents.size());
  state.counters["units"] = static_cast<double>(in.resources.size());
}
BENCHMARK(BM_BuildPicture)->Unit(benchmark::kMillisecond);

void BM_AreasCsv(benchmark::State& state) {
  const OperatingPicture picture = build_picture(london_day());
  for (auto _ : state) benchmark::DoNotOptimize(areas_csv(picture));
}
BENCHMARK(BM_AreasCsv)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace peel::iop

BENCHMARK_MAIN();
