// People's part in automation: the items waiting for them (exceptions, decisions), a fix and
// resume in one request, a decision, or abandoning an item with the reason. Every answer names
// what was refused; nothing changes on a refusal.
#include "robotics/api/review_routes.h"

#include <boost/json.hpp>

#include "core/json_text.h"
#include "robotics/api/item_json.h"
#include "robotics/form_fields.h"

namespace peel::robotics {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

std::string query_or(const http::Context& c, const char* name) {
  const auto it = c.query.find(name);
  return it == c.query.end() ? std::string() : it->second;
}

Result<http::Response> item_answer(const RoboticsApiDeps& deps, const WorkItem& item) {
  auto history = deps.robotics.queue.history(item.id);
  if (!history) return std::move(history).error();
  return http::json_response(200, item_json(item, *history, true));
}

http::Handler list_items(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const std::string state = query_or(c, "state"), queue = query_or(c, "queue");
    if (!state.empty() &&
        std::find(item_states().begin(), item_states().end(), state) == item_states().end())
      return Error::invalid("state",
                            "must be new, in_progress, done, exception, retried or"
                            " abandoned");
    auto limit = http::limit_param(c, 100, 1000);
    if (!limit) return std::move(limit).error();
    auto items = deps.robotics.queue.list(state, queue, static_cast<size_t>(*limit));
    if (!items) return std::move(items).error();
    json::array out;
    for (const auto& item : *items) out.push_back(item_json(item, {}, true));
    return http::json_response(200, json::object{{"items", std::move(out)}});
  };
}

// {"input"?: the item's fields corrected (checked as the process's form checks them),
//  "note"?: what was done}
http::Handler resume(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const std::string& id = c.path_params.at("id");
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const auto input = f->optional_json_object("input");
    const std::string note = f->optional_string("note", 1000).value_or("");
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto item = deps.robotics.queue.get(id);
    if (!item) return std::move(item).error();
    std::optional<std::string> corrected;
    if (input) {
      auto process =
          deps.robotics.processes.version(item->facts.process_id, item->facts.process_version);
      if (!process) return std::move(process).error();
      auto checked = checked_fields(process->definition, json_text(*input), deps.clock.now());
      if (!checked) {
        Error e = std::move(checked).error();
        for (auto& field : e.fields) field.field = "input." + field.field;
        e.message = "input." + e.message;
        return e;
      }
      corrected = std::move(*checked);
    }
    auto resumed = deps.robotics.queue.resume(id, corrected, note, c.actor());
    if (!resumed) return std::move(resumed).error();
    return item_answer(deps, *resumed);
  };
}

// {"step_id": the step waiting, "decision": what was decided}
http::Handler decide(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const std::string step = f->string("step_id", 1, 60);
    const std::string decision = f->string("decision", 1, 1000);
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto decided = deps.robotics.queue.decide(c.path_params.at("id"), step, decision, c.actor());
    if (!decided) return std::move(decided).error();
    return item_answer(deps, *decided);
  };
}

// {"reason": why nobody will finish it}
http::Handler abandon(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const std::string reason = f->string("reason", 1, 1000);
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto abandoned = deps.robotics.queue.abandon(c.path_params.at("id"), reason, c.actor());
    if (!abandoned) return std::move(abandoned).error();
    return item_answer(deps, *abandoned);
  };
}

}  // namespace

void add_review_routes(http::Router& router, const RoboticsApiDeps& deps) {
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/robotics/items",
       .permission = perm::kRoboticsRead,
       .handler = list_items(deps),
       .summary = "Work items, nearest deadline first; ?state=exception for the review"
                  " queue, ?queue=, ?limit= (logged: they hold personal data)",
       .personal_data = http::PersonalData::usual("automation", {{"work_item", "/items/*/id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/robotics/items/{id}/resume",
              .permission = perm::kRoboticsReview,
              .handler = resume(deps),
              .summary = "Back to work after an exception: {input?: the fields corrected,"
                         " note?}; 422 naming each bad field, 409 unless it is an exception",
              .personal_data = http::PersonalData::usual(
                  "automation", {{"work_item", "/id", auth::AccessAction::kAlteration}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/robotics/items/{id}/decide",
              .permission = perm::kRoboticsReview,
              .handler = decide(deps),
              .summary = "A decision an item waits for: {step_id, decision}",
              .personal_data = http::PersonalData::usual(
                  "automation", {{"work_item", "/id", auth::AccessAction::kAlteration}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/robotics/items/{id}/abandon",
              .permission = perm::kRoboticsReview,
              .handler = abandon(deps),
              .summary = "Stop an item nobody will finish: {reason}",
              .personal_data = http::PersonalData::usual(
                  "automation", {{"work_item", "/id", auth::AccessAction::kAlteration}})});
}

}  // namespace peel::robotics
