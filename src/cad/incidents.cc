// Incidents: opening them from calls, and what happens to them after.
#include <algorithm>
#include <cmath>

#include "cad/cad_service.h"
#include "cad/payload.h"
#include "core/id.h"
#include "core/json_text.h"

namespace peel::cad {

namespace json = boost::json;

Result<geo::LatLon> CadService::resolve(const std::optional<geo::LatLon>& location,
                                        std::string& address, const char* location_field) const {
  if (location) {
    if (map_.service) {
      if (auto snapped = map_.service->snap(*location); !snapped)
        return Error::invalid(location_field, "is outside the served area (no road within reach)");
    }
    return *location;
  }
  if (address.empty()) {
    return Error::invalid(location_field, "is required ({\"lat\", \"lon\"}, or an address)");
  }
  if (!map_.service)
    return Error::invalid("address", "cannot be resolved: " + map_.missing.message);
  const auto found = map_.service->search(address, 1);
  if (found.empty()) return Error::invalid("address", "matches nothing in the gazetteer");
  address = found.front().place.name;
  return found.front().place.at;
}

Result<const Incident*> CadService::open_incident_named(const std::string& incident_id) const {
  const auto it = incidents_.find(incident_id);
  if (it == incidents_.end()) return Error::not_found("no incident " + incident_id);
  if (!it->second.open) {
    return Error::conflict("incident " + it->second.reference + " is closed (" +
                           it->second.closing_code + ")");
  }
  return &it->second;
}

std::vector<std::string> CadService::committed_to(const std::string& incident_id) const {
  std::vector<std::string> call_signs;
  for (const auto& [id, r] : resources_) {
    if (r.incident_id == incident_id) call_signs.push_back(r.call_sign);
  }
  return call_signs;
}

Result<Incident> CadService::open_incident(const NewIncident& request, const auth::Actor& by) {
  const auto classification = find_classification(request.classification);
  if (!classification || classification->retired) {
    return Error::invalid("classification",
                          classification
                              ? "is retired: choose another from the force's list"
                              : "is not on the force's list (GET /api/v1/cad/classifications)");
  }
  const auto grade = parse_grade(request.grade);
  if (!grade) return Error::invalid("grade", "must be I, S, E or R");
  const auto channel = parse_channel(request.channel.empty() ? "999" : request.channel);
  if (!channel) return Error::invalid("channel", "must be 999, 101, online or officer");
  std::string address = request.address;
  auto resolved = resolve(request.location, address, "location");
  if (!resolved) return std::move(resolved).error();
  const geo::LatLon location = *resolved;
  const std::string area = map_.service ? map_.service->area_of(location) : std::string();

  std::lock_guard lock(mutex_);
  const std::string id = new_id(clock_);
  const std::string reference = next_reference(clock_.now());
  json::object payload{{"reference", reference},
                       {"classification", classification->code},
                       {"grade", grade_code(*grade)},
                       {"channel", channel_name(*channel)},
                       {"location", point_json(location)},
                       {"address", address},
                       {"area", area},
                       {"thrive", thrive_json(request.thrive)},
                       {"caller", caller_json(request.caller)},
                       {"narrative", request.narrative}};
  auto event = record({"incident/" + id, "IncidentOpened", by.id, "", json_text(payload)});
  if (!event) return std::move(event).error();
  return incidents_.at(id);
}

std::vector<PossibleDuplicate> CadService::possible_duplicates(geo::LatLon at,
                                                               std::string_view classification,
                                                               const std::string& except_id) const {
  std::vector<PossibleDuplicate> out;
  const Timestamp now = clock_.now();
  std::lock_guard lock(mutex_);
  const Classification* wanted = classification_named(std::string(classification));
  if (!wanted) return out;
  for (const auto& id : open_ids_) {
    const Incident& i = incidents_.at(id);
    if (id == except_id) continue;
    const Classification* theirs = classification_named(i.classification);
    if (!theirs || theirs->group != wanted->group) continue;
    const double meters = geo::distance_m(at, i.location);
    const auto age = now - i.opened_at;
    if (meters > options_.duplicate_radius_m || age > options_.duplicate_window) continue;
    out.push_back({id, i.reference, i.classification, std::round(meters),
                   std::chrono::duration<double, std::ratio<60>>(age).count()});
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.meters < b.meters; });
  return out;
}

LocationBriefing CadService::briefing(geo::LatLon at, const std::string& except_id) const {
  LocationBriefing out;
  for (const auto& source : warning_sources_) {
    for (auto& w : source(at, options_.briefing_radius_m)) out.warnings.push_back(std::move(w));
  }
  std::lock_guard lock(mutex_);
  for (const auto& id : warnings_by_place_.near(at, options_.briefing_radius_m)) {
    const WarningMarker& w = warnings_.at(id);
    if (geo::distance_m(at, w.location) <= options_.briefing_radius_m) out.warnings.push_back(w);
  }
  for (const auto& id : incidents_by_place_.near(at, options_.briefing_radius_m)) {
    const Incident& i = incidents_.at(id);
    if (id != except_id && geo::distance_m(at, i.location) <= options_.briefing_radius_m)
      out.history.push_back(i);
  }
  std::sort(out.history.begin(), out.history.end(),
            [](const auto& a, const auto& b) { return a.opened_at > b.opened_at; });
  if (out.history.size() > options_.history_limit) out.history.resize(options_.history_limit);
  return out;
}

