#include "cad/api/cad_api.h"

#include <boost/json.hpp>
#include <cmath>
#include <functional>

#include "cad/api/cad_json.h"
#include "cad/api/positions_api.h"
#include "cad/payload.h"

namespace peel::cad {

namespace json = boost::json;

namespace {

// {"location": {"lat", "lon"}} or {"address": "..."}: read the same way wherever a place is given.
void read_place(http::JsonFields& fields, std::optional<geo::LatLon>& location,
                std::string& address) {
  if (auto at = fields.optional_object("location")) {
    location = geo::LatLon{at->number("lat", -90, 90), at->number("lon", -180, 180)};
    fields.absorb(*at);
  }
  address = fields.optional_string("address", 200).value_or("");
}

Caller read_caller(http::JsonFields& fields) {
  Caller caller;
  if (auto c = fields.optional_object("caller")) {
    caller.name = c->optional_string("name", 200).value_or("");
    caller.phone = c->optional_string("phone", 40).value_or("");
    fields.absorb(*c);
  }
  return caller;
}

Result<geo::LatLon> at_param(const http::Context& c) {
  const auto it = c.query.find("at");
  if (it == c.query.end()) return Error::invalid("at", "is required, as LAT,LON");
  return geo::parse_lat_lon("at", it->second);
}

http::Handler create_resource(CadService& cad, const CrewRegister& crews) {
  return [&cad, crews](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewResource request;
    request.call_sign = fields->string("call_sign", 1, 20);
    request.type = fields->string("type", 1, 60);
    request.capabilities = fields->string_list("capabilities", 32, 40);
    request.home_area = fields->optional_string("home_area", 100).value_or("");
    const auto typed = fields->string_list("crew", 12, 80);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto crew = registered_crew(crews, typed);
    if (!crew) return std::move(crew).error();
    request.crew = std::move(*crew);
    auto resource = cad.register_resource(request, c.actor());
    if (!resource) return std::move(resource).error();
    return http::json_response(201, resource_json(*resource));
  };
}

// The unit, when the principal may act for it (404 for none, 403 naming why).
Result<Resource> unit_for(CadService& cad, const CrewRegister& crews, const http::Context& c,
                          UnitAction action) {
  auto unit = cad.find_resource(c.path_params.at("id"));
  if (!unit) return Error::not_found("no resource " + c.path_params.at("id"));
  if (Status s = may_act_for(crews, *c.principal, {&*unit}, action); !s) return s.error();
  return std::move(*unit);
}

http::Handler change_crew(CadService& cad, const CrewRegister& crews) {
  return [&cad, crews](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const auto typed = fields->string_list("crew", 12, 80);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto unit = unit_for(cad, crews, c, UnitAction::kCrew);
    if (!unit) return std::move(unit).error();
    auto crew = registered_crew(crews, typed);
    if (!crew) return std::move(crew).error();
    auto resource = cad.change_crew(unit->id, *crew, c.actor());
    if (!resource) return std::move(resource).error();
    return http::json_response(200, resource_json(*resource));
  };
}

http::Handler change_status(CadService& cad, const CrewRegister& crews) {
  return [&cad, crews](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string status = fields->string("status", 1, 20);
    const std::string reason = fields->optional_string("reason", 500).value_or("");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto unit = unit_for(cad, crews, c, UnitAction::kStatus);
    if (!unit) return std::move(unit).error();
    auto resource = cad.change_status(unit->id, status, reason, c.actor());
    if (!resource) return std::move(resource).error();
    return http::json_response(200, resource_json(*resource));
  };
}

http::Handler open_incident(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewIncident request;
    request.classification = fields->string("classification", 1, 60);
    request.grade = fields->string("grade", 1, 1);
    request.channel = fields->optional_string("channel", 10).value_or("999");
    read_place(*fields, request.location, request.address);
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
    request.caller = read_caller(*fields);
    request.narrative = fields->optional_string("narrative", 10'000).value_or("");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto incident = cad.open_incident(request, c.actor());
    if (!incident) return std::move(incident).error();
    // What the call handler must see now: calls that may be about the same thing, warnings
    // and what happened here before.
    json::object body = incident_json(*incident);
    body["possible_duplicates"] = duplicates_json(
        cad.possible_duplicates(incident->location, incident->classification, incident->id));
    const auto briefing = cad.briefing(incident->location, incident->id);
    body["briefing"] = briefing_json(briefing);
    return http::json_response(201, body);
  };
}

http::Handler link_call(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    LinkedCall call;
    call.caller = read_caller(*fields);
    call.narrative = fields->optional_string("narrative", 10'000).value_or("");
    const auto channel = parse_channel(fields->optional_string("channel", 10).value_or("999"));
    if (Status s = fields->finish(); !s) return std::move(s).error();
    if (!channel) return Error::invalid("channel", "must be 999, 101, online or officer");
    call.channel = *channel;
    auto incident = cad.link_call(c.path_params.at("id"), call, c.actor());
    if (!incident) return std::move(incident).error();
    return http::json_response(200, incident_summary(*incident));
  };
}

http::Handler add_update(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string text = fields->string("text", 1, 4000);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto incident = cad.add_update(c.path_params.at("id"), text, c.actor());
    if (!incident) return std::move(incident).error();
    return http::json_response(200, incident_summary(*incident));
  };
}

using IncidentCommand =
    std::function<Result<Incident>(const std::string& id, const std::string& value,
                                   const std::string& reason, const auth::Actor& by)>;

// POST /incidents/{id}/grade, /close and /merge: one field besides the reason.
http::Handler supervise(const char* field, bool reason_required, IncidentCommand command) {
  return [field, reason_required,
          command = std::move(command)](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string value = fields->string(field, 1, 64);
    const std::string reason = reason_required
                                   ? fields->string("reason", 1, 2000)
                                   : fields->optional_string("reason", 2000).value_or("");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto incident = command(c.path_params.at("id"), value, reason, c.actor());
    if (!incident) return std::move(incident).error();
    return http::json_response(200, incident_summary(*incident));
  };
}

http::Handler add_warning(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewWarning request;
    request.kind = fields->string("kind", 1, 20);
    request.subject = fields->optional_string("subject", 200).value_or("");
    request.note = fields->string("note", 1, 2000);
    read_place(*fields, request.location, request.address);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto warning = cad.add_warning(request, c.actor());
    if (!warning) return std::move(warning).error();
    return http::json_response(201, warning_json(*warning));
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

http::Handler get_incident(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    const auto incident = cad.find_incident(c.path_params.at("id"));
    if (!incident) return Error::not_found("no incident " + c.path_params.at("id"));
    // What the dispatcher sending a unit must know, as the call handler saw it: the place's
    // warnings (CAD's and the records' markers) and what happened there before.
    json::object body = incident_json(*incident);
    body["briefing"] = briefing_json(cad.briefing(incident->location, incident->id));
    return http::json_response(200, body);
  };
}

http::Handler recommendations(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto limit = http::limit_param(c, 10, 100);
    if (!limit) return std::move(limit).error();
    bool diversions = false;
    if (const auto it = c.query.find("diversions"); it != c.query.end()) {
      if (it->second != "true" && it->second != "false")
        return Error::invalid("diversions", "must be true or false");
      diversions = it->second == "true";
    }
    auto ranked = cad.recommend(c.path_params.at("id"), static_cast<size_t>(*limit), diversions);
    if (!ranked) return std::move(ranked).error();
    json::array items;
    for (const auto& r : *ranked) {
      json::value from;  // null: the unit is available
      if (!r.diverted_from_id.empty()) {
        from = json::object{{"incident_id", r.diverted_from_id},
                            {"reference", r.diverted_from_reference}};
      }
      items.push_back(json::object{{"resource_id", r.resource_id},
                                   {"call_sign", r.call_sign},
                                   {"eta_seconds", r.eta_seconds},
                                   {"meters", r.meters},
                                   {"diverted_from", std::move(from)},
                                   {"reasons", string_array(r.reasons)}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler dispatch(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string resource_id = fields->string("resource_id", 1, 64);
    const bool divert = fields->boolean("divert", false);
    const std::string reason = fields->optional_string("reason", 500).value_or("");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto incident = cad.dispatch(c.path_params.at("id"), resource_id, c.actor(), divert, reason);
    if (!incident) return std::move(incident).error();
    return http::json_response(200, incident_summary(*incident));
  };
}

http::Handler incident_log(CadService& cad) {
  return [&cad](http::Context& c) -> Result<http::Response> {
    const auto incident = cad.find_incident(c.path_params.at("id"));
    if (!incident) return Error::not_found("no incident " + c.path_params.at("id"));
    auto events = cad.incident_log(incident->id);
    if (!events) return std::move(events).error();
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
    return http::json_response(
        200, json::object{{"incident_id", incident->id}, {"items", std::move(items)}});
  };
}

}  // namespace

void add_cad_routes(http::Router& router, http::StreamHub& stream, CadParts parts) {
  namespace perm = auth::permission;
  CadService& cad = parts.live;
  add_position_feeds(router, stream, cad, parts.tracks, parts.positions, parts.crews);
  add_track_route(router, cad, parts.tracks);
  router.add({"GET", "/api/v1/cad/classifications", perm::kCadRead,
              [&cad](http::Context& c) -> Result<http::Response> {
                const bool with_retired = c.query.contains("retired");
                json::array items;
                for (const auto& k : cad.classifications()) {
                  if (!k.retired || with_retired) items.push_back(classification_json(k));
                }
                return http::json_response(200, json::object{{"items", std::move(items)}});
              },
              true, false,
              "Opening classifications, their group and the capabilities each needs (?retired "
              "includes retired ones)",
              http::PersonalData::none()});
  router.add({"PUT", "/api/v1/cad/classifications/{code}", perm::kCadConfigure,
              [&cad](http::Context& c) -> Result<http::Response> {
                auto fields = http::JsonFields::parse(c.request.body);
                if (!fields) return std::move(fields).error();
                Classification wanted;
                wanted.code = c.path_params.at("code");
                wanted.name = fields->string("name", 1, 80);
                wanted.group = fields->string("group", 1, 20);
                wanted.capabilities = fields->string_list("capabilities", 20, 40);
                const std::string reason = fields->optional_string("reason", 500).value_or("");
                if (Status s = fields->finish(); !s) return std::move(s).error();
                auto defined = cad.define_classification(wanted, reason, c.actor());
                if (!defined) return std::move(defined).error();
                return http::json_response(200, classification_json(*defined));
              },
              false, false,
              "Add or change an opening classification (name, group, capabilities, reason)",
              http::PersonalData::none()});
  router.add({"POST", "/api/v1/cad/classifications/{code}/retire", perm::kCadConfigure,
              [&cad](http::Context& c) -> Result<http::Response> {
                auto fields = http::JsonFields::parse(c.request.body);
                if (!fields) return std::move(fields).error();
                const std::string reason = fields->string("reason", 1, 500);
                if (Status s = fields->finish(); !s) return std::move(s).error();
                auto retired =
                    cad.retire_classification(c.path_params.at("code"), reason, c.actor());
                if (!retired) return std::move(retired).error();
                return http::json_response(200, classification_json(*retired));
              },
              false, false, "No new incidents of this classification (reason required)",
              http::PersonalData::none()});
  router.add(
      {"GET", "/api/v1/cad/closing-codes", perm::kCadRead,
       [](http::Context&) -> Result<http::Response> {
         return http::json_response(200, json::object{{"items", string_array(closing_codes())}});
       },
       true, false, "How an incident may be closed", http::PersonalData::none()});
  router.add({"GET", "/api/v1/cad/possible-duplicates", perm::kCadRead,
              [&cad](http::Context& c) -> Result<http::Response> {
                auto at = at_param(c);
                if (!at) return std::move(at).error();
                const auto code = c.query.find("classification");
                if (code == c.query.end() || !cad.find_classification(code->second))
                  return Error::invalid("classification", "is required: a code from the list");
                const auto found = cad.possible_duplicates(*at, code->second);
                return http::json_response(200, json::object{{"items", duplicates_json(found)}});
              },
              true, false, "Open incidents a new call at ?at=LAT,LON&classification= may be about",
              http::PersonalData::none()});
  router.add({"GET", "/api/v1/cad/briefing", perm::kCadRead,
              [&cad](http::Context& c) -> Result<http::Response> {
                auto at = at_param(c);
                if (!at) return std::move(at).error();
                const auto briefing = cad.briefing(*at);
                return http::json_response(200, briefing_json(briefing));
              },
              false, false, "Warning markers and earlier incidents at ?at=LAT,LON",
              http::PersonalData::usual("command and control", {{"warning", "/warnings/*/id"}})});
  router.add({"GET", "/api/v1/alerts", perm::kCadRead,
              [&cad](http::Context& c) -> Result<http::Response> {
                auto limit = http::limit_param(c, 100, 500);
                if (!limit) return std::move(limit).error();
                json::array items;
                for (const auto& a : cad.recent_alerts(static_cast<size_t>(*limit)))
                  items.push_back(alert_json(a));
                return http::json_response(200, json::object{{"items", std::move(items)}});
              },
              true, false, "Recent alerts, newest first (live on the alerts topic)",
              http::PersonalData::none()});
  router.add({"POST", "/api/v1/alerts/{id}/acknowledge", perm::kCadDispatch,
              [&cad](http::Context& c) -> Result<http::Response> {
                auto fields =
                    http::JsonFields::parse(c.request.body.empty() ? "{}" : c.request.body);
                if (!fields) return std::move(fields).error();
                if (Status s = fields->finish(); !s) return std::move(s).error();
                auto alert = cad.acknowledge_alert(c.path_params.at("id"), c.actor());
                if (!alert) return std::move(alert).error();
                return http::json_response(200, alert_json(*alert));
              },
              false, false, "Acknowledge an alert: seen and taken on (once; 409 after)",
              http::PersonalData::none()});
  router.add({"GET", "/api/v1/cad/board", perm::kCadRead,
              [&cad](http::Context& c) -> Result<http::Response> {
                auto limit = http::limit_param(c, 100, 500);
                if (!limit) return std::move(limit).error();
                const Board board = cad.board(static_cast<size_t>(*limit));
                json::array incidents, resources, alerts;
                for (const auto& i : board.incidents) incidents.push_back(incident_summary(i));
                for (const auto& r : board.resources) resources.push_back(resource_json(r));
                for (const auto& a : board.alerts) alerts.push_back(alert_json(a));
                const json::object targets{{"I", cad.options().immediate_target.count()},
                                           {"S", cad.options().significant_target.count()}};
                return http::json_response(200, json::object{{"incidents", std::move(incidents)},
                                                             {"resources", std::move(resources)},
                                                             {"alerts", std::move(alerts)},
                                                             {"targets_minutes", targets},
                                                             {"sequence", board.sequence}});
              },
              true, false,
              "What a control room screen starts from: open incidents (without callers' "
              "details), units, the last ?limit= alerts, and the log sequence they are as of "
              "(subscribe to the stream after it)",
              http::PersonalData::none()});
  router.add({"POST", "/api/v1/warnings", perm::kCadWarningsManage, add_warning(cad), false, false,
              "A warning marker (weapons, dogs, violence, vulnerability) on a place",
              http::PersonalData::usual("officer safety",
                                        {{"warning", "/id", auth::AccessAction::kCollection}})});
  router.add({"POST", "/api/v1/resources", perm::kCadResourcesManage,
              create_resource(cad, parts.crews), false, false,
              "Register a resource (call_sign, type, capabilities[], home_area)",
              http::PersonalData::none()});
  router.add({"GET", "/api/v1/resources", perm::kCadRead,
              [&cad](http::Context&) -> Result<http::Response> {
                json::array items;
                for (const auto& r : cad.resources()) items.push_back(resource_json(r));
                return http::json_response(
                    200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
              },
              true, false, "Live resources: status, job and last position",
              http::PersonalData::none()});
  router.add({"GET", "/api/v1/resources/{id}", perm::kCadRead,
              [&cad](http::Context& c) -> Result<http::Response> {
                const auto r = cad.find_resource(c.path_params.at("id"));
                if (!r) return Error::not_found("no resource " + c.path_params.at("id"));
                return http::json_response(200, resource_json(*r));
              },
              true, false, "One resource", http::PersonalData::none()});
  router.add({"PUT", "/api/v1/resources/{id}/crew", perm::kCadStatus, change_crew(cad, parts.crews),
              false, false,
              "Who is on the unit: {crew: [warrant or staff numbers]}, each on Duty's register;"
              " by its crew or a dispatcher (403 otherwise)",
              http::PersonalData::none()});
  router.add({"POST", "/api/v1/resources/{id}/status", perm::kCadStatus,
              change_status(cad, parts.crews), false, false,
              "A unit's status: available, off_duty, en_route, at_scene, transporting, clear;"
              " by its crew or a dispatcher (403 otherwise)",
              http::PersonalData::none()});
  router.add({"POST", "/api/v1/incidents", perm::kCadIncidentsCreate, open_incident(cad), false,
              false, "Open an incident from a call; answers its id and reference",
              http::PersonalData::usual("command and control",
                                        {{"incident", "/id", auth::AccessAction::kCollection},
                                         {"warning", "/briefing/warnings/*/id"}})});
  router.add({"GET", "/api/v1/incidents", perm::kCadRead, list_incidents(cad), true, false,
              "Open incidents (without callers' details)", http::PersonalData::none()});
  router.add(
      {"GET", "/api/v1/incidents/{id}", perm::kCadRead, get_incident(cad), false, false,
       "One incident with THRIVE, caller, narrative, every linked call, and the place's"
       " warnings and history (briefing); recorded in the access log",
       http::PersonalData::usual("command and control",
                                 {{"incident", "/id"}, {"warning", "/briefing/warnings/*/id"}})});
  router.add({"GET", "/api/v1/incidents/{id}/recommendations", perm::kCadRead, recommendations(cad),
              true, false,
              "Available units that carry what the incident needs, fastest by road first "
              "(?diversions=true adds units on lower-graded work)",
              http::PersonalData::none()});
  router.add({"POST", "/api/v1/incidents/{id}/dispatch", perm::kCadDispatch, dispatch(cad), false,
              false,
              "Send a unit (resource_id); divert: true and a reason take it off lower-graded work",
              http::PersonalData::none()});
  router.add({"POST", "/api/v1/incidents/{id}/calls", perm::kCadIncidentsCreate, link_call(cad),
              false, false, "Link a further call (caller, narrative, channel) to an open incident",
              http::PersonalData::usual("command and control",
                                        {{"incident", "/id", auth::AccessAction::kCollection}})});
  router.add({"POST", "/api/v1/incidents/{id}/updates", perm::kCadDispatch, add_update(cad), false,
              false, "Add an update to an open incident's log (text)", http::PersonalData::none()});
  router.add({"POST", "/api/v1/incidents/{id}/grade", perm::kCadSupervise,
              supervise("grade", true,
                        [&cad](const auto& id, const auto& grade, const auto& reason,
                               const auto& by) { return cad.regrade(id, grade, reason, by); }),
              false, false, "Re-grade (grade, reason)", http::PersonalData::none()});
  router.add({"POST", "/api/v1/incidents/{id}/close", perm::kCadSupervise,
              supervise("closing_code", false,
                        [&cad](const auto& id, const auto& code, const auto& reason,
                               const auto& by) { return cad.close(id, code, reason, by); }),
              false, false, "Close with a closing code (closing_code, reason)",
              http::PersonalData::none()});
  router.add({"POST", "/api/v1/incidents/{id}/merge", perm::kCadSupervise,
              supervise("into", true,
                        [&cad](const auto& id, const auto& into, const auto& reason,
                               const auto& by) { return cad.merge(id, into, reason, by); }),
              false, false, "Close as a duplicate of another open incident (into, reason)",
              http::PersonalData::none()});
  router.add({"GET", "/api/v1/incidents/{id}/log", perm::kCadRead, incident_log(cad), false, false,
              "The incident's complete, ordered, hash-chained history",
              http::PersonalData::usual("command and control", {{"incident", "/incident_id"}})});
}

}  // namespace peel::cad
