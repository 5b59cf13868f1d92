// Which unit to send, and sending it.
#include <algorithm>
#include <cmath>

#include "cad/cad_service.h"
#include "cad/payload.h"
#include "core/json_text.h"

namespace peel::cad {

namespace json = boost::json;

namespace {

std::string minutes_and_seconds(double seconds) {
  const auto total = static_cast<long>(std::lround(seconds));
  return std::to_string(total / 60) + " min " + std::to_string(total % 60) + " s";
}
// Grade I is driven on blue lights; everything else at normal speeds.
geo::Profile profile_for(Grade grade) {
  return grade == Grade::kImmediate ? geo::Profile::kEmergency : geo::Profile::kNormal;
}

bool carries(const Resource& r, const std::vector<std::string>& needed) {
  return std::all_of(needed.begin(), needed.end(), [&](const std::string& c) {
    return std::binary_search(r.capabilities.begin(), r.capabilities.end(), c);
  });
}

}  // namespace

const Incident* CadService::divertible_from(const Resource& unit, Grade to) const {
  const bool committed = unit.status == ResourceStatus::kDispatched ||
                         unit.status == ResourceStatus::kEnRoute ||
                         unit.status == ResourceStatus::kAtScene;
  if (!committed) return nullptr;
  const auto it = incidents_.find(unit.incident_id);
  // Grades are in order of urgency: I before S before E before R.
  if (it == incidents_.end() || !it->second.open || it->second.grade <= to) return nullptr;
  return &it->second;
}

Result<std::vector<Recommendation>> CadService::recommend(const std::string& incident_id,
                                                          size_t limit, bool diversions) const {
  if (!map_.service) return map_.missing;
  // Under the lock, only where each candidate is (a ranking looks at 2,000 units; copying their
  // names would cost more than the routing). Resources are never removed and their id and call
  // sign never change, so the pointers stay good for the names of the few ranked.
  struct Candidate {
    const Resource* unit;
    Timestamp fix_time;
    const Incident* diverted_from;  // nullptr for an available unit
  };
  // Of the incident, what the ranking uses (not its narrative, caller and calls).
  struct Wanted {
    std::string reference, classification;
    Grade grade = Grade::kExtended;
    geo::LatLon location;
    bool open = false;
  } incident;
  std::vector<Candidate> candidates;
  std::vector<geo::Snap> from;
  std::vector<std::string> needed;
  {
    std::lock_guard lock(mutex_);
    const auto it = incidents_.find(incident_id);
    if (it == incidents_.end()) return Error::not_found("no incident " + incident_id);
    const Incident& i = it->second;
    incident = {i.reference, i.classification, i.grade, i.location, i.open};
    if (const auto* c = classification_named(incident.classification)) needed = c->capabilities;
    candidates.reserve(resources_.size());
    from.reserve(resources_.size());
    for (const auto& [id, r] : resources_) {
      if (!r.fix || !r.fix->road || !carries(r, needed)) continue;
      const Incident* busy = nullptr;
      if (r.status != ResourceStatus::kAvailable) {
        busy = diversions && r.incident_id != incident_id ? divertible_from(r, incident.grade)
                                                          : nullptr;
        if (!busy) continue;
      }
      candidates.push_back({&r, r.fix->time, busy});
      from.push_back(*r.fix->road);
    }
  }
  if (!incident.open) return Error::conflict("incident " + incident.reference + " is closed");
  if (candidates.empty()) return std::vector<Recommendation>{};
  const bool blue_lights = incident.grade == Grade::kImmediate;
  const auto profile = profile_for(incident.grade);
  auto target = map_.service->snap(incident.location);
  if (!target) return std::move(target).error();
  // Units' fixes were snapped to the roads when they arrived; only the incident is snapped now.
  // Road distances for the top `limit` come from the same search as the times.
  const auto timed = map_.service->travel_times(from, *target, profile, limit);
  const auto& times = timed.seconds;
  std::vector<size_t> order;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (times[i]) order.push_back(i);
  }
  // Ties (rare: the same road time to the millisecond) go by call sign, which never changes.
  auto faster = [&](size_t a, size_t b) {
    if (*times[a] != *times[b]) return *times[a] < *times[b];
    return candidates[a].unit->call_sign < candidates[b].unit->call_sign;
  };
  if (order.size() > limit) {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(limit),
                      order.end(), faster);
    order.resize(limit);
  } else {
    std::sort(order.begin(), order.end(), faster);
  }
  std::vector<Recommendation> out;
  const Timestamp now = clock_.now();
  std::lock_guard lock(mutex_);
  for (size_t rank = 0; rank < order.size(); ++rank) {
    const Candidate& c = candidates[order[rank]];
    Recommendation rec;
    rec.resource_id = c.unit->id;
    rec.call_sign = c.unit->call_sign;
    rec.eta_seconds = std::round(*times[order[rank]] * 10) / 10;
    rec.meters = timed.meters[order[rank]].value_or(0);
    rec.reasons.push_back(rank == 0 ? "fastest unit by road"
                                    : "number " + std::to_string(rank + 1) + " by road time");
    if (c.diverted_from) {
      // Under the lock: incidents are never removed, and their id and reference never change.
      rec.diverted_from_id = c.diverted_from->id;
      rec.diverted_from_reference = c.diverted_from->reference;
      rec.reasons.push_back("would be diverted from " + c.diverted_from->reference + " (grade " +
                            grade_code(c.diverted_from->grade) + ", " +
                            c.diverted_from->classification + ")");
    } else {
      rec.reasons.push_back("available");
    }
    rec.reasons.push_back(minutes_and_seconds(rec.eta_seconds) + " by road" +
                          (blue_lights ? " on blue lights (grade I)" : " at normal speeds"));
    if (!needed.empty()) {
      std::string carried = "carries";
      for (const auto& n : needed) carried += " " + n;
      rec.reasons.push_back(carried + ", as " + incident.classification + " needs");
    }
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - c.fix_time);
    rec.reasons.push_back("position " + std::to_string(age.count()) + " s old" +
                          (age > options_.stale_fix ? " (stale: the unit may have moved)" : ""));
    out.push_back(std::move(rec));
  }
  return out;
}

