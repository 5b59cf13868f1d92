#include "cad/cad_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <ctime>

#include "core/id.h"

namespace peel::cad {

namespace json = boost::json;

namespace {

constexpr int kLogPage = 10'000;

std::string text_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::array string_array(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

// "22NOV2026": the day an incident's number counts in; the reference shows "22NOV".
std::string day_key(Timestamp at) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%d%b%Y", &utc);
  std::string key(text);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  return key;
}

std::string minutes_and_seconds(double seconds) {
  const auto total = static_cast<long>(std::lround(seconds));
  return std::to_string(total / 60) + " min " + std::to_string(total % 60) + " s";
}

bool carries(const Resource& r, const std::vector<std::string>& needed) {
  return std::all_of(needed.begin(), needed.end(), [&](const std::string& c) {
    return std::binary_search(r.capabilities.begin(), r.capabilities.end(), c);
  });
}

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

CadService::CadService(events::EventLog& log, const Clock& clock, const geo::LoadedMap& map,
                       CadOptions options)
    : log_(log), clock_(clock), map_(map), options_(options) {}

Status CadService::rebuild() {
  std::lock_guard lock(mutex_);
  long long after = 0;
  while (true) {
    auto page = log_.read(after, kLogPage);
    if (!page) return std::move(page).error();
    for (const auto& event : *page) apply(event);
    if (page->size() < static_cast<size_t>(kLogPage)) return {};
    after = page->back().sequence;
  }
}

Result<events::Event> CadService::record(events::EventDraft draft) {
  auto event = log_.append(std::move(draft));
  if (!event) return std::move(event).error();
  apply(*event);
  return event;
}

void CadService::apply(const events::Event& event) {
  const bool is_resource = event.stream.starts_with("resource/");
  const bool is_incident = event.stream.starts_with("incident/");
  if (!is_resource && !is_incident) return;
  const std::string id = event.stream.substr(event.stream.find('/') + 1);
  std::error_code ec;
  json::value parsed = json::parse(event.payload, ec);
  if (ec || !parsed.is_object()) return;
  const json::object& p = parsed.as_object();

  if (event.type == "ResourceRegistered") {
    Resource r;
    r.id = id;
    r.call_sign = text_of(p, "call_sign");
    r.type = text_of(p, "type");
    r.home_area = text_of(p, "home_area");
    if (const auto* caps = p.if_contains("capabilities"); caps && caps->is_array()) {
      for (const auto& c : caps->as_array()) {
        if (c.is_string()) r.capabilities.emplace_back(c.as_string());
      }
    }
    r.status = parse_status(text_of(p, "status")).value_or(ResourceStatus::kAvailable);
    r.status_at = event.at;
    call_signs_[r.call_sign] = id;
    resources_[id] = std::move(r);
  } else if (event.type == "ResourceStatusChanged") {
    auto it = resources_.find(id);
    if (it == resources_.end()) return;
    Resource& r = it->second;
    r.status = parse_status(text_of(p, "status")).value_or(r.status);
    r.status_at = event.at;
    const std::string incident = text_of(p, "incident_id");
    if (!incident.empty()) unit_events_[incident].push_back(event.sequence);
    if (r.status == ResourceStatus::kAvailable || r.status == ResourceStatus::kOffDuty)
      r.incident_id.clear();
  } else if (event.type == "IncidentOpened") {
    Incident i;
    i.id = id;
    i.reference = text_of(p, "reference");
    i.classification = text_of(p, "classification");
    i.grade = parse_grade(text_of(p, "grade")).value_or(Grade::kExtended);
    i.channel = parse_channel(text_of(p, "channel")).value_or(Channel::kEmergency);
    if (const auto* at = p.if_contains("location"); at && at->is_object()) {
      i.location = {at->as_object().at("lat").to_number<double>(),
                    at->as_object().at("lon").to_number<double>()};
    }
    i.address = text_of(p, "address");
    if (const auto* t = p.if_contains("thrive"); t && t->is_object()) {
      const auto& o = t->as_object();
      i.thrive = {text_of(o, "threat"),        text_of(o, "harm"),
                  text_of(o, "risk"),          text_of(o, "investigation"),
                  text_of(o, "vulnerability"), text_of(o, "engagement")};
    }
    if (const auto* c = p.if_contains("caller"); c && c->is_object()) {
      i.caller = {text_of(c->as_object(), "name"), text_of(c->as_object(), "phone")};
    }
    i.narrative = text_of(p, "narrative");
    i.opened_at = event.at;
    i.opened_by = event.actor;
    ++incidents_per_day_[day_key(event.at)];
    incidents_[id] = std::move(i);
  } else if (event.type == "ResourceDispatched") {
    auto incident = incidents_.find(id);
    auto unit = resources_.find(text_of(p, "resource_id"));
    if (incident == incidents_.end() || unit == resources_.end()) return;
    incident->second.resources.push_back(unit->first);
    unit->second.status = ResourceStatus::kDispatched;
    unit->second.status_at = event.at;
    unit->second.incident_id = id;
  }
}

std::string CadService::next_reference(Timestamp at) const {
  const std::string day = day_key(at);
  const auto it = incidents_per_day_.find(day);
  const int number = (it == incidents_per_day_.end() ? 0 : it->second) + 1;
  return "CAD " + std::to_string(number) + "/" + day.substr(0, 5);
}

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
                       {"status", status_name(ResourceStatus::kAvailable)}};
  auto event =
      record({"resource/" + id, "ResourceRegistered", by.id, "", json::serialize(payload)});
  if (!event) return std::move(event).error();
  return resources_.at(id);
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
  auto event = record({"resource/" + resource_id, "ResourceStatusChanged", by.id, reason,
                       json::serialize(payload)});
  if (!event) return std::move(event).error();
  return it->second;
}

