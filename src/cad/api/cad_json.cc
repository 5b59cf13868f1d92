#include "cad/api/cad_json.h"

#include "cad/payload.h"

namespace peel::cad {

namespace json = boost::json;

json::object resource_json(const Resource& r) {
  json::object o{
      {"id", r.id},
      {"call_sign", r.call_sign},
      {"type", r.type},
      {"capabilities", string_array(r.capabilities)},
      {"home_area", r.home_area},
      {"crew", string_array(r.crew)},
      {"status", status_name(r.status)},
      {"status_at", format_rfc3339(r.status_at)},
      {"incident_id", r.incident_id.empty() ? json::value() : json::value(r.incident_id)}};
  if (r.fix) {
    o["position"] = json::object{
        {"lat", r.fix->at.lat}, {"lon", r.fix->at.lon}, {"at", format_rfc3339(r.fix->time)}};
  } else {
    o["position"] = nullptr;
  }
  return o;
}

// Without the caller's details: lists and live feeds carry no personal data.
json::object incident_summary(const Incident& i) {
  return {{"id", i.id},
          {"reference", i.reference},
          {"classification", i.classification},
          {"grade", grade_code(i.grade)},
          {"channel", channel_name(i.channel)},
          {"location", point_json(i.location)},
          {"address", i.address},
          {"area", i.area},
          {"opened_at", format_rfc3339(i.opened_at)},
          {"dispatched_at", optional_time_json(i.dispatched_at)},
          {"attended_at", optional_time_json(i.attended_at)},
          {"open", i.open},
          {"closing_code", i.closing_code.empty() ? json::value() : json::value(i.closing_code)},
          {"merged_into", i.merged_into.empty() ? json::value() : json::value(i.merged_into)},
          {"resources", string_array(i.resources)},
          {"linked_calls", i.calls.size()}};
}

json::object alert_json(const Alert& a) {
  return {{"id", a.id},
          {"kind", alert_kind_name(a.kind)},
          {"incident_id", a.incident_id},
          {"resource_id", a.resource_id.empty() ? json::value() : json::value(a.resource_id)},
          {"message", a.message},
          {"raised_at", format_rfc3339(a.raised_at)},
          {"acknowledged_by",
           a.acknowledged_by.empty() ? json::value() : json::value(a.acknowledged_by)},
          {"acknowledged_at", optional_time_json(a.acknowledged_at)}};
}

json::object classification_json(const Classification& c) {
  return {{"code", c.code},
          {"name", c.name},
          {"group", c.group},
          {"capabilities", string_array(c.capabilities)},
          {"retired", c.retired}};
}

json::object warning_json(const WarningMarker& w) {
  return {{"id", w.id},
          {"kind", warning_kind_name(w.kind)},
          {"subject", w.subject},
          {"note", w.note},
          {"location", point_json(w.location)},
          {"created_at", format_rfc3339(w.created_at)}};
}

json::array duplicates_json(const std::vector<PossibleDuplicate>& found) {
  json::array out;
  for (const auto& d : found) {
    out.push_back(json::object{{"incident_id", d.incident_id},
                               {"reference", d.reference},
                               {"classification", d.classification},
                               {"meters", d.meters},
                               {"minutes_ago", std::round(d.minutes_ago * 10) / 10}});
  }
  return out;
}

json::object briefing_json(const LocationBriefing& b) {
  json::array warnings, history;
  for (const auto& w : b.warnings) warnings.push_back(warning_json(w));
  for (const auto& i : b.history) history.push_back(incident_summary(i));
  return {{"warnings", std::move(warnings)}, {"history", std::move(history)}};
}

json::object incident_json(const Incident& i) {
  json::object o = incident_summary(i);
  o["thrive"] = thrive_json(i.thrive);
  o["caller"] = caller_json(i.caller);
  o["narrative"] = i.narrative;
  o["opened_by"] = i.opened_by;
  json::array calls;
  for (const auto& call : i.calls) {
    calls.push_back(json::object{{"caller", caller_json(call.caller)},
                                 {"narrative", call.narrative},
                                 {"channel", channel_name(call.channel)},
                                 {"at", format_rfc3339(call.at)}});
  }
  o["calls"] = std::move(calls);
  return o;
}

}  // namespace peel::cad
