// A form becomes a work item only when every field is good: the member of the public is told
// every problem at once and nothing is queued. The item's reference is a digest of the process
// and its checked fields, so the same form sent twice (a double click, a retry after a lost
// answer, even after a restart) is refused naming the item it already is.
#include "robotics/api/robotics_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/crypto.h"
#include "robotics/form_fields.h"

namespace peel::robotics {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

json::object item_json(const WorkItem& w, const std::vector<HistoryEntry>& history,
                       bool with_input) {
  json::array lines;
  for (const auto& h : history) {
    lines.push_back(json::object{
        {"at", format_rfc3339(h.at)}, {"what", h.what}, {"actor", h.actor}, {"detail", h.detail}});
  }
  json::object out{{"id", w.id},
                   {"process_id", w.facts.process_id},
                   {"process_version", w.facts.process_version},
                   {"queue", w.facts.queue},
                   {"reference", w.facts.reference},
                   {"state", w.state},
                   {"priority", w.facts.priority},
                   {"deadline", format_rfc3339(w.facts.deadline)},
                   {"attempts", w.attempts},
                   {"next_step", w.next_step},
                   {"outcome", json::parse(w.outcome)},
                   {"created_at", format_rfc3339(w.created_at)},
                   {"updated_at", format_rfc3339(w.updated_at)},
                   {"history", std::move(lines)}};
  out["reason"] = w.reason.empty() ? json::value(nullptr) : json::value(w.reason);
  if (with_input) out["input"] = json::parse(w.facts.input);
  return out;
}

http::Handler list_processes(const RoboticsApiDeps& deps) {
  return [deps](http::Context&) -> Result<http::Response> {
    auto processes = deps.robotics.processes.list();
    if (!processes) return std::move(processes).error();
    json::array items;
    for (const auto& p : *processes) {
      const ProcessDefinition& d = p.definition;
      json::array fields;
      for (const auto& f : d.fields) {
        fields.push_back(
            json::object{{"name", f.name}, {"type", f.type}, {"required", f.required}});
      }
      json::object trigger{{"kind", d.trigger.kind}};
      if (!d.trigger.source.empty()) trigger["source"] = d.trigger.source;
      if (!d.trigger.format.empty()) trigger["format"] = d.trigger.format;
      items.push_back(json::object{{"id", d.id},
                                   {"name", d.name},
                                   {"version", d.version},
                                   {"trigger", std::move(trigger)},
                                   {"queue", d.queue},
                                   {"deadline_minutes", d.deadline_minutes},
                                   {"minutes_saved", d.minutes_saved},
                                   {"fields", std::move(fields)},
                                   {"installed_at", format_rfc3339(p.installed_at)}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler submit_form(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const std::string& id = c.path_params.at("process_id");
    auto process = deps.robotics.processes.current(id);
    if (!process) return std::move(process).error();
    const ProcessDefinition& d = process->definition;
    if (d.trigger.kind != "form")
      return Error::invalid("process_id", "is not started by a form (" + d.trigger.kind + ")");
    auto fields = checked_fields(d, c.request.body);
    if (!fields) return std::move(fields).error();
    const auto now = deps.clock.now();
    auto item = deps.robotics.queue.enqueue(
        {.queue = d.queue,
         .process_id = d.id,
         .process_version = d.version,
         .reference = "form-" + sha256_hex(d.id + "\n" + *fields).substr(0, 32),
         .priority = d.priority,
         .deadline = now + std::chrono::minutes(d.deadline_minutes),
         .input = *fields},
        c.actor());
    if (!item) return std::move(item).error();
    return http::json_response(202,
                               json::object{{"id", item->id},
                                            {"state", item->state},
                                            {"reference", item->facts.reference},
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
    if (reader) {
      if (Status s = c.log_access(deps.auth, auth::AccessAction::kConsultation, "work_item", id,
                                  "automation", "work item");
          !s)
        return s.error();
    }
    auto history = deps.robotics.queue.history(id);
    if (!history) return std::move(history).error();
    return http::json_response(200, item_json(*item, *history, reader));
  };
}

http::Handler queues(const RoboticsApiDeps& deps) {
  return [deps](http::Context&) -> Result<http::Response> {
    auto figures = deps.robotics.queue.figures();
    if (!figures) return std::move(figures).error();
    json::array items;
    for (const auto& q : *figures) {
      json::object states;
      for (const auto& state : item_states()) {
        const auto it = q.by_state.find(state);
        states[state] = it == q.by_state.end() ? 0 : it->second;
      }
      json::object one{{"queue", q.queue}, {"by_state", std::move(states)}, {"overdue", q.overdue}};
      one["oldest_waiting"] =
          q.oldest_waiting ? json::value(format_rfc3339(*q.oldest_waiting)) : json::value(nullptr);
      items.push_back(std::move(one));
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

}  // namespace

void add_robotics_routes(http::Router& router, const RoboticsApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/robotics/processes",
              .permission = perm::kRoboticsSubmit,
              .handler = list_processes(deps),
              .summary = "The installed processes (latest versions): id, name, version, trigger,"
                         " queue, fields"});
  router.add({.method = "POST",
              .pattern = "/api/v1/robotics/forms/{process_id}",
              .permission = perm::kRoboticsSubmit,
              .handler = submit_form(deps),
              .summary = "Submit a form to a process started by forms: the fields as a JSON"
                         " object; 202 with the work item's id, 422 naming every bad field, 409"
                         " for a form already received"});
  router.add({.method = "GET",
              .pattern = "/api/v1/robotics/items/{id}",
              .permission = perm::kRoboticsSubmit,
              .handler = get_item(deps),
              .summary = "A work item: state, history and outcome (its input too with"
                         " robotics.read, logged); the submitter sees its own"});
  router.add({.method = "GET",
              .pattern = "/api/v1/robotics/queues",
              .permission = perm::kRoboticsRead,
              .handler = queues(deps),
              .summary = "Each queue's items by state, the overdue, and the oldest waiting"});
}

}  // namespace peel::robotics
