// Builds the operating picture from the live state: one pass over the incidents of the last day
// (about 16,000 for London) and the units, a few milliseconds.
#include <algorithm>
#include <cmath>
#include <ctime>
#include <unordered_map>

#include "core/statistics.h"
#include "iop/iop.h"

namespace peel::iop {

namespace {

using cad::Grade;
using cad::IncidentResponse;
using cad::ResourceStatus;
using std::chrono::duration;

// Heat map cells: about 550 m north-south and, at London's latitude, 550 m east-west.
constexpr double kHeatLatDegrees = 0.005;
constexpr double kHeatLonDegrees = 0.008;

// Collects one grade's attendance over one window, then sums it up.
class AttendanceTally {
 public:
  explicit AttendanceTally(std::chrono::minutes target) : target_(target) {}

  void add(const IncidentResponse& i, Timestamp now) {
    ++result_.incidents;
    if (i.attended_at) {
      const double seconds = duration<double>(*i.attended_at - i.opened_at).count();
      times_.push_back(seconds);
      ++result_.decided;
      if (seconds <= duration<double>(target_).count()) ++result_.within;
    } else if (i.open && now - i.opened_at > target_) {
      ++result_.decided;
    }
  }

  Attendance result() {
    if (result_.decided > 0)
      result_.share = static_cast<double>(result_.within) / static_cast<double>(result_.decided);
    if (!times_.empty()) {
      std::sort(times_.begin(), times_.end());
      result_.median_seconds = nearest_rank(times_, 0.5);
      result_.p90_seconds = nearest_rank(times_, 0.9);
    }
    return result_;
  }

 private:
  std::chrono::minutes target_;
  Attendance result_;
  std::vector<double> times_;
};

struct PerformanceTally {
  explicit PerformanceTally(const Targets& t)
      : immediate(t.immediate), significant(t.significant) {}
  void add(const IncidentResponse& i, Timestamp now) {
    if (i.grade == Grade::kImmediate) immediate.add(i, now);
    if (i.grade == Grade::kSignificant) significant.add(i, now);
  }
  Performance result() { return {immediate.result(), significant.result()}; }
  AttendanceTally immediate, significant;
};

// One area's counts while the incidents and units are read.
struct AreaTally {
  AreaTally(std::string name, const Targets& t) : today(t), last_24_hours(t) {
    picture.area = std::move(name);
  }
  AreaPicture picture;
  PerformanceTally today, last_24_hours;
};

// Where each open incident stands, from the units committed to it now (a unit diverted away
// no longer counts for the incident it left).
std::unordered_map<std::string, ResourceStatus> furthest_unit_status(
    const std::vector<cad::Resource>& resources) {
  std::unordered_map<std::string, ResourceStatus> by_incident;
  for (const auto& r : resources) {
    if (r.incident_id.empty()) continue;
    auto [it, added] = by_incident.emplace(r.incident_id, r.status);
    if (!added) it->second = std::max(it->second, r.status);
  }
  return by_incident;
}

}  // namespace

OperatingPicture build_picture(const PictureInputs& in) {
  OperatingPicture out;
  out.generated_at = in.now;
  out.today_from = in.today_from;
  out.targets = in.targets;
  out.focus = in.focus;
  const Timestamp day_ago = in.now - std::chrono::hours(24);
  const auto unit_status = furthest_unit_status(in.resources);

  AreaTally force("", in.targets);
  std::map<std::string, AreaTally> areas;
  auto area_named = [&](const std::string& name) -> AreaTally* {
    if (name.empty()) return nullptr;
    return &areas.try_emplace(name, name, in.targets).first->second;
  };

  const Timestamp first_hour =
      std::chrono::floor<std::chrono::hours>(in.now) - std::chrono::hours(23);
  std::vector<PerformanceTally> hour_tallies(24, PerformanceTally(in.targets));
  out.by_hour.resize(24);
  for (size_t h = 0; h < 24; ++h) out.by_hour[h].from = first_hour + std::chrono::hours(h);
  std::map<std::pair<int64_t, int64_t>, size_t> heat;

  for (const auto& i : in.incidents) {
    if (i.duplicate) continue;
    AreaTally* area = area_named(i.area);
    if (i.open) {
      for (AreaTally* t : {&force, area}) {
        if (!t) continue;
        ++t->picture.open_by_grade[static_cast<size_t>(i.grade)];
        const auto unit = unit_status.find(i.id);
        auto& states = t->picture.open_by_state;
        if (unit == unit_status.end()) {
          ++states.unassigned;
        } else if (unit->second >= ResourceStatus::kAtScene) {
          ++states.at_scene;
        } else {
          ++states.dispatched;
        }
      }
    }
    for (AreaTally* t : {&force, area}) {
      if (!t) continue;
      if (i.opened_at >= in.today_from) t->today.add(i, in.now);
      if (i.opened_at >= day_ago) t->last_24_hours.add(i, in.now);
    }
    const bool in_focus = in.focus.empty() || in.focus == i.area;
    if (in_focus && i.opened_at >= first_hour) {
      const auto h = static_cast<size_t>(
          std::chrono::duration_cast<std::chrono::hours>(i.opened_at - first_hour).count());
      if (h < 24) {
        ++out.by_hour[h].opened;
        hour_tallies[h].add(i, in.now);
      }
    }
    if (in_focus && i.opened_at >= day_ago) {
      ++heat[{static_cast<int64_t>(std::floor(i.location.lat / kHeatLatDegrees)),
              static_cast<int64_t>(std::floor(i.location.lon / kHeatLonDegrees))}];
    }
  }
  for (const auto& r : in.resources) {
    if (r.status == ResourceStatus::kOffDuty) continue;
    for (AreaTally* t : {&force, area_named(r.home_area)}) {
      if (!t) continue;
      ++t->picture.units_by_status[cad::status_name(r.status)];
      ++t->picture.units_by_type[r.type];
    }
  }

  auto finish = [](AreaTally& t) {
    t.picture.today = t.today.result();
    t.picture.last_24_hours = t.last_24_hours.result();
    return std::move(t.picture);
  };
  out.force = finish(force);
  for (auto& [name, tally] : areas) out.areas.push_back(finish(tally));
  for (size_t h = 0; h < 24; ++h) out.by_hour[h].performance = hour_tallies[h].result();
  for (const auto& [cell, count] : heat) {
    out.heat.push_back({{(static_cast<double>(cell.first) + 0.5) * kHeatLatDegrees,
                         (static_cast<double>(cell.second) + 0.5) * kHeatLonDegrees},
                        count});
  }
  return out;
}

Timestamp local_midnight(Timestamp now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::system_clock::duration>(now));
  std::tm local{};
  localtime_r(&t, &local);
  local.tm_hour = 0;
  local.tm_min = 0;
  local.tm_sec = 0;
  local.tm_isdst = -1;  // midnight may be in another offset than now (the clocks change at 1 am)
  return std::chrono::time_point_cast<Timestamp::duration>(
      std::chrono::system_clock::from_time_t(std::mktime(&local)));
}

}  // namespace peel::iop
