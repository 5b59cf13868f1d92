// `peel sim --load`: a force-scale load through the public API for a bounded time. A fleet
// reports its positions (every unit every 5 s), incidents arrive at a multiple of a force's
// busiest hour and are each worked through (opened, a recommended unit sent, en route, clear,
// closed), and dispatchers' screens follow the live feeds. It reports throughput, latencies and
// errors, then checks that nothing was lost: every event the server acknowledged is in its
// store, reached every screen, and every unit's last fix is the last one sent.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace peel::sim {

struct LoadOptions {
  std::string server = "http://127.0.0.1:8080";
  std::string control_user, control_password;  // works the incidents; the screens' account
  std::string avl_user, avl_password;          // the fleet's positions
  double seconds = 120;
  size_t max_units = 2'000;  // the fleet: at most this many booked-on units with a position
  double report_interval_seconds = 5;
  double calls_per_day = 16'000;  // the force's volume (London: about 16,000)
  double peak_factor = 10;        // incidents at this multiple of its busiest hour
  size_t dispatchers = 100;       // screens following the live feeds
  size_t workers = 4;             // incidents worked at once
  unsigned seed = 1;
  bool quiet = false;
};

// One kind of request: how many, how many failed, and how long they took (milliseconds).
struct RequestFigures {
  size_t count = 0, errors = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
};

struct LoadReport {
  double seconds = 0;
  size_t units = 0, dispatchers = 0;
  double offered_incidents_per_hour = 0;
  std::map<std::string, RequestFigures> requests;  // by kind ("open incident", "positions", ...)
  size_t positions_accepted = 0;
  size_t incidents_opened = 0, incidents_closed = 0;
  size_t dispatch_conflicts = 0;  // a recommended unit taken by another dispatcher first (409)
  // Incident events the server acknowledged, and how many of those its store does not have.
  size_t events_acknowledged = 0, events_missing_from_store = 0;
  // Incident events × screens, how many never arrived, and how soon IncidentOpened arrived
  // (from sending the request to the screen receiving it).
  size_t deliveries_expected = 0, deliveries_missing = 0;
  RequestFigures delivery;
  size_t stream_events_received = 0, position_frames_received = 0;
  size_t screens_dropped = 0;  // connections the server ended during the run
  size_t units_stale = 0;      // units whose last fix at the server is not the last one sent
  std::vector<std::string> first_errors;  // what the first few failures said

  bool lost() const {
    return events_missing_from_store || deliveries_missing || units_stale || screens_dropped;
  }
  size_t errors() const;
};

Result<LoadReport> run_load(const LoadOptions& options);

std::string load_report_text(const LoadReport& report);

}  // namespace peel::sim
