// The simulation's report: per grade, how many calls were attended and how fast, and how busy
// the units were. Text for a person, CSV for a spreadsheet.
#include <fmt/format.h>

#include "sim/sim.h"

namespace peel::sim {

namespace {

std::string minutes(const std::optional<double>& m) {
  return m ? fmt::format("{:.1f}", *m) : std::string("-");
}

std::string share(size_t part, size_t whole) {
  return whole ? fmt::format("{:.0f}%",
                             100.0 * static_cast<double>(part) / static_cast<double>(whole))
               : std::string("-");
}

}  // namespace

std::string report_text(const SimReport& r, const SimOptions& o) {
  std::string out =
      fmt::format("Simulated {:.1f} h in {:.0f} s ({}x), {} units, policy: {}\n", r.simulated_hours,
                  r.real_seconds, o.speed, r.units, policy_name(r.policy));
  auto table = [&](const std::map<std::string, GradeOutcome>& grades) {
    out +=
        "grade  opened  sent  attended  within target  median min  p90 min  to sent: median  "
        "p90\n";
    for (const auto& [grade, g] : grades) {
      const std::string target = grade == "I" ? fmt::format(" ({} min)", o.immediate_target.count())
                                 : grade == "S"
                                     ? fmt::format(" ({} min)", o.significant_target.count())
                                     : std::string();
      out += fmt::format("{:<5}  {:>6}  {:>4}  {:>8}  {:>13}  {:>10}  {:>7}  {:>15}  {:>4}\n",
                         grade, g.opened, g.dispatched, g.attended,
                         share(g.within_target, g.decided) + target, minutes(g.median_minutes),
                         minutes(g.p90_minutes), minutes(g.median_dispatch_minutes),
                         minutes(g.p90_dispatch_minutes));
    }
  };
  table(r.by_grade);
  out += fmt::format("unit utilisation: {:.0f}% (dispatch to clear)\n", 100 * r.utilisation);
  // A file gives what really happened only if it has the dispatched or arrived times.
  bool history = false;
  for (const auto& [grade, g] : r.historical)
    history = history || g.dispatched > 0 || g.attended > 0;
  if (history) {
    out +=
        "What really happened to the same calls (from the file; \"to sent\" is received to "
        "dispatched):\n";
    table(r.historical);
  } else if (r.replayed) {
    out += "What really happened: not in the file (it has no dispatched or arrived times)\n";
  }
  if (r.unmapped_types)
    out += fmt::format("calls of a type the force does not have, opened as {}: {}\n",
                       o.default_classification, r.unmapped_types);
  if (r.refused)
    out += fmt::format("requests refused by the server: {} (see the log)\n", r.refused);
  return out;
}

std::string report_csv(const SimReport& r) {
  std::string out =
      "source,grade,opened,dispatched,attended,decided,within_target,median_minutes,p90_minutes,"
      "median_dispatch_minutes,p90_dispatch_minutes,utilisation\r\n";
  auto rows = [&](const std::string& source, const std::map<std::string, GradeOutcome>& grades,
                  const std::string& utilisation) {
    for (const auto& [grade, g] : grades) {
      auto cell = [](const std::optional<double>& m) {
        return m ? fmt::format("{:.2f}", *m) : std::string();
      };
      out += fmt::format(
          "{},{},{},{},{},{},{},{},{},{},{},{}\r\n", source, grade, g.opened, g.dispatched,
          g.attended, g.decided, g.within_target, cell(g.median_minutes), cell(g.p90_minutes),
          cell(g.median_dispatch_minutes), cell(g.p90_dispatch_minutes), utilisation);
    }
  };
  rows(policy_name(r.policy), r.by_grade, fmt::format("{:.3f}", r.utilisation));
  rows("historical", r.historical, "");
  return out;
}

}  // namespace peel::sim
