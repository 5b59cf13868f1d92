// Timers and alerts: checked every second against the live state; each condition raises one
// alert, an event like any other, so it is on the alerts feed and in the log.
#include <cmath>

#include "cad/cad_service.h"
#include "cad/payload.h"
#include "core/id.h"
#include "core/json_text.h"
#include "core/log.h"

namespace peel::cad {

namespace json = boost::json;

namespace {

long minutes_between(Timestamp from, Timestamp to) {
  return std::chrono::duration_cast<std::chrono::minutes>(to - from).count();
}

}  // namespace

std::vector<Alert> CadService::check_alerts() {
  struct Due {
    AlertKind kind;
    std::string about, incident_id, resource_id, message;
  };
  const Timestamp now = clock_.now();
  std::lock_guard lock(mutex_);
  std::vector<Due> due;
  auto add = [&](AlertKind kind, std::string about, const Incident& i, std::string resource_id,
                 std::string message) {
    const auto seen = raised_.find(i.id);
    if (seen == raised_.end() || !seen->second.contains(about))
      due.push_back({kind, std::move(about), i.id, std::move(resource_id), std::move(message)});
  };
  for (const auto& id : open_ids_) {
    const Incident& i = incidents_.at(id);
    if (i.grade == Grade::kImmediate && i.resources.empty() &&
        now - i.opened_at >= options_.immediate_unassigned) {
      add(AlertKind::kImmediateUnassigned, "unassigned:" + id, i, "",
          i.reference + " (grade I) has had no unit sent for " +
              std::to_string(
                  std::chrono::duration_cast<std::chrono::seconds>(now - i.opened_at).count()) +
              " s");
    }
    if (i.grade == Grade::kSignificant &&
        now - i.opened_at >= options_.significant_target - options_.significant_warning) {
      const bool attended = std::any_of(i.resources.begin(), i.resources.end(), [&](const auto& r) {
        const auto unit = resources_.find(r);
        return unit != resources_.end() && unit->second.incident_id == id &&
               unit->second.status >= ResourceStatus::kAtScene;
      });
      if (!attended) {
        add(AlertKind::kSignificantNearTarget, "target:" + id, i, "",
            i.reference + " (grade S) is " + std::to_string(minutes_between(i.opened_at, now)) +
                " min old with no unit at scene (target " +
                std::to_string(options_.significant_target.count()) + " min)");
      }
    }
  }
  for (const auto& [id, r] : resources_) {
    const auto incident = incidents_.find(r.incident_id);
    if (incident == incidents_.end()) continue;
    const Incident& i = incident->second;
    const bool on_the_way =
        r.status == ResourceStatus::kDispatched || r.status == ResourceStatus::kEnRoute;
    if (on_the_way && r.expected_at) {
      const auto allowed = std::chrono::duration_cast<std::chrono::milliseconds>(
          (*r.expected_at - r.status_at) * options_.late_factor + std::chrono::minutes(1));
      if (now - r.status_at > allowed) {
        add(AlertKind::kUnitPastEta, "late:" + id + ":" + i.id, i, id,
            r.call_sign + " is past its ETA to " + i.reference);
      }
    }
    if (r.status == ResourceStatus::kAtScene && now - r.status_at >= options_.welfare_check) {
      add(AlertKind::kWelfareCheck,
          "welfare:" + id + ":" + std::to_string(r.status_at.time_since_epoch().count()), i, id,
          r.call_sign + " has been at scene at " + i.reference + " for " +
              std::to_string(minutes_between(r.status_at, now)) + " min without an update");
    }
  }
  std::vector<Alert> raised;
  for (auto& d : due) {
    json::object payload{{"kind", alert_kind_name(d.kind)},
                         {"about", d.about},
                         {"incident_id", d.incident_id},
                         {"resource_id", d.resource_id},
                         {"message", d.message}};
    auto event =
        record({"alert/" + new_id(clock_), "AlertRaised", "system", d.message, json_text(payload)});
    if (!event) {
      log::warn("cad.alert_not_raised", {{"about", d.about}, {"reason", event.error().message}});
      continue;
    }
    raised.push_back(alerts_.back());
  }
  return raised;
}

Result<Alert> CadService::acknowledge_alert(const std::string& alert_id, const auth::Actor& by) {
  std::lock_guard lock(mutex_);
  const auto it = std::find_if(alerts_.begin(), alerts_.end(),
                               [&](const Alert& a) { return a.id == alert_id; });
  if (it == alerts_.end()) return Error::not_found("no recent alert " + alert_id);
  if (it->acknowledged_at) {
    return Error::conflict("alert " + alert_id + " was acknowledged at " +
                           format_rfc3339(*it->acknowledged_at));
  }
  json::object payload{{"username", by.username}};
  auto event = record({"alert/" + alert_id, "AlertAcknowledged", by.id, "", json_text(payload)});
  if (!event) return std::move(event).error();
  // record() applied it; the deque may have moved, so look again.
  return *std::find_if(alerts_.begin(), alerts_.end(),
                       [&](const Alert& a) { return a.id == alert_id; });
}

std::vector<Alert> CadService::recent_alerts(size_t limit) const {
  std::lock_guard lock(mutex_);
  std::vector<Alert> out(alerts_.rbegin(), alerts_.rbegin() + static_cast<std::ptrdiff_t>(
                                                                  std::min(limit, alerts_.size())));
  return out;
}

}  // namespace peel::cad
