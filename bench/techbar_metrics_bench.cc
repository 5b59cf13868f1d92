// The metrics page at a force's scale (docs/techbar.md, "Measured"): a year of the seven sites,
// 60 visits a site each working day (about 105,000, with their tickets and surveys), beside
// 300,000 service desk tickets imported from a CSV export. Prints how long the import takes and
// how long the metrics take for the year, for one site, and for one device type, on SQLite.
// The visits are written straight into the Tech Bar's tables (a bench's bulk load: the
// counter's own code is timed by bench_techbar_calibration), the desk's through its importer.
//   bench_techbar_metrics
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <random>

#include "duty/duty.h"
#include "techbar/techbar.h"

namespace {

using namespace peel;
using namespace peel::techbar;

constexpr int kVisitsADay = 60, kDays = 365, kDeskTickets = 300000;

template <typename T>
T must(Result<T> r, const char* what) {
  if (!r) {
    fmt::print(stderr, "{}: {}\n", what, r.error().message);
    std::exit(1);
  }
  return std::move(r).value();
}

double ms_since(std::chrono::steady_clock::time_point began) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began)
      .count();
}

}  // namespace

int main() {
  const std::string dir = std::filesystem::temp_directory_path() / "peel-techbar-metrics-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = must(store::Store::open("sqlite:" + dir + "/peel.db"), "store");
  const Timestamp end = *parse_rfc3339("2027-01-01T00:00:00Z");
  const Timestamp start = end - std::chrono::days(kDays);
  ManualClock clock(end);
  MetricsRegistry registry;
  auto all = events::migrations();
  for (auto& m : duty::migrations()) all.push_back(std::move(m));
  for (auto& m : migrations()) all.push_back(std::move(m));
  if (!store::migrate(*store, all, clock)) return 1;
  events::EventLog log(*store, clock, registry);
  if (!log.start()) return 1;
  duty::Staff staff(*store, log, clock);
  Techbar bar(*store, log, clock, staff);
  if (!bar.locations.install_shipped(auth::Actor::system())) return 1;
  const auto sites = must(bar.locations.list(), "sites");

  std::mt19937 random(11);
  std::uniform_real_distribution<double> unit(0, 1);
  const auto& devices = device_types();
  const auto pick_device = [&] { return devices[static_cast<size_t>(unit(random) * 9) % 9]; };
  long long visits = 0;
  auto began = std::chrono::steady_clock::now();
  auto loaded = store::in_transaction<
      long long>(*store, store::Access::kWrite, [&](store::Session& s) -> Result<long long> {
    long long n = 0;
    for (int day = 0; day < kDays; ++day) {
      const Timestamp morning = start + std::chrono::days(day) + std::chrono::hours(8);
      for (const auto& site : sites) {
        if (!site.open_at(morning + std::chrono::hours(2))) continue;
        for (int i = 0; i < kVisitsADay; ++i, ++n) {
          const Timestamp in =
              morning + std::chrono::seconds(static_cast<int>(unit(random) * 28800));
          const Timestamp called = in + std::chrono::seconds(static_cast<int>(unit(random) * 1800));
          const Timestamp resolved =
              called + std::chrono::seconds(static_cast<int>(300 + unit(random) * 2400));
          const std::string id = fmt::format("v{}", n), ticket = fmt::format("t{}", n);
          auto v = s.execute(
              "INSERT INTO techbar_visits (id, location_id, staff_number, device_type, symptom,"
              " person_id, person_name, state, checked_in_at, called_at, finished_at, engineer,"
              " promised_wait_seconds, arrival) VALUES ($1, $2, 'MP1', $3, 'will not start',"
              " 'p', 'P', 'done', $4, $5, $6, 'e', $7, $8)",
              {id, site.id, pick_device(), format_rfc3339(in), format_rfc3339(called),
               format_rfc3339(resolved), unit(random) * 1800, n});
          if (!v) return std::move(v).error();
          auto t = s.execute(
              "INSERT INTO techbar_tickets (id, visit_id, level, diagnosis, actions, parts, state,"
              " first_time_fix, opened_at, opened_by, resolved_at) VALUES ($1, $2, 1, '', '',"
              " '', 'resolved', $3, $4, 'e', $5)",
              {ticket, id, unit(random) < 0.8 ? 1LL : 0LL, format_rfc3339(called),
               format_rfc3339(resolved)});
          if (!t) return std::move(t).error();
          const bool answered = unit(random) < 0.28;
          auto survey = s.execute(
              "INSERT INTO techbar_surveys (token, ticket_id, expires_at, answered_at, score)"
              " VALUES ($1, $2, $3, $4, $5)",
              {fmt::format("s{}", n), ticket, format_rfc3339(resolved + kSurveyLife),
               answered ? store::Value(format_rfc3339(resolved)) : store::Value(),
               answered ? store::Value(static_cast<long long>(unit(random) < 0.91 ? 5 : 4))
                        : store::Value()});
          if (!survey) return std::move(survey).error();
        }
      }
    }
    return n;
  });
  visits = must(std::move(loaded), "visits");
  const double load_ms = ms_since(began);

  std::string csv = "reference,opened,resolved,device_type,first_time_fix,survey_score\n";
  for (int n = 0; n < kDeskTickets; ++n) {
    const Timestamp opened =
        start + std::chrono::seconds(static_cast<long long>(unit(random) * kDays * 86400));
    const Timestamp resolved =
        opened + std::chrono::seconds(static_cast<long long>(unit(random) * 6 * 86400));
    csv += fmt::format("SD{},{},{},{},{},{}\n", n, format_rfc3339(opened), format_rfc3339(resolved),
                       pick_device(), unit(random) < 0.7 ? "yes" : "no",
                       unit(random) < 0.2 ? "4" : "");
  }
  began = std::chrono::steady_clock::now();
  const auto imported =
      must(bar.service_desk.import_csv(csv, "bench.csv", auth::Actor::system()), "import");
  const double import_ms = ms_since(began);

  fmt::print(
      "Tech Bar metrics on SQLite: {} visits with tickets and surveys over {} days at {}"
      " sites (loaded in {:.1f} s), {} service desk tickets ({:.1f} MB of CSV) imported"
      " in {:.1f} s\n\n| metrics for | ms |\n|---|---|\n",
      visits, kDays, sites.size(), load_ms / 1000, imported.tickets,
      static_cast<double>(csv.size()) / 1e6, import_ms / 1000);
  const std::vector<std::pair<std::string, MetricsQuery>> queries{
      {"the year, all sites", {.from = start, .to = end, .location_id = "", .device_type = ""}},
      {"the last 30 days, all sites",
       {.from = end - std::chrono::days(30), .to = end, .location_id = "", .device_type = ""}},
      {"the year, one site",
       {.from = start, .to = end, .location_id = sites.front().id, .device_type = ""}},
      {"the year, laptops",
       {.from = start, .to = end, .location_id = "", .device_type = "laptop"}}};
  for (const auto& [what, q] : queries) {
    began = std::chrono::steady_clock::now();
    const auto report = must(bar.metrics(q), "metrics");
    fmt::print("| {} ({} contacts, {} desk tickets) | {:.0f} |\n", what, report.techbar.contacts,
               report.service_desk.tickets, ms_since(began));
  }
  log.stop();
  store.reset();
  std::filesystem::remove_all(dir);
  return 0;
}