Result<size_t> CadService::report_positions(const std::vector<PositionReport>& reports) {
  const Timestamp latest_allowed = clock_.now() + std::chrono::minutes(1);
  std::lock_guard lock(mutex_);
  // Check all before changing any; a unit may appear more than once, in time order.
  std::unordered_map<std::string, Timestamp> last;
  for (size_t i = 0; i < reports.size(); ++i) {
    const auto& report = reports[i];
    const std::string name = "positions[" + std::to_string(i) + "]";
    const auto it = resources_.find(report.resource_id);
    if (it == resources_.end())
      return Error::invalid(name + ".resource_id", "is not a known resource");
    auto seen = last.find(report.resource_id);
    const std::optional<Timestamp> previous =
        seen != last.end() ? std::optional(seen->second)
                           : (it->second.fix ? std::optional(it->second.fix->time) : std::nullopt);
    if (previous && report.time <= *previous) {
      return Error::invalid(name + ".at", "must be later than the unit's last position (" +
                                              format_rfc3339(*previous) + ")");
    }
    if (report.time > latest_allowed) return Error::invalid(name + ".at", "is in the future");
    if (map_.service) {
      if (auto snapped = map_.service->snap(report.at); !snapped)
        return Error::invalid(name, "is outside the served area (no road within reach)");
    }
    last[report.resource_id] = report.time;
  }
  for (const auto& report : reports)
    resources_.at(report.resource_id).fix = Fix{report.at, report.time};
  return reports.size();
}

Result<Incident> CadService::open_incident(const NewIncident& request, const auth::Actor& by) {
  const Classification* classification = find_classification(request.classification);
  if (!classification) {
    return Error::invalid("classification",
                          "is not on the force's list (GET /api/v1/cad/classifications)");
  }
  const auto grade = parse_grade(request.grade);
  if (!grade) return Error::invalid("grade", "must be I, S, E or R");
  const auto channel = parse_channel(request.channel.empty() ? "999" : request.channel);
  if (!channel) return Error::invalid("channel", "must be 999, 101, online or officer");
  geo::LatLon location;
  std::string address = request.address;
  if (request.location) {
    location = *request.location;
    if (map_.service) {
      if (auto snapped = map_.service->snap(location); !snapped)
        return Error::invalid("location", "is outside the served area (no road within reach)");
    }
  } else if (!request.address.empty()) {
    if (!map_.service)
      return Error::invalid("address", "cannot be resolved: " + map_.missing.message);
    const auto found = map_.service->search(request.address, 1);
    if (found.empty()) return Error::invalid("address", "matches nothing in the gazetteer");
    location = found.front().place.at;
    address = found.front().place.name;
  } else {
    return Error::invalid("location", "is required ({\"lat\", \"lon\"}, or an address)");
  }

  std::lock_guard lock(mutex_);
  const std::string id = new_id(clock_);
  const std::string reference = next_reference(clock_.now());
  const auto& t = request.thrive;
  json::object payload{
      {"reference", reference},
      {"classification", classification->code},
      {"grade", grade_code(*grade)},
      {"channel", channel_name(*channel)},
      {"location", json::object{{"lat", location.lat}, {"lon", location.lon}}},
      {"address", address},
      {"thrive", json::object{{"threat", t.threat},
                              {"harm", t.harm},
                              {"risk", t.risk},
                              {"investigation", t.investigation},
                              {"vulnerability", t.vulnerability},
                              {"engagement", t.engagement}}},
      {"caller", json::object{{"name", request.caller.name}, {"phone", request.caller.phone}}},
      {"narrative", request.narrative}};
  auto event = record({"incident/" + id, "IncidentOpened", by.id, "", json::serialize(payload)});
  if (!event) return std::move(event).error();
  return incidents_.at(id);
}

