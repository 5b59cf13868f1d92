// Whether the Tech Bar's promised waits come true (docs/techbar.md, "Measured"). A site with
// two engineers is simulated for 20 working days of 8 hours at three loads, through the real
// check-in, counter and metrics code on SQLite with a simulated clock: people arrive at random
// (Poisson), with a mix of devices whose times at the counter are exponential with each kind's
// own mean, and are called first come first served as an engineer comes free. For each load it
// prints the error of the promises (the metrics' calibration, from day 3, once the site has
// observed times) beside the error of a naive promise that knows only the queue and a flat 15
// minutes a visit, measured on the same visits; and how long a check-in and the metrics take.
//   bench_techbar_calibration
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>

#include "core/statistics.h"
#include "duty/duty.h"
#include "techbar/techbar.h"

namespace {

using namespace peel;
using namespace peel::techbar;

struct Kind {
  const char* device;
  double share, mean_minutes;
};
const std::vector<Kind> kMix{{"laptop", 0.30, 25},   {"tablet", 0.15, 20},
                             {"phone", 0.15, 12},    {"account_access", 0.20, 8},
                             {"software", 0.10, 15}, {"radio", 0.10, 18}};
constexpr int kEngineers = 2, kDays = 20, kWarmUpDays = 2, kStaff = 300;
constexpr double kOpenMinutes = 8 * 60;

// The bench stops with the reason at the first thing that fails: its figures would be wrong.
template <typename T>
T must(Result<T> r, const char* what) {
  if (!r) {
    fmt::print(stderr, "{}: {}\n", what, r.error().message);
    std::exit(1);
  }
  return std::move(r).value();
}

double mean_service_minutes() {
  double m = 0;
  for (const auto& k : kMix) m += k.share * k.mean_minutes;
  return m;
}

struct Run {
  Calibration model, naive;
  std::vector<double> check_in_ms;
  double metrics_ms = 0;
  int visits = 0;
};

Run simulate(double load) {
  const std::string dir = std::filesystem::temp_directory_path() /
                          fmt::format("peel-techbar-bench-{}", static_cast<int>(load * 100));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = must(store::Store::open("sqlite:" + dir + "/peel.db"), "store");
  const Timestamp start = *parse_rfc3339("2027-01-04T08:00:00Z");
  ManualClock clock(start);
  MetricsRegistry metrics;
  auto all = events::migrations();
  for (auto& m : duty::migrations()) all.push_back(std::move(m));
  for (auto& m : migrations()) all.push_back(std::move(m));
  if (!store::migrate(*store, all, clock)) std::abort();
  events::EventLog log(*store, clock, metrics);
  if (!log.start()) std::abort();
  duty::Staff staff(*store, log, clock);
  Techbar bar(*store, log, clock, staff);
  const auto by = auth::Actor::system();
  for (int i = 0; i < kStaff; ++i) {
    if (!staff.add({fmt::format("MP{:04}", i), fmt::format("Person {}", i), "constable", "T", "A",
                    "response", ""},
                   by))
      std::abort();
  }
  NewLocation site;
  site.name = "Bench";
  site.engineers = kEngineers;
  site.opens = 0;
  site.closes = 24 * 60;
  site.days = {1, 2, 3, 4, 5, 6, 7};
  const std::string where = must(bar.locations.add(site, by), "site").id;

  std::mt19937 random(42);
  std::uniform_real_distribution<double> unit(0, 1);
  const double per_minute = load * kEngineers / mean_service_minutes();
  Run run;
  std::vector<PromisedWait> model, naive;
  std::map<std::string, std::pair<double, double>> promises;  // visit: model, naive
  struct Desk {
    double free_at = 0;  // minutes since the day opened
    std::string visit;
  };
  for (int day = 0; day < kDays; ++day) {
    const Timestamp opened = start + std::chrono::days(day);
    const auto at = [&](double minute) {
      clock.set(opened + std::chrono::milliseconds(static_cast<long long>(minute * 60000)));
    };
    std::vector<Desk> desks(kEngineers);
    int waiting = 0;
    double next_arrival = std::exponential_distribution<double>(per_minute)(random);
    // Calls the next person to a free desk at `minute`, and draws how long they will take.
    const auto call = [&](Desk& desk, double minute) {
      at(minute);
      const Visit called = must(bar.visits.call_next(where, by), "call");
      --waiting;
      double mean = 15;
      for (const auto& k : kMix) {
        if (called.facts.device_type == k.device) mean = k.mean_minutes;
      }
      desk.visit = called.id;
      desk.free_at = minute + std::exponential_distribution<double>(1 / mean)(random);
      const double waited =
          std::chrono::duration<double>(*called.called_at - called.checked_in_at).count();
      const auto [promised, flat] = promises.at(called.id);
      if (day >= kWarmUpDays) {
        model.push_back({.promised_seconds = promised, .actual_seconds = waited});
        naive.push_back({.promised_seconds = flat, .actual_seconds = waited});
      }
    };
    while (true) {
      auto busy = std::min_element(desks.begin(), desks.end(), [](const Desk& a, const Desk& b) {
        return (a.visit.empty() ? 1e18 : a.free_at) < (b.visit.empty() ? 1e18 : b.free_at);
      });
      const bool arrivals = next_arrival < kOpenMinutes;
      if (busy->visit.empty() && !arrivals) break;
      if (!busy->visit.empty() && (!arrivals || busy->free_at <= next_arrival)) {
        at(busy->free_at);
        if (!bar.visits.finish(busy->visit, true, by)) std::abort();
        busy->visit.clear();
        if (waiting > 0) call(*busy, busy->free_at);
        continue;
      }
      at(next_arrival);
      double pick = unit(random);
      const Kind* kind = &kMix.back();
      for (const auto& k : kMix) {
        if (pick < k.share) {
          kind = &k;
          break;
        }
        pick -= k.share;
      }
      const int busy_desks = static_cast<int>(std::count_if(
          desks.begin(), desks.end(), [](const Desk& d) { return !d.visit.empty(); }));
      const auto began = std::chrono::steady_clock::now();
      const auto place =
          must(bar.visits.check_in(
                   {where, fmt::format("MP{:04}", static_cast<int>(unit(random) * kStaff)),
                    kind->device, "bench"},
                   by),
               "check-in");
      run.check_in_ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began)
              .count());
      ++run.visits;
      ++waiting;
      // The naive promise: 15 minutes for each person ahead and this one, over the engineers,
      // once every desk is busy.
      const double flat =
          busy_desks + waiting - 1 < kEngineers ? 0 : waiting * 15 * 60.0 / kEngineers;
      promises[place.visit.id] = {place.estimated_wait_seconds, flat};
      const double arrived = next_arrival;
      next_arrival += std::exponential_distribution<double>(per_minute)(random);
      for (auto& desk : desks) {
        if (desk.visit.empty() && waiting > 0) call(desk, arrived);
      }
    }
  }
  const auto began = std::chrono::steady_clock::now();
  auto report = bar.metrics({.from = start + std::chrono::days(kWarmUpDays),
                             .to = start + std::chrono::days(kDays),
                             .location_id = "",
                             .device_type = ""});
  run.metrics_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
  if (!report) std::abort();
  run.model = report->calibration;
  run.naive = calibration_of(naive);
  if (run.model.visits != static_cast<int>(model.size())) std::abort();  // the same visits
  log.stop();
  store.reset();
  std::filesystem::remove_all(dir);
  return run;
}

