// peel duty solve / check: rosters for the shift scheduling benchmark format (Curtois & Qu).
// solve writes one CSV row employee,day,shift per worked day and prints the penalty, computed
// again from the written roster by the independent check; check does only the latter.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <fstream>

#include "app/cli_support.h"
#include "app/commands.h"
#include "duty/roster_check.h"
#include "duty/roster_solver.h"

namespace peel::app {

namespace json = boost::json;

namespace {

struct DutyOptions {
  CommonOptions common;  // only --json: rostering an instance file needs no database
  std::string instance, roster, out;
  double seconds = 60;
  uint64_t seed = 1;
  int threads = 1;
  bool progress = false;
};

Result<duty::ShiftInstance> read_instance(const std::string& path) {
  auto text = read_input_file(path);
  if (!text) return std::move(text).error();
  auto instance = duty::parse_shift_instance(*text);
  if (!instance) {
    Error e = std::move(instance).error();
    e.message = path + ": " + e.message;
    return e;
  }
  return instance;
}

json::object check_json(const duty::RosterCheck& check) {
  json::array broken;
  for (const auto& b : check.broken) broken.emplace_back(b);
  return {{"feasible", check.feasible()},
          {"objective", check.penalty},
          {"request_penalty", check.request_penalty},
          {"cover_penalty", check.cover_penalty},
          {"broken", std::move(broken)}};
}

int solve(const DutyOptions& o) {
  auto instance = read_instance(o.instance);
  if (!instance) return fail(instance.error());
  // The output is opened before the search, so a bad path fails at once, not a minute later.
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  if (!out) return fail(Error::invalid("out", "cannot write " + o.out));
  duty::SolveOptions options;
  options.seconds = o.seconds;
  options.seed = o.seed;
  options.threads = o.threads;
  if (o.progress) {
    options.on_better = [](long long penalty, double seconds) {
      std::fprintf(stderr, "%8.2f s  %lld\n", seconds, penalty);
    };
  }
  auto solved = duty::solve_roster(*instance, options);
  if (!solved) {
    out.close();
    std::remove(o.out.c_str());
    return fail(solved.error());
  }
  const auto check = duty::check_roster(*instance, solved->roster);
  if (!check.feasible()) {
    // Never expected (every schedule comes from best_schedule), but a roster that breaks a
    // rule is not written as a solution.
    out.close();
    std::remove(o.out.c_str());
    return fail(Error::internal("no feasible roster: " + check.broken.front()));
  }
  out << duty::roster_csv(*instance, solved->roster);
  out.close();
  if (!out) return fail(Error::internal("could not write " + o.out));
  json::object result = check_json(check);
  result["seconds_to_best"] = solved->seconds_to_best;
  result["moves"] = solved->moves;
  print(o.common, result, fmt::format("{}", check.penalty));
  return 0;
}

int check(const DutyOptions& o) {
  auto instance = read_instance(o.instance);
  if (!instance) return fail(instance.error());
  auto text = read_input_file(o.roster);
  if (!text) return fail(text.error());
  auto roster = duty::read_roster_csv(*instance, *text);
  if (!roster) return fail(roster.error());
  const auto result = duty::check_roster(*instance, *roster);
  std::string summary = fmt::format("{}", result.penalty);
  for (const auto& b : result.broken) summary += "\nbroken: " + b;
  print(o.common, check_json(result), summary);
  return result.feasible() ? 0 : 1;
}

}  // namespace

void add_duty_commands(CLI::App& app, int& exit_code) {
  auto* duty = app.add_subcommand("duty", "Duty management: rosters");
  duty->require_subcommand(1);
  auto o = std::make_shared<DutyOptions>();

  auto* solve_command = duty->add_subcommand(
      "solve", "Roster a shift scheduling instance (Curtois & Qu format); prints the objective");
  solve_command->add_option("instance", o->instance, "The instance file")->required();
  solve_command->add_option("--out", o->out, "Where to write the roster CSV")->required();
  solve_command->add_option("--seconds", o->seconds, "Time to search")
      ->check(CLI::Range(0.1, 86'400.0));
  solve_command->add_option("--seed", o->seed, "Random seed (the same seed, the same search)");
  solve_command
      ->add_option("--threads", o->threads,
                   "Searches side by side, sharing the best roster (one per core)")
      ->check(CLI::Range(1, 64));
  solve_command->add_flag("--progress", o->progress,
                          "Print each better objective and when it was found on standard error");
  solve_command->add_flag("--json", o->common.json, "Print JSON");
  solve_command->callback([o, &exit_code] { exit_code = solve(*o); });

  auto* check_command = duty->add_subcommand(
      "check", "Check a roster CSV against an instance: rules broken and the objective");
  check_command->add_option("instance", o->instance, "The instance file")->required();
  check_command->add_option("roster", o->roster, "The roster CSV (employee,day,shift)")->required();
  check_command->add_flag("--json", o->common.json, "Print JSON");
  check_command->callback([o, &exit_code] { exit_code = check(*o); });
}

}  // namespace peel::app