Result<Incident> CadService::link_call(const std::string& incident_id, const LinkedCall& call,
                                       const auth::Actor& by) {
  std::lock_guard lock(mutex_);
  auto incident = open_incident_named(incident_id);
  if (!incident) return std::move(incident).error();
  json::object payload{{"caller", caller_json(call.caller)},
                       {"narrative", call.narrative},
                       {"channel", channel_name(call.channel)}};
  auto event = record({"incident/" + incident_id, "CallLinked", by.id, "", json_text(payload)});
  if (!event) return std::move(event).error();
  return incidents_.at(incident_id);
}

Result<Incident> CadService::add_update(const std::string& incident_id, const std::string& text,
                                        const auth::Actor& by) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::invalid("text", "is empty: write what has happened");
  std::lock_guard lock(mutex_);
  auto incident = open_incident_named(incident_id);
  if (!incident) return std::move(incident).error();
  auto event = record({"incident/" + incident_id, "IncidentUpdateAdded", by.id, "",
                       json_text(json::object{{"text", text}})});
  if (!event) return std::move(event).error();
  return incidents_.at(incident_id);
}

Result<Incident> CadService::regrade(const std::string& incident_id, const std::string& grade,
                                     const std::string& reason, const auth::Actor& by) {
  const auto to = parse_grade(grade);
  if (!to) return Error::invalid("grade", "must be I, S, E or R");
  if (reason.empty()) return Error::invalid("reason", "is required: why the grade changes");
  std::lock_guard lock(mutex_);
  auto incident = open_incident_named(incident_id);
  if (!incident) return std::move(incident).error();
  if ((*incident)->grade == *to) {
    return Error::conflict("grade: " + (*incident)->reference + " is already grade " + grade);
  }
  json::object payload{{"grade", grade_code(*to)}, {"from", grade_code((*incident)->grade)}};
  auto event =
      record({"incident/" + incident_id, "IncidentRegraded", by.id, reason, json_text(payload)});
  if (!event) return std::move(event).error();
  return incidents_.at(incident_id);
}

Result<Incident> CadService::close(const std::string& incident_id, const std::string& closing_code,
                                   const std::string& reason, const auth::Actor& by) {
  const auto& codes = closing_codes();
  if (std::find(codes.begin(), codes.end(), closing_code) == codes.end()) {
    return Error::invalid("closing_code", "is not a closing code (GET /api/v1/cad/closing-codes)");
  }
  std::lock_guard lock(mutex_);
  auto incident = open_incident_named(incident_id);
  if (!incident) return std::move(incident).error();
  if (const auto units = committed_to(incident_id); !units.empty()) {
    std::string names;
    for (const auto& u : units) names += (names.empty() ? "" : ", ") + u;
    return Error::conflict((*incident)->reference + " still has units committed (" + names +
                           "): clear them first");
  }
  auto event = record({"incident/" + incident_id, "IncidentClosed", by.id, reason,
                       json_text(json::object{{"closing_code", closing_code}})});
  if (!event) return std::move(event).error();
  return incidents_.at(incident_id);
}

Result<Incident> CadService::merge(const std::string& incident_id, const std::string& into_id,
                                   const std::string& reason, const auth::Actor& by) {
  if (incident_id == into_id) return Error::invalid("into", "must be another incident");
  std::lock_guard lock(mutex_);
  auto incident = open_incident_named(incident_id);
  if (!incident) return std::move(incident).error();
  auto into = open_incident_named(into_id);
  if (!into) return Error::invalid("into", into.error().message);
  if (!committed_to(incident_id).empty()) {
    return Error::conflict((*incident)->reference +
                           " still has units committed: clear them or send them to " +
                           (*into)->reference + " first");
  }
  json::object payload{{"into", into_id}, {"into_reference", (*into)->reference}};
  auto event =
      record({"incident/" + incident_id, "IncidentMerged", by.id, reason, json_text(payload)});
  if (!event) return std::move(event).error();
  return incidents_.at(incident_id);
}

Result<WarningMarker> CadService::add_warning(const NewWarning& request, const auth::Actor& by) {
  const auto kind = parse_warning_kind(request.kind);
  if (!kind) return Error::invalid("kind", "must be weapons, dogs, violence or vulnerability");
  std::string address = request.address;
  auto location = resolve(request.location, address, "location");
  if (!location) return std::move(location).error();
  const std::string subject = request.subject.empty() ? address : request.subject;
  std::lock_guard lock(mutex_);
  const std::string id = new_id(clock_);
  json::object payload{{"kind", warning_kind_name(*kind)},
                       {"subject", subject},
                       {"note", request.note},
                       {"location", point_json(*location)}};
  auto event = record({"warning/" + id, "WarningMarkerAdded", by.id, "", json_text(payload)});
  if (!event) return std::move(event).error();
  return warnings_.at(id);
}

}  // namespace peel::cad
