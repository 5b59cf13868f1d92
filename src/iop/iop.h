// The Integrated Operating Picture: one live view of demand, resource availability and
// performance against attendance targets, for the force and each area. Computed on request
// from Command & Control's live state (nothing of its own is stored): the counts are as of now,
// the performance over today and the last 24 hours.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cad/cad_service.h"

namespace peel::iop {

// First unit at scene within these of the call (configured as cad.*_target_minutes).
struct Targets {
  std::chrono::minutes immediate{15};
  std::chrono::minutes significant{60};
};

// How quickly incidents of one grade were attended, over one window.
struct Attendance {
  size_t incidents = 0;  // opened in the window (duplicates merged away not counted)
  // Whose outcome is known: attended, or past the target with nobody at scene yet. Incidents
  // closed without attendance (resolved on the phone, cancelled) needed none and are left out.
  size_t decided = 0;
  size_t within = 0;                                  // attended within the target
  std::optional<double> share;                        // within / decided
  std::optional<double> median_seconds, p90_seconds;  // call to first unit at scene
};

struct Performance {
  Attendance immediate, significant;
};

// Open incidents by where they stand now.
struct IncidentStates {
  size_t unassigned = 0;  // no unit committed
  size_t dispatched = 0;  // units sent, none at scene
  size_t at_scene = 0;
};

struct AreaPicture {
  std::string area;                       // "" for the whole force
  std::array<size_t, 4> open_by_grade{};  // I, S, E, R
  IncidentStates open_by_state;
  std::map<std::string, size_t> units_by_status, units_by_type;  // booked-on units by type
  Performance today, last_24_hours;
};

struct HourPicture {
  Timestamp from;     // the hour's start
  size_t opened = 0;  // incidents of every grade
  Performance performance;
};

struct HeatCell {
  geo::LatLon centre;
  size_t incidents = 0;
};

struct OperatingPicture {
  Timestamp generated_at, today_from;
  Targets targets;
  AreaPicture force;
  std::vector<AreaPicture> areas;    // by name
  std::string focus;                 // the area the hours and heat map are for ("" the force)
  std::vector<HourPicture> by_hour;  // the last 24 hours, oldest first
  std::vector<HeatCell> heat;        // where incidents were opened in the last 24 hours
};

struct PictureInputs {
  // Every incident opened since the earlier of today_from and now - 24 h, and the open ones.
  std::vector<cad::IncidentResponse> incidents;
  std::vector<cad::Resource> resources;
  Timestamp now, today_from;
  Targets targets;
  std::string focus;
};

OperatingPicture build_picture(const PictureInputs& in);

// Midnight today in the server's time zone (TZ): when "today" starts for a control room.
Timestamp local_midnight(Timestamp now);

// The picture as CSV, one row per area (the force first), for a spreadsheet.
std::string areas_csv(const OperatingPicture& picture);
// The hours of the last 24 as CSV.
std::string hours_csv(const OperatingPicture& picture);

}  // namespace peel::iop
