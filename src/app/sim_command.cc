// `peel sim`: drives a running server with simulated calls and units through its public API,
// then prints how the calls were answered (sim/sim.h).
#include <boost/json.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli_support.h"
#include "app/commands.h"
#include "core/json_text.h"
#include "sim/calls_csv.h"
#include "sim/load.h"
#include "sim/sim.h"

namespace peel::app {

namespace json = boost::json;

namespace {

struct SimCommandOptions {
  sim::SimOptions sim;
  std::string credentials, speed = "1", policy = "recommended", report_csv, report_png;
  std::string calls_file, from, to;  // a replay of recorded calls
  double hours = 1;
  double calls_per_day = 0;  // 0: eight a day per unit (a force's rate per vehicle)
  double start_hour = -1;    // -1: the hour now
  bool json = false;
  bool load = false;  // a bounded force-scale load instead (sim/load.h)
  sim::LoadOptions load_options;
};

// "60x" or "60".
Result<double> parse_speed(std::string text) {
  if (!text.empty() && (text.back() == 'x' || text.back() == 'X')) text.pop_back();
  try {
    size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  return Error::invalid("speed", "must be a factor such as 60x");
}

// Lines "control USER PASSWORD" and "avl USER PASSWORD" ('#' starts a comment).
Status read_credentials(const std::string& path, sim::SimOptions& o) {
  std::ifstream in(path);
  if (!in) return Error::invalid("credentials", "cannot read " + path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string who, user, password;
    if (!(words >> who) || who.front() == '#') continue;
    if (!(words >> user >> password))
      return Error::invalid("credentials", "a line must be: control|avl USER PASSWORD");
    if (who == "control") {
      o.control_user = user;
      o.control_password = password;
    } else if (who == "avl") {
      o.avl_user = user;
      o.avl_password = password;
    } else {
      return Error::invalid("credentials", "unknown role '" + who + "' (control or avl)");
    }
  }
  if (o.control_user.empty() || o.avl_user.empty())
    return Error::invalid("credentials", "must name a control user and an avl user");
  return {};
}

// Reads --calls and sets the replay window: --from (default the first call) to --to (default
// --hours later).
Status load_recorded_calls(SimCommandOptions& o) {
  auto text = read_input_file(o.calls_file);
  if (!text) return Error::invalid("calls", text.error().message);
  auto calls = sim::parse_calls_csv(*text);
  if (!calls) return std::move(calls).error();
  if (calls->empty()) return Error::invalid("calls", o.calls_file + " has no calls");
  Timestamp from = calls->front().at;
  if (!o.from.empty()) {
    auto t = sim::parse_call_time(o.from);
    if (!t) return Error::invalid("from", "must be RFC 3339 or YYYY-MM-DD HH:MM");
    from = *t;
  }
  double seconds = o.hours * 3600;
  if (!o.to.empty()) {
    auto t = sim::parse_call_time(o.to);
    if (!t) return Error::invalid("to", "must be RFC 3339 or YYYY-MM-DD HH:MM");
    if (*t <= from) return Error::invalid("to", "must be after --from");
    seconds = std::chrono::duration<double>(*t - from).count();
  }
  o.sim.recorded = std::move(*calls);
  o.sim.replay_from = from;
  o.sim.duration_seconds = seconds;
  return {};
}

json::object grades_json(const std::map<std::string, sim::GradeOutcome>& by_grade) {
  json::object grades;
  auto minutes = [](const std::optional<double>& m) { return m ? json::value(*m) : json::value(); };
  for (const auto& [grade, g] : by_grade) {
    grades[grade] = json::object{{"opened", g.opened},
                                 {"dispatched", g.dispatched},
                                 {"attended", g.attended},
                                 {"decided", g.decided},
                                 {"within_target", g.within_target},
                                 {"median_minutes", minutes(g.median_minutes)},
                                 {"p90_minutes", minutes(g.p90_minutes)},
                                 {"median_dispatch_minutes", minutes(g.median_dispatch_minutes)},
                                 {"p90_dispatch_minutes", minutes(g.p90_dispatch_minutes)}};
  }
  return grades;
}

json::object report_json(const sim::SimReport& r) {
  return {{"policy", sim::policy_name(r.policy)},
          {"simulated_hours", r.simulated_hours},
          {"real_seconds", r.real_seconds},
          {"units", r.units},
          {"by_grade", grades_json(r.by_grade)},
          {"historical", grades_json(r.historical)},
          {"replayed", r.replayed},
          {"unmapped_types", r.unmapped_types},
          {"utilisation", r.utilisation},
          {"refused", r.refused}};
}

// Opens `path` for writing when one is given.
Status open_report_file(const std::string& path, const char* option, std::ofstream& file) {
  if (path.empty()) return {};
  file.open(path, std::ios::binary);
  if (!file) return Error::invalid(option, "cannot write " + path);
  return {};
}

json::object figures_json(const sim::RequestFigures& f) {
  return {{"count", f.count},
          {"errors", f.errors},
          {"p50_ms", f.p50_ms},
          {"p99_ms", f.p99_ms},
          {"max_ms", f.max_ms}};
}

json::object load_report_json(const sim::LoadReport& r) {
  json::object requests;
  for (const auto& [kind, f] : r.requests) requests[kind] = figures_json(f);
  return {{"seconds", r.seconds},
          {"units", r.units},
          {"dispatchers", r.dispatchers},
          {"offered_incidents_per_hour", r.offered_incidents_per_hour},
          {"requests", std::move(requests)},
          {"positions_accepted", r.positions_accepted},
          {"incidents_opened", r.incidents_opened},
          {"incidents_closed", r.incidents_closed},
          {"dispatch_conflicts", r.dispatch_conflicts},
          {"events_acknowledged", r.events_acknowledged},
          {"events_missing_from_store", r.events_missing_from_store},
          {"deliveries_expected", r.deliveries_expected},
          {"deliveries_missing", r.deliveries_missing},
          {"delivery", figures_json(r.delivery)},
          {"stream_events_received", r.stream_events_received},
          {"position_frames_received", r.position_frames_received},
          {"screens_dropped", r.screens_dropped},
          {"units_stale", r.units_stale},
          {"lost", r.lost()},
          {"errors", r.errors()}};
}

// The load's exit status: 0 only when nothing was lost and no request failed.
int run_load(SimCommandOptions& o) {
  sim::LoadOptions& l = o.load_options;
  l.server = o.sim.server;
  l.control_user = o.sim.control_user;
  l.control_password = o.sim.control_password;
  l.avl_user = o.sim.avl_user;
  l.avl_password = o.sim.avl_password;
  if (o.sim.max_units) l.max_units = o.sim.max_units;
  if (o.calls_per_day > 0) l.calls_per_day = o.calls_per_day;
  l.seed = o.sim.demand.seed;
  l.quiet = o.json;
  auto report = sim::run_load(l);
  if (!report) return fail(report.error());
  if (o.json) {
    std::cout << json_text(load_report_json(*report)) << "\n";
  } else {
    std::cout << sim::load_report_text(*report);
  }
  if (report->lost()) std::cerr << "peel sim --load: something was lost (see the report)\n";
  return report->lost() || report->errors() ? 1 : 0;
}

int run(SimCommandOptions& o) {
  if (o.load) {
    if (Status s = read_credentials(o.credentials, o.sim); !s) return fail(s.error());
    return run_load(o);
  }
  auto speed = parse_speed(o.speed);
  if (!speed) return fail(speed.error());
  o.sim.speed = *speed;
  if (o.policy == "recommended") {
    o.sim.policy = sim::Policy::kRecommended;
  } else if (o.policy == "nearest") {
    o.sim.policy = sim::Policy::kNearest;
  } else if (o.policy == "none") {
    o.sim.policy = sim::Policy::kNone;
  } else {
    return fail(Error::invalid("policy", "must be recommended, nearest or none"));
  }
  if (Status s = read_credentials(o.credentials, o.sim); !s) return fail(s.error());
  o.sim.duration_seconds = o.hours * 3600;
  o.sim.demand.duration_seconds = o.sim.duration_seconds;
  if (o.start_hour < 0) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    o.start_hour = local.tm_hour + local.tm_min / 60.0;
  }
  o.sim.demand.start_hour = o.start_hour;
  if (!o.calls_file.empty()) {
    if (Status s = load_recorded_calls(o); !s) return fail(s.error());
  } else if (!o.from.empty() || !o.to.empty()) {
    return fail(Error::invalid("from", "--from and --to choose a window of --calls"));
  }
  o.sim.demand.calls_per_day = o.calls_per_day;  // 0 is filled in once the fleet is known
  o.sim.quiet = o.json;
  // The report files are opened first: a path that cannot be written is found before a run of
  // hours, not after it.
  std::ofstream csv_file, png_file;
  if (Status s = open_report_file(o.report_csv, "report-csv", csv_file); !s) return fail(s.error());
  if (Status s = open_report_file(o.report_png, "report-png", png_file); !s) return fail(s.error());
  auto report = sim::run_simulation(o.sim);
  if (!report) return fail(report.error());
  if (csv_file.is_open() && !(csv_file << sim::report_csv(*report)))
    return fail(Error::invalid("report-csv", "cannot write " + o.report_csv));
  if (png_file.is_open() && !(png_file << sim::report_png(*report, o.sim)))
    return fail(Error::invalid("report-png", "cannot write " + o.report_png));
  if (o.json) {
    std::cout << json_text(report_json(*report)) << "\n";
  } else {
    std::cout << sim::report_text(*report, o.sim);
  }
  return 0;
}

}  // namespace

void add_sim_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<SimCommandOptions>();
  auto* sim = app.add_subcommand(
      "sim", "Drive a running Peel with simulated calls and units; report response times");
  sim->add_option("--server", o->sim.server, "The running server (http://HOST:PORT)")
      ->capture_default_str();
  sim->add_option("--credentials", o->credentials,
                  "File with 'control USER PASSWORD' and 'avl USER PASSWORD' lines (peel demo "
                  "--sim-credentials writes one)")
      ->required();
  sim->add_option("--speed", o->speed, "Simulated time per real time, e.g. 60x")
      ->capture_default_str();
  sim->add_option("--hours", o->hours, "Simulated hours")->check(CLI::Range(0.01, 24.0 * 7));
  sim->add_option("--units", o->sim.max_units,
                  "Use at most this many units (0: all available; --load: 2,000)");
  sim->add_option("--policy", o->policy,
                  "recommended, nearest (straight line) or none (people dispatch)")
      ->capture_default_str();
  sim->add_option("--calls-per-day", o->calls_per_day,
                  "Demand (default: 8 a day per unit; London: about 16,000)")
      ->check(CLI::Range(0.0, 1'000'000.0));
  sim->add_option("--start-hour", o->start_hour,
                  "Hour of day the simulation starts at (default now)")
      ->check(CLI::Range(0.0, 24.0));
  sim->add_option("--seed", o->sim.demand.seed, "Seed of the synthetic demand and patrols");
  sim->add_flag("--patrol,!--no-patrol", o->sim.patrol,
                "Idle units patrol their area by road (default) or wait where they are");
  sim->add_option("--calls", o->calls_file,
                  "Replay recorded calls from this CSV instead (columns in docs/operations.md)");
  sim->add_option("--from", o->from, "Replay from this time (default: the first call)");
  sim->add_option("--to", o->to, "Replay up to this time (default: --hours after --from)");
  sim->add_option("--report-csv", o->report_csv, "Also write the report as CSV to this file");
  sim->add_option("--report-png", o->report_png,
                  "Also draw the report as a PNG chart in this file");
  sim->add_flag("--json", o->json, "Print the report as JSON");
  sim->add_flag("--load", o->load,
                "A bounded force-scale load instead: throughput, latencies, errors, and a check "
                "that nothing was lost (exit 1 if it was, or if a request failed)");
  sim->add_option("--seconds", o->load_options.seconds, "--load: for how long")
      ->check(CLI::Range(1.0, 86400.0))
      ->capture_default_str();
  sim->add_option("--dispatchers", o->load_options.dispatchers,
                  "--load: dispatcher screens following the live feeds")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  sim->add_option("--peak-factor", o->load_options.peak_factor,
                  "--load: incidents at this multiple of the busiest hour of --calls-per-day "
                  "(default London's 16,000)")
      ->check(CLI::Range(0.01, 1000.0))
      ->capture_default_str();
  sim->add_option("--workers", o->load_options.workers, "--load: incidents worked at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  sim->callback([o, &exit_code] { exit_code = run(*o); });
}

}  // namespace peel::app