Result<Incident> CadService::dispatch(const std::string& incident_id,
                                      const std::string& resource_id, const auth::Actor& by,
                                      bool divert, const std::string& reason) {
  std::lock_guard lock(mutex_);
  auto open = open_incident_named(incident_id);
  if (!open) return std::move(open).error();
  const Incident& incident = **open;
  const auto unit = resources_.find(resource_id);
  if (unit == resources_.end()) return Error::invalid("resource_id", "is not a known resource");
  const Resource& r = unit->second;
  const Incident* leaving = nullptr;
  if (r.status != ResourceStatus::kAvailable) {
    std::string why = r.call_sign + " is " + status_name(r.status);
    if (const auto busy = incidents_.find(r.incident_id); busy != incidents_.end())
      why += " (" + busy->second.reference + ")";
    if (r.incident_id == incident_id) return Error::conflict("resource_id: " + why);
    leaving = divertible_from(r, incident.grade);
    if (!leaving) {
      return Error::conflict("resource_id: " + why +
                             (divert ? "; only a unit on lower-graded work may be diverted" : ""));
    }
    if (!divert) {
      return Error::conflict("resource_id: " + why +
                             "; send divert: true (and a reason) to take it off that job");
    }
    if (reason.empty()) return Error::invalid("reason", "is required to divert a unit");
  }
  json::object payload{{"resource_id", r.id}, {"call_sign", r.call_sign}};
  if (leaving) {
    // The job the unit leaves says so in its own log first.
    json::object left{{"resource_id", r.id},
                      {"call_sign", r.call_sign},
                      {"to_incident_id", incident_id},
                      {"to_reference", incident.reference}};
    auto withdrawn =
        record({"incident/" + leaving->id, "ResourceDiverted", by.id, reason, json_text(left)});
    if (!withdrawn) return std::move(withdrawn).error();
    payload["diverted_from"] = leaving->id;
  }
  // The ETA at the moment of dispatch, for the "past its ETA" alert.
  if (map_.service && r.fix && r.fix->road) {
    if (auto target = map_.service->snap(incident.location)) {
      if (auto route = map_.service->route(*r.fix->road, *target, profile_for(incident.grade)))
        payload["eta_seconds"] = route->seconds;
    }
  }
  auto event =
      record({"incident/" + incident_id, "ResourceDispatched", by.id, reason, json_text(payload)});
  if (!event) return std::move(event).error();
  return incidents_.at(incident_id);
}

}  // namespace peel::cad
