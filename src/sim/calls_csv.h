// Recorded calls for service, as a CSV file (RFC 4180, UTF-8, a header row naming the columns,
// in any order, case ignored):
//   time          required  RFC 3339 ("2026-11-24T18:05:00Z") or "YYYY-MM-DD HH:MM[:SS]" (UTC)
//   type          required  the force's classification code ("burglary"); others are replayed as
//                           the default classification and counted
//   priority      required  I, S, E, R; 1-4 (1 = I ... 4 = R); or immediate, significant,
//                           extended, referred
//   lat, lon      or        WGS84 degrees
//   address                 geocoded by the server's gazetteer
//   dispatched_at, arrived_at, cleared_at   optional: what really happened (same time forms)
// Any bad row refuses the file, naming its line and column.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "geo/road_network.h"

namespace peel::sim {

struct RecordedCall {
  Timestamp at;
  std::string type;
  std::string grade;  // "I", "S", "E", "R"
  std::optional<geo::LatLon> location;
  std::string address;
  std::optional<Timestamp> dispatched_at, arrived_at, cleared_at;
  size_t line = 0;  // in the file, for messages
};

// A time as the file may give it: RFC 3339, or "YYYY-MM-DD HH:MM[:SS]" read as UTC.
std::optional<Timestamp> parse_call_time(std::string text);

// At most 10 million rows.
Result<std::vector<RecordedCall>> parse_calls_csv(std::string_view text);

}  // namespace peel::sim