std::string minutes(const std::optional<double>& seconds) {
  return seconds ? fmt::format("{:.1f}", *seconds / 60) : "-";
}

}  // namespace

int main() {
  fmt::print(
      "Tech Bar wait estimates: {} engineers, {} days of 8 h, mean service {:.1f} min; errors in"
      " minutes, from day {}\n\n",
      kEngineers, kDays, mean_service_minutes(), kWarmUpDays + 1);
  fmt::print(
      "| load | visits | model: bias | MAE | median | p90 | within 5 min | naive: bias | MAE |"
      " p90 | within 5 min | MAE naive/model | check-in p50/p99 ms | metrics ms |\n"
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const double load : {0.5, 0.8, 0.9}) {
    Run r = simulate(load);
    std::sort(r.check_in_ms.begin(), r.check_in_ms.end());
    fmt::print(
        "| {:.0f}% | {} | {} | {} | {} | {} | {:.0f}% | {} | {} | {} | {:.0f}% | {:.2f} |"
        " {:.2f}/{:.2f} | {:.1f} |\n",
        load * 100, r.model.visits, minutes(r.model.mean_error_seconds),
        minutes(r.model.mean_absolute_error_seconds),
        minutes(r.model.median_absolute_error_seconds), minutes(r.model.p90_absolute_error_seconds),
        100 * r.model.within_five_minutes.value_or(0), minutes(r.naive.mean_error_seconds),
        minutes(r.naive.mean_absolute_error_seconds), minutes(r.naive.p90_absolute_error_seconds),
        100 * r.naive.within_five_minutes.value_or(0),
        r.naive.mean_absolute_error_seconds.value_or(0) /
            std::max(1.0, r.model.mean_absolute_error_seconds.value_or(0)),
        nearest_rank(r.check_in_ms, 0.5), nearest_rank(r.check_in_ms, 0.99), r.metrics_ms);
  }
  return 0;
}
