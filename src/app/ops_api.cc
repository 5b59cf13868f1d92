#include "app/ops_api.h"

#include <peel_version.h>

#include <boost/json.hpp>

#include "auth/auth.h"
#include "events/event_log.h"

namespace peel::app {

namespace json = boost::json;

void add_ops_routes(http::Router& router, OpsDependencies deps) {
  router.add({.method = "GET",
              .pattern = "/healthz",
              .permission = http::kPublic,
              .handler = [](http::Context&) -> Result<http::Response> {
                return http::json_response(200, json::object{{"status", "alive"}});
              },
              .runs_inline = true,
              .summary = "The process is alive",
              .personal_data = http::PersonalData::none()});

  // A standby is ready too (it serves reads and sign-ins); a load balancer that must send
  // writes to the active server asks `/readyz?role=active`, which a standby answers 503.
  auto ready = [&store = deps.store, migrations = deps.migrations,
                active = deps.active](http::Context& c) -> Result<http::Response> {
    auto pending = store::pending_migrations(store, migrations);
    if (!pending)
      return Error::unavailable("the store is not reachable: " + pending.error().message);
    if (*pending > 0)
      return Error::unavailable(std::to_string(*pending) + " migration(s) not applied");
    const bool is_active = active();
    const auto wanted = c.query.find("role");
    if (wanted != c.query.end()) {
      if (wanted->second != "active" && wanted->second != "standby")
        return Error::invalid("role", "is active or standby");
      if ((wanted->second == "active") != is_active)
        return Error::unavailable(std::string("this server is ") +
                                  (is_active ? "active" : "standing by"));
    }
    return http::json_response(
        200, json::object{{"status", "ready"}, {"role", is_active ? "active" : "standby"}});
  };
  router.add(
      {.method = "GET",
       .pattern = "/readyz",
       .permission = http::kPublic,
       .handler = ready,
       .summary = "The store is reachable and every migration is applied; this server's role",
       .personal_data = http::PersonalData::none()});

  router.add({.method = "GET",
              .pattern = "/metrics",
              .permission = auth::permission::kSystemObserve,
              .handler = [&metrics = deps.metrics](http::Context&) -> Result<http::Response> {
                return http::Response{200, "text/plain; version=0.0.4", metrics.render(), {}};
              },
              .runs_inline = true,
              .summary = "Prometheus metrics",
              .personal_data = http::PersonalData::none()});

  router.add({.method = "GET",
              .pattern = "/api/v1/openapi.json",
              .permission = http::kPublic,
              .handler = [&router](http::Context&) -> Result<http::Response> {
                return http::json_response(200, openapi_document(router));
              },
              .runs_inline = true,
              .summary = "This document",
              .personal_data = http::PersonalData::none()});

  router.add({.method = "GET",
              .pattern = "/api/v1/audit/verify",
              .permission = auth::permission::kAuditRead,
              .handler = [&store = deps.store,
                          key = deps.chain_key](http::Context&) -> Result<http::Response> {
                auto report = events::verify(store, key);
                if (!report) return std::move(report).error();
                json::object body{{"checked", report->checked},
                                  {"intact", !report->first_bad.has_value()}};
                if (report->first_bad) {
                  body["first_bad_sequence"] = *report->first_bad;
                  body["problem"] = report->problem;
                }
                return http::json_response(200, body);
              },
              .summary = "Recompute the event log's hash chain",
              .personal_data = http::PersonalData::none()});

  router.add(
      {.method = "GET",
       .pattern = "/api/v1/stream",
       .permission = http::kSignedIn,
       .handler = [](http::Context&) -> Result<http::Response> {
         http::Response r = http::problem_response(
             Error::malformed("this is a WebSocket endpoint: connect with Upgrade: websocket"),
             426);
         r.headers.emplace_back("Upgrade", "websocket");
         return r;
       },
       .runs_inline = true,
       .summary = "Live events over WebSocket (subscribe to topics, resume by sequence)",
       .personal_data = http::PersonalData::none()});
}

namespace {

// What a route's answer discloses and what it logs (http::PersonalData).
json::object personal_data_json(const http::PersonalData& carried) {
  json::array subjects;
  for (const auto& d : carried.subjects) {
    subjects.push_back(json::object{{"subject_type", d.subject_type},
                                    {"at", d.at},
                                    {"action", auth::access_action_name(d.action)}});
  }
  json::object out{{"subjects", std::move(subjects)}};
  if (!carried.subjects.empty()) {
    out["purpose"] = carried.usual_purpose.empty() ? json::value("must be stated (Peel-Purpose)")
                                                   : json::value(carried.usual_purpose);
  }
  return out;
}

}  // namespace

json::object openapi_document(const http::Router& router) {
  json::object paths;
  for (const auto& route : router.routes()) {
    std::string method = route->method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    json::object operation{
        {"summary", route->summary.empty() ? route->method + " " + route->pattern : route->summary},
        {"x-permission", route->permission}};
    if (route->permission == http::kPublic) operation["security"] = json::array{};
    operation["x-peel-personal-data"] = personal_data_json(route->personal_data);
    json::array parameters;
    for (size_t open = route->pattern.find('{'); open != std::string::npos;
         open = route->pattern.find('{', open + 1)) {
      const size_t close = route->pattern.find('}', open);
      parameters.push_back(json::object{{"name", route->pattern.substr(open + 1, close - open - 1)},
                                        {"in", "path"},
                                        {"required", true},
                                        {"schema", json::object{{"type", "string"}}}});
    }
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    const json::object problem_schema{
        {"schema", json::object{{"$ref", "#/components/schemas/Problem"}}}};
    operation["responses"] = json::object{
        {"default",
         json::object{{"description", "An error (RFC 9457 problem details)"},
                      {"content", json::object{{"application/problem+json", problem_schema}}}}}};
    auto& entry = paths[route->pattern];
    if (!entry.is_object()) entry = json::object{};
    entry.as_object()[method] = std::move(operation);
  }
  const json::object string_type{{"type", "string"}};
  const json::object field_error{
      {"type", "object"},
      {"properties", json::object{{"field", string_type}, {"reason", string_type}}}};
  const json::object problem{
      {"type", "object"},
      {"required", json::array{"type", "title", "status"}},
      {"properties",
       json::object{{"type", string_type},
                    {"title", string_type},
                    {"status", json::object{{"type", "integer"}}},
                    {"detail", string_type},
                    {"errors", json::object{{"type", "array"}, {"items", field_error}}}}}};
  const json::object bearer{{"type", "http"}, {"scheme", "bearer"}};
  return json::object{
      {"openapi", "3.0.3"},
      {"info", json::object{{"title", "Peel API"}, {"version", PEEL_VERSION}}},
      {"paths", std::move(paths)},
      {"security", json::array{json::object{{"bearer", json::array{}}}}},
      {"components", json::object{{"securitySchemes", json::object{{"bearer", bearer}}},
                                  {"schemas", json::object{{"Problem", problem}}}}}};
}

}  // namespace peel::app
