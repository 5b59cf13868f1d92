#include "cad/api/cad_api.h"

#include <boost/json.hpp>

namespace peel::cad {

namespace json = boost::json;

namespace {

constexpr size_t kMaxPositionsPerBatch = 10'000;

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

json::object resource_json(const Resource& r) {
  json::object o{
      {"id", r.id},
      {"call_sign", r.call_sign},
      {"type", r.type},
      {"capabilities", strings(r.capabilities)},
      {"home_area", r.home_area},
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
          {"location", json::object{{"lat", i.location.lat}, {"lon", i.location.lon}}},
          {"address", i.address},
          {"opened_at", format_rfc3339(i.opened_at)},
          {"open", i.open},
          {"resources", strings(i.resources)}};
}

json::object incident_json(const Incident& i) {
  json::object o = incident_summary(i);
  o["thrive"] = json::object{{"threat", i.thrive.threat},
                             {"harm", i.thrive.harm},
                             {"risk", i.thrive.risk},
                             {"investigation", i.thrive.investigation},
                             {"vulnerability", i.thrive.vulnerability},
                             {"engagement", i.thrive.engagement}};
  o["caller"] = json::object{{"name", i.caller.name}, {"phone", i.caller.phone}};
  o["narrative"] = i.narrative;
  o["opened_by"] = i.opened_by;
  return o;
}

Status record(auth::AuthService& auth, const http::Context& c, auth::AccessAction action,
              const Incident& incident, const char* what) {
  const std::string purpose = c.purpose().empty() ? "command and control" : c.purpose();
  return auth.record_access(c.actor(), action, "incident", incident.id, purpose,
                            std::string(what) + " " + incident.reference);
}

http::Handler create_resource(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewResource request;
    request.call_sign = fields->string("call_sign", 1, 20);
    request.type = fields->string("type", 1, 60);
    request.capabilities = fields->string_list("capabilities", 32, 40);
    request.home_area = fields->optional_string("home_area", 100).value_or("");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto resource = cad.register_resource(request, c.actor());
    if (!resource) return std::move(resource).error();
    return http::json_response(201, resource_json(*resource));
  };
}

http::Handler change_status(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string status = fields->string("status", 1, 20);
    const std::string reason = fields->optional_string("reason", 500).value_or("");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto resource = cad.change_status(c.path_params.at("id"), status, reason, c.actor());
    if (!resource) return std::move(resource).error();
    return http::json_response(200, resource_json(*resource));
  };
}

http::Handler report_positions(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    std::vector<PositionReport> reports;
    auto items = fields->object_list("positions", kMaxPositionsPerBatch);
    reports.reserve(items.size());
    for (auto& item : items) {
      PositionReport report;
      report.resource_id = item.string("resource_id", 1, 64);
      report.at = {item.number("lat", -90, 90), item.number("lon", -180, 180)};
      const std::string time = item.string("at", 1, 40);
      if (auto parsed = parse_rfc3339(time)) report.time = *parsed;
      fields->absorb(item);
      if (!parse_rfc3339(time)) {
        return Error::invalid("positions[" + std::to_string(reports.size()) + "].at",
                              "must be an RFC 3339 time");
      }
      reports.push_back(std::move(report));
    }
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto taken = cad.report_positions(reports);
    if (!taken) return std::move(taken).error();
    return http::json_response(200, json::object{{"accepted", *taken}});
  };
}

