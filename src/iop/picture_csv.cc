// The operating picture as CSV (RFC 4180): what leaders paste into their own reports.
#include <fmt/format.h>

#include "core/csv.h"
#include "iop/iop.h"

namespace peel::iop {

namespace {

std::string optional_number(const std::optional<double>& value, const char* format) {
  return value ? fmt::format(fmt::runtime(format), *value) : std::string();
}

const char* const kAttendanceColumns = "incidents,decided,within_target,share,median_s,p90_s";

std::string attendance_cells(const Attendance& a) {
  return fmt::format(
      "{},{},{},{},{},{}", a.incidents, a.decided, a.within, optional_number(a.share, "{:.3f}"),
      optional_number(a.median_seconds, "{:.0f}"), optional_number(a.p90_seconds, "{:.0f}"));
}

size_t count_of(const std::map<std::string, size_t>& counts, const char* key) {
  const auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

std::string header_for(const char* prefix) {
  std::string out;
  std::string_view columns = kAttendanceColumns;
  while (!columns.empty()) {
    const auto comma = columns.find(',');
    out += fmt::format(",{}_{}", prefix, columns.substr(0, comma));
    columns = comma == std::string_view::npos ? "" : columns.substr(comma + 1);
  }
  return out;
}

}  // namespace

std::string areas_csv(const OperatingPicture& picture) {
  std::string out =
      "area,open_I,open_S,open_E,open_R,unassigned,dispatched,at_scene,units_available,"
      "units_committed" +
      header_for("I_today") + header_for("S_today") + header_for("I_24h") + header_for("S_24h") +
      "\r\n";
  auto row = [&](const AreaPicture& a) {
    const auto& s = a.units_by_status;
    const size_t available = count_of(s, "available");
    size_t booked_on = 0;
    for (const auto& [status, n] : s) booked_on += n;
    const auto& g = a.open_by_grade;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n",
                       csv_cell(a.area.empty() ? "Force" : a.area), g[0], g[1], g[2], g[3],
                       a.open_by_state.unassigned, a.open_by_state.dispatched,
                       a.open_by_state.at_scene, available, booked_on - available,
                       attendance_cells(a.today.immediate), attendance_cells(a.today.significant),
                       attendance_cells(a.last_24_hours.immediate),
                       attendance_cells(a.last_24_hours.significant));
  };
  row(picture.force);
  for (const auto& a : picture.areas) row(a);
  return out;
}

std::string hours_csv(const OperatingPicture& picture) {
  std::string out = "hour_from,area,opened" + header_for("I") + header_for("S") + "\r\n";
  for (const auto& h : picture.by_hour) {
    out += fmt::format("{},{},{},{},{}\r\n", format_rfc3339(h.from),
                       csv_cell(picture.focus.empty() ? "Force" : picture.focus), h.opened,
                       attendance_cells(h.performance.immediate),
                       attendance_cells(h.performance.significant));
  }
  return out;
}

}  // namespace peel::iop