Result<std::vector<Recommendation>> CadService::recommend(const std::string& incident_id,
                                                          size_t limit) const {
  if (!map_.service) return map_.missing;
  Incident incident;
  std::vector<Resource> candidates;
  std::vector<std::string> needed;
  {
    std::lock_guard lock(mutex_);
    const auto it = incidents_.find(incident_id);
    if (it == incidents_.end()) return Error::not_found("no incident " + incident_id);
    incident = it->second;
    if (const auto* c = find_classification(incident.classification)) needed = c->capabilities;
    for (const auto& [id, r] : resources_) {
      if (r.status == ResourceStatus::kAvailable && r.fix && carries(r, needed))
        candidates.push_back(r);
    }
  }
  if (!incident.open) return Error::conflict("incident " + incident.reference + " is closed");
  if (candidates.empty()) return std::vector<Recommendation>{};
  // Routing runs outside the lock: a few milliseconds that other commands need not wait for.
  const bool blue_lights = incident.grade == Grade::kImmediate;
  const auto profile = blue_lights ? geo::Profile::kEmergency : geo::Profile::kNormal;
  std::vector<geo::LatLon> from;
  from.reserve(candidates.size());
  for (const auto& r : candidates) from.push_back(r.fix->at);
  auto times = map_.service->travel_times(from, incident.location, profile);
  if (!times) return std::move(times).error();
  std::vector<size_t> order;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if ((*times)[i]) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (*(*times)[a] != *(*times)[b]) return *(*times)[a] < *(*times)[b];
    return candidates[a].call_sign < candidates[b].call_sign;
  });
  if (order.size() > limit) order.resize(limit);
  std::vector<Recommendation> out;
  const Timestamp now = clock_.now();
  for (size_t rank = 0; rank < order.size(); ++rank) {
    const Resource& r = candidates[order[rank]];
    Recommendation rec{r.id, r.call_sign, std::round(*(*times)[order[rank]] * 10) / 10, 0, {}};
    if (auto route = map_.service->route(r.fix->at, incident.location, profile))
      rec.meters = route->meters;
    rec.reasons.push_back(rank == 0 ? "fastest available unit by road"
                                    : "number " + std::to_string(rank + 1) + " by road time");
    rec.reasons.push_back(minutes_and_seconds(rec.eta_seconds) + " by road" +
                          (blue_lights ? " on blue lights (grade I)" : " at normal speeds"));
    if (!needed.empty()) {
      std::string carried = "carries";
      for (const auto& c : needed) carried += " " + c;
      rec.reasons.push_back(carried + ", as " + incident.classification + " needs");
    }
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - r.fix->time);
    rec.reasons.push_back("position " + std::to_string(age.count()) + " s old" +
                          (age > options_.stale_fix ? " (stale: the unit may have moved)" : ""));
    out.push_back(std::move(rec));
  }
  return out;
}

Result<Incident> CadService::dispatch(const std::string& incident_id,
                                      const std::string& resource_id, const auth::Actor& by) {
  std::lock_guard lock(mutex_);
  const auto incident = incidents_.find(incident_id);
  if (incident == incidents_.end()) return Error::not_found("no incident " + incident_id);
  if (!incident->second.open)
    return Error::conflict("incident " + incident->second.reference + " is closed");
  const auto unit = resources_.find(resource_id);
  if (unit == resources_.end()) return Error::invalid("resource_id", "is not a known resource");
  const Resource& r = unit->second;
  if (r.status != ResourceStatus::kAvailable) {
    std::string why = r.call_sign + " is " + status_name(r.status);
    if (const auto busy = incidents_.find(r.incident_id); busy != incidents_.end())
      why += " (" + busy->second.reference + ")";
    return Error::conflict("resource_id: " + why);
  }
  json::object payload{{"resource_id", r.id}, {"call_sign", r.call_sign}};
  auto event = record(
      {"incident/" + incident_id, "ResourceDispatched", by.id, "", json::serialize(payload)});
  if (!event) return std::move(event).error();
  return incident->second;
}

std::vector<Resource> CadService::resources() const {
  std::lock_guard lock(mutex_);
  std::vector<Resource> out;
  out.reserve(resources_.size());
  for (const auto& [id, r] : resources_) out.push_back(r);
  return out;
}

std::optional<Resource> CadService::find_resource(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = resources_.find(id);
  return it == resources_.end() ? std::nullopt : std::optional(it->second);
}

std::vector<Incident> CadService::open_incidents() const {
  std::lock_guard lock(mutex_);
  std::vector<Incident> out;
  for (const auto& [id, i] : incidents_) {
    if (i.open) out.push_back(i);
  }
  return out;
}

std::optional<Incident> CadService::find_incident(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = incidents_.find(id);
  return it == incidents_.end() ? std::nullopt : std::optional(it->second);
}

Result<std::vector<events::Event>> CadService::incident_log(const std::string& incident_id) const {
  std::vector<long long> unit_sequences;
  {
    std::lock_guard lock(mutex_);
    if (!incidents_.contains(incident_id)) return Error::not_found("no incident " + incident_id);
    if (auto it = unit_events_.find(incident_id); it != unit_events_.end())
      unit_sequences = it->second;
  }
  auto own = log_.read(0, kLogPage, "incident/" + incident_id);
  if (!own) return std::move(own).error();
  std::vector<events::Event> all = std::move(*own);
  for (long long sequence : unit_sequences) {
    auto one = log_.read(sequence - 1, 1, "resource/");
    if (!one) return std::move(one).error();
    if (!one->empty() && one->front().sequence == sequence) all.push_back(one->front());
  }
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
  return all;
}

}  // namespace peel::cad
