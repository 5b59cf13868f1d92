// The load's report for a person: what was offered, each kind of request's throughput and
// latencies, and the checks that nothing was lost.
#include <fmt/format.h>

#include "sim/load.h"

namespace peel::sim {

std::string load_report_text(const LoadReport& r) {
  std::string out = fmt::format(
      "Load for {:.0f} s: {} units reporting, incidents offered at {:.0f} an hour, {} dispatcher "
      "screens\n",
      r.seconds, r.units, r.offered_incidents_per_hour, r.dispatchers);
  out += "request              count    per s   errors   p50 ms   p99 ms   max ms\n";
  auto row = [&](const std::string& kind, const RequestFigures& f) {
    out += fmt::format("{:<19}  {:>6}  {:>7.1f}  {:>7}  {:>7.1f}  {:>7.1f}  {:>7.1f}\n", kind,
                       f.count, static_cast<double>(f.count) / std::max(1.0, r.seconds), f.errors,
                       f.p50_ms, f.p99_ms, f.max_ms);
  };
  for (const auto& [kind, f] : r.requests) row(kind, f);
  out += fmt::format(
      "positions accepted: {} ({:.0f}/s); incidents opened {}, closed {}; dispatch conflicts {}\n",
      r.positions_accepted, static_cast<double>(r.positions_accepted) / std::max(1.0, r.seconds),
      r.incidents_opened, r.incidents_closed, r.dispatch_conflicts);
  out += fmt::format(
      "screens received {} events and {} position frames; IncidentOpened from request to screen: "
      "p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms\n",
      r.stream_events_received, r.position_frames_received, r.delivery.p50_ms, r.delivery.p99_ms,
      r.delivery.max_ms);
  out += fmt::format(
      "lost: {} of {} acknowledged events missing from the store; {} of {} deliveries missing "
      "from the screens; {} screens dropped; {} units whose last fix is not the last sent\n",
      r.events_missing_from_store, r.events_acknowledged, r.deliveries_missing,
      r.deliveries_expected, r.screens_dropped, r.units_stale);
  for (const auto& e : r.first_errors) out += "error: " + e + "\n";
  out += r.lost()     ? "RESULT: something was lost\n"
         : r.errors() ? "RESULT: nothing lost, but some requests failed\n"
                      : "RESULT: nothing lost, no errors\n";
  return out;
}

}  // namespace peel::sim
