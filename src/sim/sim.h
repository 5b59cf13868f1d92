// The simulator: drives a running Peel through its public API with calls for service and a
// simulated fleet, then reports how the calls were answered. Calls are opened at their times
// (compressed by `speed`); a dispatch policy sends units; units drive their road route at the
// routing profile's speed reporting AVL, are found at scene by the server, stay, and clear. Units
// sent by people on the dispatcher screen are driven the same way, so a live demo works too.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "sim/calls_csv.h"
#include "sim/demand.h"

namespace peel::sim {

// How the simulator chooses a unit: the platform's recommendation (road travel time,
// capabilities) or the nearest available unit in a straight line (the usual baseline).
enum class Policy { kRecommended, kNearest, kNone };  // kNone: people dispatch (a live demo)
const char* policy_name(Policy policy);

struct SimOptions {
  std::string server = "http://127.0.0.1:8080";
  std::string control_user, control_password;  // opens, dispatches, clears and closes
  std::string avl_user, avl_password;          // reports the units' positions
  double speed = 1;                            // simulated seconds per real second
  double duration_seconds = 3600;              // simulated
  size_t max_units = 0;                        // 0: every unit the server has booked on
  Policy policy = Policy::kRecommended;
  DemandOptions demand;
  // A replay of recorded calls instead of synthetic demand: those at or after `replay_from`
  // and within the duration, at their recorded offsets.
  std::vector<RecordedCall> recorded;
  Timestamp replay_from{};
  std::string default_classification = "suspicious_activity";  // for types the force lacks
  double position_interval_seconds = 5;                        // simulated, while driving
  bool patrol = true;  // idle units patrol their area rather than wait at base
  std::chrono::minutes immediate_target{15}, significant_target{60};
  bool quiet = false;  // no progress lines on standard error
};

// How the calls of one grade were answered, in simulated minutes.
struct GradeOutcome {
  size_t opened = 0, dispatched = 0, attended = 0, within_target = 0;
  // Whose outcome is known, as the Operating Picture counts it: attended, or still waiting past
  // the target (missed). Grades without a target: the attended ones.
  size_t decided = 0;
  std::optional<double> median_minutes, p90_minutes;
  // Received to dispatched (the one measure files such as Dallas's have even without arrivals).
  std::optional<double> median_dispatch_minutes, p90_dispatch_minutes;
};

struct SimReport {
  Policy policy = Policy::kRecommended;
  double simulated_hours = 0, real_seconds = 0;
  size_t units = 0;
  std::map<std::string, GradeOutcome> by_grade;  // "I", "S", "E", "R"
  // A replay's recorded outcome (from dispatched_at and arrived_at), where the file has it;
  // `replayed` says a file was replayed, so that a file without those columns is said to lack
  // them rather than reported as nothing sent.
  std::map<std::string, GradeOutcome> historical;
  bool replayed = false;
  // Each attended call's response time by grade, in minutes, sorted: the chart's curves.
  std::map<std::string, std::vector<double>> response_minutes, historical_minutes;
  size_t unmapped_types = 0;  // recorded calls replayed as the default classification
  double utilisation = 0;     // share of unit time spent on jobs (dispatched to clear)
  size_t refused = 0;         // requests the server refused (each logged)
};

Result<SimReport> run_simulation(const SimOptions& options);

std::string report_text(const SimReport& report, const SimOptions& options);
std::string report_csv(const SimReport& report);
// A PNG chart: for each grade, the share of its decided calls attended within each number of
// minutes, the targets marked, and what really happened beside it when the replay knows.
std::string report_png(const SimReport& report, const SimOptions& options);

}  // namespace peel::sim