http::Handler open_incident(CadService& cad, auth::AuthService& auth) {
  return [&cad, &auth](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewIncident request;
    request.classification = fields->string("classification", 1, 60);
    request.grade = fields->string("grade", 1, 1);
    request.channel = fields->optional_string("channel", 10).value_or("999");
    if (auto location = fields->optional_object("location")) {
      request.location =
          geo::LatLon{location->number("lat", -90, 90), location->number("lon", -180, 180)};
      fields->absorb(*location);
    }
    request.address = fields->optional_string("address", 200).value_or("");
    if (auto thrive = fields->optional_object("thrive")) {
      auto& t = request.thrive;
      t.threat = thrive->optional_string("threat", 2000).value_or("");
      t.harm = thrive->optional_string("harm", 2000).value_or("");
      t.risk = thrive->optional_string("risk", 2000).value_or("");
      t.investigation = thrive->optional_string("investigation", 2000).value_or("");
      t.vulnerability = thrive->optional_string("vulnerability", 2000).value_or("");
      t.engagement = thrive->optional_string("engagement", 2000).value_or("");
      fields->absorb(*thrive);
    }
    if (auto caller = fields->optional_object("caller")) {
      request.caller.name = caller->optional_string("name", 200).value_or("");
      request.caller.phone = caller->optional_string("phone", 40).value_or("");
      fields->absorb(*caller);
    }
    request.narrative = fields->optional_string("narrative", 10'000).value_or("");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto incident = cad.open_incident(request, c.actor());
    if (!incident) return std::move(incident).error();
    if (Status s = record(auth, c, auth::AccessAction::kCollection, *incident, "opened"); !s) {
      return std::move(s).error();
    }
    return http::json_response(201, incident_json(*incident));
  };
}

http::Handler list_incidents(CadService& cad) {
  return [&cad](http::Context&) -> Result<http::Response> {
    json::array items;
    for (const auto& i : cad.open_incidents()) items.push_back(incident_summary(i));
    return http::json_response(200,
                               json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
  };
}

http::Handler get_incident(CadService& cad, auth::AuthService& auth) {
  return [&cad, &auth](http::Context& c) -> Result<http::Response> {
    const auto incident = cad.find_incident(c.path_params.at("id"));
    if (!incident) return Error::not_found("no incident " + c.path_params.at("id"));
    if (Status s = record(auth, c, auth::AccessAction::kConsultation, *incident, "viewed"); !s)
      return std::move(s).error();
    return http::json_response(200, incident_json(*incident));
  };
}

http::Handler recommendations(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto limit = http::limit_param(c, 10, 100);
    if (!limit) return std::move(limit).error();
    auto ranked = cad.recommend(c.path_params.at("id"), static_cast<size_t>(*limit));
    if (!ranked) return std::move(ranked).error();
    json::array items;
    for (const auto& r : *ranked) {
      items.push_back(json::object{{"resource_id", r.resource_id},
                                   {"call_sign", r.call_sign},
                                   {"eta_seconds", r.eta_seconds},
                                   {"meters", r.meters},
                                   {"reasons", strings(r.reasons)}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler dispatch(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string resource_id = fields->string("resource_id", 1, 64);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto incident = cad.dispatch(c.path_params.at("id"), resource_id, c.actor());
    if (!incident) return std::move(incident).error();
    return http::json_response(200, incident_summary(*incident));
  };
}

http::Handler incident_log(CadService& cad, auth::AuthService& auth) {
  return [&cad, &auth](http::Context& c) -> Result<http::Response> {
    const auto incident = cad.find_incident(c.path_params.at("id"));
    if (!incident) return Error::not_found("no incident " + c.path_params.at("id"));
    auto events = cad.incident_log(incident->id);
    if (!events) return std::move(events).error();
    if (Status s = record(auth, c, auth::AccessAction::kConsultation, *incident, "read the log of");
        !s)
      return std::move(s).error();
    json::array items;
    for (const auto& e : *events) {
      std::error_code ec;
      items.push_back(json::object{{"sequence", e.sequence},
                                   {"at", format_rfc3339(e.at)},
                                   {"stream", e.stream},
                                   {"type", e.type},
                                   {"actor", e.actor},
                                   {"reason", e.reason},
                                   {"payload", json::parse(e.payload, ec)},
                                   {"hash", e.hash}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

}  // namespace

void add_cad_routes(http::Router& router, CadService& cad, auth::AuthService& auth) {
  namespace perm = auth::permission;
  router.add({"GET", "/api/v1/cad/classifications", perm::kCadRead,
              [](http::Context&) -> Result<http::Response> {
                json::array items;
                for (const auto& c : classifications()) {
                  items.push_back(json::object{{"code", c.code},
                                               {"name", c.name},
                                               {"capabilities", strings(c.capabilities)}});
                }
                return http::json_response(200, json::object{{"items", std::move(items)}});
              },
              true, false, "Opening classifications and the capabilities each needs"});
  router.add({"POST", "/api/v1/resources", perm::kCadResourcesManage, create_resource(cad), false,
              false, "Register a resource (call_sign, type, capabilities[], home_area)"});
  router.add({"GET", "/api/v1/resources", perm::kCadRead,
              [&cad](http::Context&) -> Result<http::Response> {
                json::array items;
                for (const auto& r : cad.resources()) items.push_back(resource_json(r));
                return http::json_response(
                    200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
              },
              true, false, "Live resources: status, job and last position"});
  router.add({"GET", "/api/v1/resources/{id}", perm::kCadRead,
              [&cad](http::Context& c) -> Result<http::Response> {
                const auto r = cad.find_resource(c.path_params.at("id"));
                if (!r) return Error::not_found("no resource " + c.path_params.at("id"));
                return http::json_response(200, resource_json(*r));
              },
              true, false, "One resource"});
  router.add({"POST", "/api/v1/resources/{id}/status", perm::kCadStatus, change_status(cad), false,
              false,
              "A unit's status: available, off_duty, en_route, at_scene, transporting, clear"});
  router.add({"POST", "/api/v1/positions", perm::kCadPositionsReport, report_positions(cad), true,
              false, "AVL: a batch of {resource_id, lat, lon, at}"});
  router.add({"POST", "/api/v1/incidents", perm::kCadIncidentsCreate, open_incident(cad, auth),
              false, false, "Open an incident from a call; answers its id and reference"});
  router.add({"GET", "/api/v1/incidents", perm::kCadRead, list_incidents(cad), true, false,
              "Open incidents (without callers' details)"});
  router.add({"GET", "/api/v1/incidents/{id}", perm::kCadRead, get_incident(cad, auth), false,
              false,
              "One incident with THRIVE, caller and narrative (recorded in the access log)"});
  router.add({"GET", "/api/v1/incidents/{id}/recommendations", perm::kCadRead, recommendations(cad),
              true, false,
              "Available units that carry what the incident needs, fastest by road first"});
  router.add({"POST", "/api/v1/incidents/{id}/dispatch", perm::kCadDispatch, dispatch(cad), false,
              false, "Send a unit (resource_id) to the incident"});
  router.add({"GET", "/api/v1/incidents/{id}/log", perm::kCadRead, incident_log(cad, auth), false,
              false, "The incident's complete, ordered, hash-chained history"});
}

}  // namespace peel::cad
