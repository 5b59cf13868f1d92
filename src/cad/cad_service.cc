#include "cad/cad_service.h"

#include <algorithm>
#include <cmath>
#include <ctime>

#include "cad/payload.h"

namespace peel::cad {

namespace json = boost::json;

namespace {

constexpr int kLogPage = 10'000;

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

}  // namespace

CadService::CadService(events::EventLog& log, const Clock& clock, const geo::LoadedMap& map,
                       CadOptions options)
    : log_(log), clock_(clock), map_(map), options_(options) {
  for (const auto& c : default_classifications()) classifications_[c.code] = c;
  // Units registered or booked on by another process (the demo, the command line, the server
  // that was active before this one) join the live state as they are read back.
  log_.on_written_elsewhere([this](const events::Event& event) {
    std::lock_guard lock(mutex_);
    // Before the rebuild, the rebuild reads it; the rebuild may also have read past it.
    if (rebuilt_through_ && event.sequence > *rebuilt_through_) apply(event);
  });
}

Status CadService::rebuild() {
  std::lock_guard lock(mutex_);
  long long after = 0;
  while (true) {
    auto page = log_.read(after, kLogPage);
    if (!page) return std::move(page).error();
    for (const auto& event : *page) apply(event);
    if (!page->empty()) after = page->back().sequence;
    if (page->size() < static_cast<size_t>(kLogPage)) {
      rebuilt_through_ = after;
      return {};
    }
  }
}

Result<events::Event> CadService::record(events::EventDraft draft) {
  auto event = log_.append(std::move(draft));
  if (!event) return std::move(event).error();
  apply(*event);
  return event;
}

void CadService::apply(const events::Event& event) {
  applied_sequence_ = std::max(applied_sequence_, event.sequence);
  if (!event.stream.starts_with("resource/") && !event.stream.starts_with("incident/") &&
      !event.stream.starts_with("warning/") && !event.stream.starts_with("alert/") &&
      !event.stream.starts_with("classification/"))
    return;
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
    r.capabilities = string_list_of(p, "capabilities");
    r.crew = string_list_of(p, "crew");
    r.status = parse_status(text_of(p, "status")).value_or(ResourceStatus::kAvailable);
    r.status_at = event.at;
    call_signs_[r.call_sign] = id;
    resources_[id] = std::move(r);
  } else if (event.type == "ResourceCrewChanged") {
    if (auto it = resources_.find(id); it != resources_.end()) {
      it->second.crew = string_list_of(p, "crew");
      if (p.contains("capabilities")) {
        it->second.capabilities = string_list_of(p, "capabilities");
        std::sort(it->second.capabilities.begin(), it->second.capabilities.end());
      }
    }
  } else if (event.type == "ResourceStatusChanged") {
    auto it = resources_.find(id);
    if (it == resources_.end()) return;
    Resource& r = it->second;
    r.status = parse_status(text_of(p, "status")).value_or(r.status);
    r.status_at = event.at;
    const std::string incident = text_of(p, "incident_id");
    if (!incident.empty()) unit_events_[incident].push_back(event.sequence);
    if (auto job = incidents_.find(incident); job != incidents_.end() &&
                                              r.status == ResourceStatus::kAtScene &&
                                              !job->second.attended_at) {
      job->second.attended_at = event.at;
    }
    if (r.status == ResourceStatus::kAvailable || r.status == ResourceStatus::kOffDuty)
      r.incident_id.clear();
  } else if (event.type == "IncidentOpened") {
    Incident i;
    i.id = id;
    i.reference = text_of(p, "reference");
    i.classification = text_of(p, "classification");
    i.grade = parse_grade(text_of(p, "grade")).value_or(Grade::kExtended);
    i.channel = parse_channel(text_of(p, "channel")).value_or(Channel::kEmergency);
    i.location = point_of(p, "location");
    i.address = text_of(p, "address");
    i.area = text_of(p, "area");
    i.thrive = thrive_of(p, "thrive");
    i.caller = caller_of(p, "caller");
    i.narrative = text_of(p, "narrative");
    i.opened_at = event.at;
    i.opened_by = event.actor;
    ++incidents_per_day_[day_key(event.at)];
    open_ids_.insert(id);
    opened_order_.emplace(event.at, id);
    incidents_by_place_.add(id, i.location);
    incidents_[id] = std::move(i);
  } else if (event.type == "CallLinked") {
    auto it = incidents_.find(id);
    if (it == incidents_.end()) return;
    LinkedCall call;
    call.caller = caller_of(p, "caller");
    call.narrative = text_of(p, "narrative");
    call.channel = parse_channel(text_of(p, "channel")).value_or(Channel::kEmergency);
    call.at = event.at;
    it->second.calls.push_back(std::move(call));
  } else if (event.type == "IncidentRegraded") {
    if (auto it = incidents_.find(id); it != incidents_.end())
      it->second.grade = parse_grade(text_of(p, "grade")).value_or(it->second.grade);
  } else if (event.type == "IncidentClosed" || event.type == "IncidentMerged") {
    if (auto it = incidents_.find(id); it != incidents_.end()) {
      open_ids_.erase(id);
      raised_.erase(id);
      it->second.open = false;
      it->second.closing_code =
          event.type == "IncidentMerged" ? "duplicate" : text_of(p, "closing_code");
      it->second.merged_into = text_of(p, "into");
    }
  } else if (event.type == "WarningMarkerAdded") {
    WarningMarker w;
    w.id = id;
    w.kind = parse_warning_kind(text_of(p, "kind")).value_or(WarningKind::kViolence);
    w.subject = text_of(p, "subject");
    w.note = text_of(p, "note");
    w.location = point_of(p, "location");
    w.created_at = event.at;
    w.created_by = event.actor;
    warnings_by_place_.add(id, w.location);
    warnings_[id] = std::move(w);
  } else if (event.type == "AlertRaised") {
    Alert a;
    a.id = id;
    a.kind = parse_alert_kind(text_of(p, "kind")).value_or(AlertKind::kImmediateUnassigned);
    a.incident_id = text_of(p, "incident_id");
    a.resource_id = text_of(p, "resource_id");
    a.message = text_of(p, "message");
    a.raised_at = event.at;
    if (incidents_.contains(a.incident_id) && incidents_.at(a.incident_id).open)
      raised_[a.incident_id].insert(text_of(p, "about"));
    alerts_.push_back(std::move(a));
    if (alerts_.size() > kRecentAlerts) alerts_.pop_front();
  } else if (event.type == "AlertAcknowledged") {
    const auto it =
        std::find_if(alerts_.begin(), alerts_.end(), [&](const Alert& a) { return a.id == id; });
    if (it != alerts_.end()) {
      it->acknowledged_by = text_of(p, "username");
      it->acknowledged_at = event.at;
    }
  } else if (event.type == "ClassificationDefined") {
    Classification c{id, text_of(p, "name"), text_of(p, "group"), string_list_of(p, "capabilities"),
                     false};
    classifications_[id] = std::move(c);
  } else if (event.type == "ClassificationRetired") {
    if (auto it = classifications_.find(id); it != classifications_.end())
      it->second.retired = true;
  } else if (event.type == "ResourceDispatched") {
    auto incident = incidents_.find(id);
    auto unit = resources_.find(text_of(p, "resource_id"));
    if (incident == incidents_.end() || unit == resources_.end()) return;
    incident->second.resources.push_back(unit->first);
    if (!incident->second.dispatched_at) incident->second.dispatched_at = event.at;
    unit->second.status = ResourceStatus::kDispatched;
    unit->second.status_at = event.at;
    unit->second.incident_id = id;
    unit->second.expected_at.reset();
    if (const auto* eta = p.if_contains("eta_seconds"); eta && eta->is_number()) {
      unit->second.expected_at =
          event.at + std::chrono::milliseconds(std::llround(eta->to_number<double>() * 1000));
    }
  }
}

