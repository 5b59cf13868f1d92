// Resources: registering units, their job status, and their positions (AVL).
#include <cmath>
#include <unordered_map>

#include "cad/cad_service.h"
#include "cad/payload.h"
#include "core/id.h"
#include "core/json_text.h"
#include "core/log.h"

namespace peel::cad {

namespace json = boost::json;

namespace {

// Where a unit may go next by its own report; "clear" ends a job and makes it available.
Result<ResourceStatus> next_status(const Resource& r, std::string_view asked) {
  using S = ResourceStatus;
  const S from = r.status;
  auto refuse = [&](const std::string& why) {
    return Error::conflict("status: " + r.call_sign + " is " + status_name(from) + ", " + why);
  };
  if (asked == "dispatched") return refuse("units are dispatched to an incident by a dispatcher");
  if (asked == "clear") {
    if (from == S::kOffDuty || from == S::kAvailable) return refuse("there is no job to clear");
    return S::kAvailable;
  }
  const auto to = parse_status(asked);
  if (!to) {
    return Error::invalid("status",
                          "must be available, off_duty, en_route, at_scene, transporting or clear");
  }
  const bool allowed = (from == S::kOffDuty && to == S::kAvailable) ||
                       (from == S::kAvailable && to == S::kOffDuty) ||
                       (from == S::kDispatched && (to == S::kEnRoute || to == S::kAtScene)) ||
                       (from == S::kEnRoute && to == S::kAtScene) ||
                       (from == S::kAtScene && to == S::kTransporting);
  if (!allowed) {
    return refuse(std::string("it cannot go to ") + status_name(*to) +
                  (from >= S::kDispatched ? " (clear the job first)" : ""));
  }
  return *to;
}

}  // namespace

Result<Resource> CadService::register_resource(const NewResource& request, const auth::Actor& by) {
  std::lock_guard lock(mutex_);
  if (call_signs_.contains(request.call_sign)) {
    return Error::conflict("call_sign: " + request.call_sign + " is already a resource");
  }
  std::vector<std::string> capabilities = request.capabilities;
  std::sort(capabilities.begin(), capabilities.end());
  capabilities.erase(std::unique(capabilities.begin(), capabilities.end()), capabilities.end());
  const std::string id = new_id(clock_);
  json::object payload{{"call_sign", request.call_sign},
                       {"type", request.type},
                       {"capabilities", string_array(capabilities)},
                       {"home_area", request.home_area},
                       {"crew", string_array(request.crew)},
                       {"status", status_name(ResourceStatus::kAvailable)}};
  auto event = record({"resource/" + id, "ResourceRegistered", by.id, "", json_text(payload)});
  if (!event) return std::move(event).error();
  return resources_.at(id);
}

Result<Resource> CadService::change_crew(
    const std::string& resource_id, const std::vector<std::string>& crew, const auth::Actor& by,
    const std::optional<std::vector<std::string>>& capabilities) {
  std::lock_guard lock(mutex_);
  if (!resources_.contains(resource_id)) return Error::not_found("no resource " + resource_id);
  json::object payload{{"crew", string_array(crew)}};
  if (capabilities) payload["capabilities"] = string_array(*capabilities);
  auto event =
      record({"resource/" + resource_id, "ResourceCrewChanged", by.id, "", json_text(payload)});
  if (!event) return std::move(event).error();
  return resources_.at(resource_id);
}

std::optional<std::string> CadService::resource_with_call_sign(const std::string& call_sign) const {
  std::lock_guard lock(mutex_);
  const auto it = call_signs_.find(call_sign);
  if (it == call_signs_.end()) return std::nullopt;
  return it->second;
}

Result<Resource> CadService::change_status(const std::string& resource_id, std::string_view status,
                                           const std::string& reason, const auth::Actor& by) {
  std::lock_guard lock(mutex_);
  const auto it = resources_.find(resource_id);
  if (it == resources_.end()) return Error::not_found("no resource " + resource_id);
  auto to = next_status(it->second, status);
  if (!to) return std::move(to).error();
  json::object payload{{"status", status_name(*to)}};
  if (!it->second.incident_id.empty()) payload["incident_id"] = it->second.incident_id;
  auto event = record(
      {"resource/" + resource_id, "ResourceStatusChanged", by.id, reason, json_text(payload)});
  if (!event) return std::move(event).error();
  return it->second;
}

Result<PositionsTaken> CadService::report_positions(const std::vector<PositionReport>& reports) {
  const Timestamp latest_allowed = clock_.now() + std::chrono::minutes(1);
  std::lock_guard lock(mutex_);
  // Check all before changing any; a unit may appear more than once, in time order.
  std::unordered_map<std::string_view, Timestamp> last;
  last.reserve(reports.size());
  std::vector<Resource*> units(reports.size());
  std::vector<std::optional<geo::Snap>> roads(reports.size());
  for (size_t i = 0; i < reports.size(); ++i) {
    const auto& report = reports[i];
    auto name = [i] { return "positions[" + std::to_string(i) + "]"; };
    const auto it = resources_.find(report.resource_id);
    if (it == resources_.end())
      return Error::invalid(name() + ".resource_id", "is not a known resource");
    units[i] = &it->second;
    auto seen = last.find(report.resource_id);
    const std::optional<Timestamp> previous =
        seen != last.end() ? std::optional(seen->second)
                           : (it->second.fix ? std::optional(it->second.fix->time) : std::nullopt);
    if (previous && report.time <= *previous) {
      return Error::invalid(name() + ".at", "must be later than the unit's last position (" +
                                                format_rfc3339(*previous) + ")");
    }
    if (report.time > latest_allowed) return Error::invalid(name() + ".at", "is in the future");
    if (map_.service) {
      auto snapped = map_.service->snap(report.at);
      if (!snapped)
        return Error::invalid(name(), "is outside the served area (no road within reach)");
      roads[i] = *snapped;
    }
    last[report.resource_id] = report.time;
  }
  PositionsTaken taken;
  taken.accepted = reports.size();
  for (size_t i = 0; i < reports.size(); ++i) {
    const auto& report = reports[i];
    Resource& r = *units[i];
    r.fix = Fix{report.at, report.time, roads[i]};
    // Arrival from AVL: a unit on its way that comes within reach of its incident is at scene.
    if (r.status != ResourceStatus::kDispatched && r.status != ResourceStatus::kEnRoute) continue;
    const auto incident = incidents_.find(r.incident_id);
    if (incident == incidents_.end()) continue;
    const double meters = geo::distance_m(report.at, incident->second.location);
    if (meters > options_.arrival_radius_m) continue;
    json::object payload{{"status", status_name(ResourceStatus::kAtScene)},
                         {"incident_id", r.incident_id},
                         {"detected_by", "avl"},
                         {"meters", std::round(meters)}};
    auto event = record({"resource/" + r.id, "ResourceStatusChanged", "system",
                         "AVL: within " + std::to_string(std::lround(meters)) + " m of " +
                             incident->second.reference,
                         json_text(payload)});
    if (event) {
      taken.arrived.push_back(r.call_sign);
    } else {
      // The positions stand; the unit will say it is at scene, or the next fix will try again.
      log::warn("cad.arrival_not_recorded",
                {{"resource", r.id}, {"reason", event.error().message}});
    }
  }
  return taken;
}

void CadService::restore_fixes(const std::vector<PositionReport>& fixes) {
  std::lock_guard lock(mutex_);
  for (const auto& f : fixes) {
    const auto it = resources_.find(f.resource_id);
    if (it == resources_.end() || it->second.fix) continue;
    std::optional<geo::Snap> road;
    if (map_.service) {
      auto snapped = map_.service->snap(f.at);
      if (!snapped) continue;
      road = *snapped;
    }
    it->second.fix = Fix{f.at, f.time, road};
  }
}

}  // namespace peel::cad
