// A form becomes a work item only when every field is good: the member of the public is told
// every problem at once and nothing is queued. The item's reference is a digest of the process
// and its checked fields, so the same form sent twice (a double click, a retry after a lost
// answer, even after a restart) is refused naming the item it already is.
#include "robotics/api/robotics_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "robotics/api/dashboard_routes.h"
#include "robotics/api/item_json.h"
#include "robotics/api/review_routes.h"
#include "robotics/form_fields.h"
#include "robotics/trigger_items.h"

namespace peel::robotics {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

http::Handler list_processes(const RoboticsApiDeps& deps) {
  return [deps](http::Context&) -> Result<http::Response> {
    auto processes = deps.robotics.processes.list();
    if (!processes) return std::move(processes).error();
    json::array items;
    for (const auto& p : *processes) {
      const ProcessDefinition& d = p.definition;
      json::array fields;
      for (const auto& f : d.fields) {
        fields.push_back(json::object{{"name", f.name},
                                      {"type", f.type},
                                      {"required", f.required},
                                      {"max_length", f.max_length},
                                      {"past", f.past},
                                      {"options", json::value_from(f.options)}});
      }
      json::object trigger{{"kind", d.trigger.kind}};
      if (!d.trigger.source.empty()) trigger["source"] = d.trigger.source;
      if (!d.trigger.format.empty()) trigger["format"] = d.trigger.format;
      items.push_back(
          json::object{{"id", d.id},
                       {"name", d.name},
                       {"version", d.version},
                       {"trigger", std::move(trigger)},
                       {"queue", d.queue},
                       {"deadline_minutes", d.deadline_minutes},
                       {"minutes_saved", d.minutes_saved},
                       {"fields", std::move(fields)},
                       {"installed_at", format_rfc3339(p.installed_at)},
                       {"retired_at", p.retired_at ? json::value(format_rfc3339(*p.retired_at))
                                                   : json::value(nullptr)}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

// A form from a person or a call from another system (`kind`: form or webhook): the same
// fields, checked the same way. A system may name its own reference for the submission
// (Peel-Reference); otherwise the digest of the fields is it.
http::Handler submit(const RoboticsApiDeps& deps, const std::string& kind) {
  return [deps, kind](http::Context& c) -> Result<http::Response> {
    const std::string& id = c.path_params.at("process_id");
    auto process = deps.robotics.processes.current(id);
    if (!process) return std::move(process).error();
    const ProcessDefinition& d = process->definition;
    if (d.trigger.kind != kind)
      return Error::invalid("process_id",
                            "is not started by a " + kind + " (" + d.trigger.kind + ")");
    const std::string& named = c.request.header("peel-reference");
    if (named.size() > 150)
      return Error::invalid("Peel-Reference", "must be at most 150 characters");
    auto fields = checked_fields(d, c.request.body, deps.clock.now());
    if (!fields) return std::move(fields).error();
    auto item = deps.robotics.queue.enqueue(
        item_of(d, kind + "-" + (named.empty() ? fields_digest(d, *fields) : named), *fields,
                deps.clock.now()),
        c.actor());
    if (!item) return std::move(item).error();
    return http::json_response(202,
                               json::object{{"id", item->id},
                                            {"state", item->state},
                                            {"source_reference", item->facts.reference},
                                            {"deadline", format_rfc3339(item->facts.deadline)}});
  };
}

// Whoever may read items sees any, with its input, and the read is logged; the account that
// submitted an item sees its state and outcome, not the input again. To anyone else it does
// not exist.
http::Handler get_item(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const std::string& id = c.path_params.at("id");
    auto item = deps.robotics.queue.get(id);
    if (!item) return std::move(item).error();
    const bool reader = c.principal->can(perm::kRoboticsRead);
    if (!reader && item->submitted_by != c.principal->user.id)
      return Error::not_found("no work item " + id);
    // The account that sent the form follows it without its input: no personal data.
    c.answer_is_the_callers_own = !reader;
    auto history = deps.robotics.queue.history(id);
    if (!history) return std::move(history).error();
    return http::json_response(200, item_json(*item, *history, reader));
  };
}

http::Handler install_process(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const auth::Principal& installer = *c.principal;
    auto installed = deps.robotics.processes.install(
        c.request.body, c.actor(),
        [&installer](std::string_view permission) { return installer.can(permission); });
    if (!installed) return std::move(installed).error();
    return http::json_response(
        201, json::object{{"id", installed->definition.id},
                          {"version", installed->definition.version},
                          {"installed_at", format_rfc3339(installed->installed_at)}});
  };
}

// Retiring stops new items at once; those already made are worked to the end.
http::Handler retire_process(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string reason = fields->string("reason", 1, 500);
    if (Status s = fields->finish(); !s) return s.error();
    char* end = nullptr;
    const std::string& version = c.path_params.at("version");
    const long v = std::strtol(version.c_str(), &end, 10);
    if (*end != '\0' || v < 1 || v > 1'000'000 || version.size() > 7)
      return Error::invalid("version", "must be a version number");
    auto retired = deps.robotics.processes.retire(c.path_params.at("process_id"),
                                                  static_cast<int>(v), reason, c.actor());
    if (!retired) return std::move(retired).error();
    return http::json_response(200,
                               json::object{{"id", retired->definition.id},
                                            {"version", retired->definition.version},
                                            {"retired_at", format_rfc3339(*retired->retired_at)},
                                            {"reason", retired->retired_reason}});
  };
}

http::Handler process_document(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto process = deps.robotics.processes.current(c.path_params.at("process_id"));
    if (!process) return std::move(process).error();
    return http::json_response(200, json::parse(process->text));
  };
}

json::object message_json(const Message& m) {
  json::object out{{"id", m.id},
                   {"item_id", m.item_id},
                   {"step_id", m.step_id},
                   {"to", m.to},
                   {"subject", m.subject},
                   {"body", m.body},
                   {"queued_at", format_rfc3339(m.queued_at)}};
  out["sent_at"] = m.sent_at ? json::value(format_rfc3339(*m.sent_at)) : json::value(nullptr);
  return out;
}

// The mail gateway's view: messages to send, oldest first (?all=true: sent ones too).
http::Handler outbox(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto limit = http::limit_param(c, 100, 1000);
    if (!limit) return std::move(limit).error();
    const auto all = c.query.find("all");
    auto messages = deps.robotics.outbox.list(all == c.query.end() || all->second != "true",
                                              static_cast<size_t>(*limit));
    if (!messages) return std::move(messages).error();
    json::array items;
    for (const auto& m : *messages) items.push_back(message_json(m));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler message_sent(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto sent = deps.robotics.outbox.mark_sent(c.path_params.at("id"), c.actor().id);
    if (!sent) return std::move(sent).error();
    return http::json_response(200, message_json(*sent));
  };
}

}  // namespace

void add_robotics_routes(http::Router& router, const RoboticsApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/robotics/processes",
              .permission = perm::kRoboticsSubmit,
              .handler = list_processes(deps),
              .summary = "The installed processes (latest versions): id, name, version, trigger,"
                         " queue, fields",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/robotics/forms/{process_id}",
              .permission = perm::kRoboticsSubmit,
              .handler = submit(deps, "form"),
              .summary = "Submit a form to a process started by forms: the fields as a JSON"
                         " object; 202 with the work item's id, 422 naming every bad field, 409"
                         " for a form already received",
              .personal_data = http::PersonalData::usual(
                  "automation", {{"work_item", "/id", auth::AccessAction::kCollection}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/robotics/webhooks/{process_id}",
              .permission = perm::kRoboticsSubmit,
              .handler = submit(deps, "webhook"),
              .summary = "Another system starts a process with a webhook trigger: the fields as a"
                         " JSON object (Peel-Reference: its own id for the call, so a call sent"
                         " twice is taken once); 202 with the work item's id, 422, 409 as forms",
              .personal_data = http::PersonalData::usual(
                  "automation", {{"work_item", "/id", auth::AccessAction::kCollection}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/robotics/items/{id}",
              .permission = perm::kRoboticsSubmit,
              .handler = get_item(deps),
              .summary = "A work item: state, history and outcome (its input too with"
                         " robotics.read, logged); the submitter sees its own",
              .personal_data = http::PersonalData::usual("automation", {{"work_item", "/id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/robotics/processes",
              .permission = perm::kRoboticsManage,
              .handler = install_process(deps),
              .summary = "Install a process, or a new version of one: the definition document"
                         " (docs/robotics.md); 422 naming the place of a fault or of what the"
                         " policy forbids (a host not allowed, a folder outside the root), 403"
                         " when it would read what the installer may not, 409 for a version"
                         " not above the last",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/robotics/processes/{process_id}/versions/{version}/retire",
              .permission = perm::kRoboticsManage,
              .handler = retire_process(deps),
              .summary = "Retire a process version: {\"reason\"}; it takes no new items and the"
                         " items it has are worked to the end; 409 if retired already",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/robotics/processes/{process_id}",
              .permission = perm::kRoboticsRead,
              .handler = process_document(deps),
              .summary = "A process's latest definition document, as installed",
              .personal_data = http::PersonalData::none()});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/robotics/outbox",
       .permission = perm::kRoboticsManage,
       .handler = outbox(deps),
       .summary = "Messages processes queued for the mail gateway, oldest first"
                  " (?all=true: sent ones too; ?limit=)",
       .personal_data = http::PersonalData::usual("automation", {{"message", "/items/*/id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/robotics/outbox/{id}/sent",
              .permission = perm::kRoboticsManage,
              .handler = message_sent(deps),
              .summary = "The gateway sent a message; 409 if it was marked sent before",
              .personal_data = http::PersonalData::usual(
                  "automation", {{"message", "/id", auth::AccessAction::kDisclosure}})});
  add_review_routes(router, deps);
  add_dashboard_routes(router, deps);
}

}  // namespace peel::robotics
