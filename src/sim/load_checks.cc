#include "sim/load_checks.h"

#include <algorithm>

#include "core/statistics.h"

namespace peel::sim {

namespace {

// The events a screen gets on the incidents topic (units' status changes come on resources).
bool on_incident_stream(const std::string& type) {
  return type.rfind("Incident", 0) == 0 || type == "ResourceDispatched";
}

}  // namespace

RequestFigures figures_of(std::vector<double> ms, size_t errors) {
  RequestFigures f;
  f.count = ms.size() + errors;
  f.errors = errors;
  if (ms.empty()) return f;
  std::sort(ms.begin(), ms.end());
  f.p50_ms = nearest_rank(ms, 0.5);
  f.p99_ms = nearest_rank(ms, 0.99);
  f.max_ms = ms.back();
  return f;
}

size_t missing_from_log(const std::vector<std::string>& acknowledged,
                        std::multiset<std::string> logged) {
  size_t missing = 0;
  for (const auto& type : acknowledged) {
    if (auto it = logged.find(type); it != logged.end()) {
      logged.erase(it);
    } else {
      ++missing;
    }
  }
  return missing;
}

void check_deliveries(const std::vector<WorkedIncident>& worked,
                      const std::vector<ScreenLog>& screens, LoadReport& r) {
  std::vector<double> delivery_ms;
  for (const auto& screen : screens) {
    r.stream_events_received += screen.events;
    r.position_frames_received += screen.position_frames;
    if (!screen.ended.empty()) ++r.screens_dropped;
    for (const auto& w : worked) {
      for (const auto& type : w.events) {
        if (!on_incident_stream(type)) continue;
        ++r.deliveries_expected;
        const auto it = screen.incident_events.find(w.id + " " + type);
        if (it == screen.incident_events.end()) {
          ++r.deliveries_missing;
        } else if (type == "IncidentOpened") {
          delivery_ms.push_back(
              std::chrono::duration<double, std::milli>(it->second - w.sent).count());
        }
      }
    }
  }
  r.delivery = figures_of(std::move(delivery_ms), 0);
}

}  // namespace peel::sim