std::string CadService::next_reference(Timestamp at) const {
  const std::string day = day_key(at);
  const auto it = incidents_per_day_.find(day);
  const int number = (it == incidents_per_day_.end() ? 0 : it->second) + 1;
  return "CAD " + std::to_string(number) + "/" + day.substr(0, 5);
}

Board CadService::board(size_t alert_limit) const {
  Board b;
  {
    std::lock_guard lock(mutex_);
    b.incidents.reserve(open_ids_.size());
    for (const auto& id : open_ids_) b.incidents.push_back(incidents_.at(id));
    b.resources.reserve(resources_.size());
    for (const auto& [id, r] : resources_) b.resources.push_back(r);
    // Under the same lock as the sequence: an alert raised meanwhile comes by the stream only.
    const auto newest = alerts_.rbegin();
    b.alerts.assign(newest,
                    newest + static_cast<std::ptrdiff_t>(std::min(alert_limit, alerts_.size())));
    b.sequence = applied_sequence_;
  }
  return b;
}

std::vector<IncidentResponse> CadService::responses_since(Timestamp from) const {
  std::lock_guard lock(mutex_);
  std::vector<IncidentResponse> out;
  auto add = [&](const Incident& i) {
    out.push_back({i.id, i.area, i.grade, i.location, i.opened_at, i.dispatched_at, i.attended_at,
                   i.open, !i.merged_into.empty()});
  };
  for (const auto& id : open_ids_) {
    const Incident& i = incidents_.at(id);
    if (i.opened_at < from) add(i);
  }
  for (auto it = opened_order_.lower_bound(from); it != opened_order_.end(); ++it)
    add(incidents_.at(it->second));
  return out;
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
  out.reserve(open_ids_.size());
  for (const auto& id : open_ids_) out.push_back(incidents_.at(id));
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
