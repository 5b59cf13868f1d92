#include "techbar/api/ticket_routes.h"

#include <boost/json.hpp>

namespace peel::techbar {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

json::object ticket_json(const Ticket& t) {
  json::object out{{"id", t.id},
                   {"visit_id", t.visit_id},
                   {"location_id", t.location_id},
                   {"staff_number", t.staff_number},
                   {"person_name", t.person_name},
                   {"device_type", t.device_type},
                   {"symptom", t.symptom},
                   {"level", t.level},
                   {"diagnosis", t.diagnosis},
                   {"actions", t.actions},
                   {"parts", t.parts},
                   {"state", t.state},
                   {"first_time_fix", t.first_time_fix},
                   {"opened_at", format_rfc3339(t.opened_at)}};
  const auto text_or_null = [](const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
  };
  out["escalated_to"] = text_or_null(t.escalated_to);
  out["escalation_reference"] = text_or_null(t.escalation_reference);
  out["resolution"] = text_or_null(t.resolution);
  out["resolved_at"] =
      t.resolved_at ? json::value(format_rfc3339(*t.resolved_at)) : json::value(nullptr);
  out["survey_link"] =
      t.survey_token.empty() ? json::value(nullptr) : json::value(survey_link(t.survey_token));
  return out;
}

json::object survey_json(const Survey& s) {
  json::object out{{"ticket_id", s.ticket_id}, {"expires_at", format_rfc3339(s.expires_at)}};
  out["answered_at"] =
      s.answered_at ? json::value(format_rfc3339(*s.answered_at)) : json::value(nullptr);
  out["score"] = s.answered_at ? json::value(s.score) : json::value(nullptr);
  return out;
}

Result<http::Response> answer_with(Result<Ticket> t, int status = 200) {
  if (!t) return std::move(t).error();
  return http::json_response(status, ticket_json(*t));
}

// {visit_id}
http::Handler open(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const std::string visit = f->string("visit_id", 1, 64);
    if (Status s = f->finish(); !s) return std::move(s).error();
    return answer_with(deps.techbar.tickets.open(visit, c.actor()), 201);
  };
}

http::Handler show(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const std::string& id = c.path_params.at("id");
    return answer_with(deps.techbar.tickets.get(id));
  };
}

// {diagnosis?, actions?, parts?, level?}
http::Handler work(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    TicketWork w;
    w.diagnosis = f->optional_string("diagnosis", 4000);
    w.actions = f->optional_string("actions", 4000);
    w.parts = f->optional_string("parts", 1000);
    if (const auto level = f->optional_number("level", 1, 3)) w.level = static_cast<int>(*level);
    if (Status s = f->finish(); !s) return std::move(s).error();
    return answer_with(deps.techbar.tickets.record(c.path_params.at("id"), w, c.actor()));
  };
}

// {to: service_desk or third_party, reference}
http::Handler escalate(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const std::string to = f->string("to", 1, 20), reference = f->string("reference", 1, 100);
    if (Status s = f->finish(); !s) return std::move(s).error();
    return answer_with(
        deps.techbar.tickets.escalate(c.path_params.at("id"), to, reference, c.actor()));
  };
}

// {resolution, first_time_fix}
http::Handler resolve(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const std::string resolution = f->string("resolution", 1, 4000);
    const bool first_time = f->boolean("first_time_fix", false);
    if (Status s = f->finish(); !s) return std::move(s).error();
    return answer_with(
        deps.techbar.tickets.resolve(c.path_params.at("id"), resolution, first_time, c.actor()));
  };
}

// A survey is the business of the visit's owners (the counter may open it for them).
Status survey_is_theirs(const TechbarApiDeps& deps, const http::Context& c, const Survey& s) {
  auto ticket = deps.techbar.tickets.get(s.ticket_id);
  if (!ticket) return std::move(ticket).error();
  auto owners = owners_of_visit(deps, ticket->visit_id);
  if (!owners) return std::move(owners).error();
  return owner_or_counter(deps, c, *owners);
}

http::Handler survey(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto s = deps.techbar.tickets.survey(c.path_params.at("token"));
    if (!s) return std::move(s).error();
    if (Status own = survey_is_theirs(deps, c, *s); !own) return std::move(own).error();
    return http::json_response(200, survey_json(*s));
  };
}

// {score 1-5, comment?}
http::Handler answer(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const int score = static_cast<int>(f->number("score", 1, 5));
    const std::string comment = f->optional_string("comment", 2000).value_or("");
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto asked = deps.techbar.tickets.survey(c.path_params.at("token"));
    if (!asked) return std::move(asked).error();
    if (Status own = survey_is_theirs(deps, c, *asked); !own) return std::move(own).error();
    auto answered =
        deps.techbar.tickets.answer(c.path_params.at("token"), score, comment, c.actor());
    if (!answered) return std::move(answered).error();
    return http::json_response(201, survey_json(*answered));
  };
}

}  // namespace

void add_ticket_routes(http::Router& router, const TechbarApiDeps& deps) {
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/techbar/tickets",
       .permission = perm::kTechbarServe,
       .handler = open(deps),
       .summary = "{visit_id}: a ticket for the visit at the counter, pre-filled from its"
                  " check-in; 409 when it has one or is not at the counter",
       .personal_data = http::PersonalData::usual(
           "IT support", {{"staff_number", "/staff_number", auth::AccessAction::kCollection}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/tickets/{id}",
              .permission = perm::kTechbarServe,
              .handler = show(deps),
              .summary = "A ticket (logged)",
              .personal_data =
                  http::PersonalData::usual("IT support", {{"staff_number", "/staff_number"}})});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/techbar/tickets/{id}/work",
       .permission = perm::kTechbarServe,
       .handler = work(deps),
       .summary = "{diagnosis?, actions?, parts?, level? (1-3)}; 409 once resolved",
       .personal_data = http::PersonalData::usual(
           "IT support", {{"staff_number", "/staff_number", auth::AccessAction::kAlteration}})});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/techbar/tickets/{id}/escalate",
       .permission = perm::kTechbarServe,
       .handler = escalate(deps),
       .summary = "{to: service_desk or third_party, reference}: the tracked hand-off",
       .personal_data = http::PersonalData::usual(
           "IT support", {{"staff_number", "/staff_number", auth::AccessAction::kDisclosure}})});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/techbar/tickets/{id}/resolve",
       .permission = perm::kTechbarServe,
       .handler = resolve(deps),
       .summary = "{resolution, first_time_fix}: once (409 after); ends the visit and"
                  " gives the survey_link",
       .personal_data = http::PersonalData::usual(
           "IT support", {{"staff_number", "/staff_number", auth::AccessAction::kAlteration}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/surveys/{token}",
              .permission = perm::kTechbarUse,
              .handler = survey(deps),
              .summary = "A survey link: its ticket, expiry and whether it was answered",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/techbar/surveys/{token}",
              .permission = perm::kTechbarUse,
              .handler = answer(deps),
              .summary = "{score 1-5, comment?}: 201; 409 when answered before or expired",
              .personal_data = http::PersonalData::none()});
}

}  // namespace peel::techbar
