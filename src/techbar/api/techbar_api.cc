#include "techbar/api/techbar_api.h"

#include <boost/json.hpp>
#include <cmath>

#include "techbar/api/appointment_routes.h"
#include "techbar/api/asset_routes.h"
#include "techbar/api/metrics_routes.h"
#include "techbar/api/ticket_routes.h"

namespace peel::techbar {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

json::object location_json(const Location& l, Timestamp now, int waiting) {
  json::array days;
  for (const int d : l.facts.days) days.emplace_back(day_names()[static_cast<size_t>(d - 1)]);
  return {{"id", l.id},
          {"name", l.facts.name},
          {"address", l.facts.address},
          {"opens", format_clock_time(l.facts.opens)},
          {"closes", format_clock_time(l.facts.closes)},
          {"days", std::move(days)},
          {"engineers", l.facts.engineers},
          {"hours", l.hours()},
          {"open_now", l.open_at(now)},
          {"waiting", waiting}};
}

// The person's own view of their place: no one else's details.
json::object place_json(const QueuePlace& p) {
  const Visit& v = p.visit;
  json::object out{{"id", v.id},
                   {"location_id", v.facts.location_id},
                   {"state", v.state},
                   {"device_type", v.facts.device_type},
                   {"checked_in_at", format_rfc3339(v.checked_in_at)},
                   {"booked", v.booked}};
  out["position"] = v.state == "waiting" ? json::value(p.position) : json::value(nullptr);
  out["estimated_wait_seconds"] = v.state == "waiting"
                                      ? json::value(std::lround(p.estimated_wait_seconds))
                                      : json::value(nullptr);
  return out;
}

// What the counter sees of a visit: who, with what, since when.
json::object counter_json(const QueuePlace& p) {
  json::object out = place_json(p);
  const Visit& v = p.visit;
  out["staff_number"] = v.facts.staff_number;
  out["person_name"] = v.person_name;
  out["symptom"] = v.facts.symptom;
  out["engineer"] = v.engineer.empty() ? json::value(nullptr) : json::value(v.engineer);
  out["called_at"] = v.called_at ? json::value(format_rfc3339(*v.called_at)) : json::value(nullptr);
  return out;
}

http::Handler list_locations(const TechbarApiDeps& deps) {
  return [deps](http::Context&) -> Result<http::Response> {
    auto locations = deps.techbar.locations.list();
    if (!locations) return std::move(locations).error();
    auto waiting = deps.techbar.visits.waiting_by_location();
    if (!waiting) return std::move(waiting).error();
    const Timestamp now = deps.clock.now();
    json::array items;
    for (const auto& l : *locations) {
      const auto n = waiting->find(l.id);
      items.push_back(location_json(l, now, n == waiting->end() ? 0 : n->second));
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

// {name, address?, opens "08:00", closes "18:00", days ["mon", ...], engineers}
Result<NewLocation> read_location(const http::Request& request) {
  auto f = http::JsonFields::parse(request.body);
  if (!f) return std::move(f).error();
  NewLocation l;
  l.name = f->string("name", 1, 100);
  l.address = f->optional_string("address", 300).value_or("");
  const std::string opens = f->string("opens", 5, 5), closes = f->string("closes", 5, 5);
  const auto days = f->string_list("days", 7, 3);
  l.engineers = static_cast<int>(f->number("engineers", 0, 50));
  if (Status s = f->finish(); !s) return std::move(s).error();
  auto open_at = read_clock_time(opens, "opens");
  if (!open_at) return std::move(open_at).error();
  auto close_at = read_clock_time(closes, "closes");
  if (!close_at) return std::move(close_at).error();
  l.opens = *open_at;
  l.closes = *close_at;
  l.days.clear();
  for (const auto& d : days) {
    const auto it = std::find(day_names().begin(), day_names().end(), d);
    if (it == day_names().end()) return Error::invalid("days", "must be mon, tue, ... sun");
    l.days.insert(static_cast<int>(it - day_names().begin()) + 1);
  }
  return l;
}

http::Handler add_location(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto l = read_location(c.request);
    if (!l) return std::move(l).error();
    auto made = deps.techbar.locations.add(*l, c.actor());
    if (!made) return std::move(made).error();
    return http::json_response(201, location_json(*made, deps.clock.now(), 0));
  };
}

http::Handler change_location(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto l = read_location(c.request);
    if (!l) return std::move(l).error();
    auto changed = deps.techbar.locations.change(c.path_params.at("id"), *l, c.actor());
    if (!changed) return std::move(changed).error();
    auto waiting = deps.techbar.visits.waiting_by_location();
    if (!waiting) return std::move(waiting).error();
    const auto n = waiting->find(changed->id);
    return http::json_response(
        200, location_json(*changed, deps.clock.now(), n == waiting->end() ? 0 : n->second));
  };
}

// {location_id, staff_number or name, device_type, symptom}
http::Handler check_in(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    NewCheckIn in{.location_id = f->string("location_id", 1, 64),
                  .staff_number = "",
                  .device_type = f->string("device_type", 1, 40),
                  .symptom = f->string("symptom", 1, 500)};
    const PersonGiven person = read_person(*f);
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto number = staff_number_of(person, deps);
    if (!number) return std::move(number).error();
    in.staff_number = *number;
    // Someone with a booking here now arrives for it, ahead of those who walked in.
    auto place = deps.techbar.appointments.check_in(in, c.actor());
    if (!place) return std::move(place).error();
    return http::json_response(201, place_json(*place));
  };
}

// Its owners and the counter may look up a visit: its place and wait, and once its ticket is
// resolved, the link to the survey.
http::Handler visit_place(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto place = deps.techbar.visits.place_of(c.path_params.at("id"));
    if (!place) return std::move(place).error();
    const Visit& v = place->visit;
    if (Status s = owner_or_counter(deps, c, {v.facts.staff_number, v.checked_in_by}); !s)
      return std::move(s).error();
    auto ticket = deps.techbar.tickets.of_visit(place->visit.id);
    if (!ticket) return std::move(ticket).error();
    json::object out = place_json(*place);
    out["ticket_state"] = *ticket ? json::value((*ticket)->state) : json::value(nullptr);
    out["survey_link"] = *ticket && !(*ticket)->survey_token.empty()
                             ? json::value(survey_link((*ticket)->survey_token))
                             : json::value(nullptr);
    return http::json_response(200, out);
  };
}

http::Handler counter_queue(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const auto it = c.query.find("location_id");
    if (it == c.query.end() || it->second.empty())
      return Error::invalid("location_id", "is required: which Tech Bar");
    auto waiting = deps.techbar.visits.queue(it->second);
    if (!waiting) return std::move(waiting).error();
    auto serving = deps.techbar.visits.at_counter(it->second);
    if (!serving) return std::move(serving).error();
    json::array items, at_counter;
    for (const auto& p : *waiting) items.push_back(counter_json(p));
    for (const auto& v : *serving) {
      json::object item = counter_json({.visit = v, .position = 0, .estimated_wait_seconds = 0});
      // The ticket being worked, so that the counter screen can carry on with it.
      auto ticket = deps.techbar.tickets.of_visit(v.id);
      if (!ticket) return std::move(ticket).error();
      item["ticket_id"] = *ticket ? json::value((*ticket)->id) : json::value(nullptr);
      at_counter.push_back(std::move(item));
    }
    return http::json_response(
        200, json::object{{"items", std::move(items)}, {"at_counter", std::move(at_counter)}});
  };
}

// {location_id}: the person waiting longest is called to the counter.
http::Handler call_next(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const std::string location = f->string("location_id", 1, 64);
    if (Status s = f->finish(); !s) return std::move(s).error();
    if (auto known = deps.techbar.locations.get(location); !known) return std::move(known).error();
    auto called = deps.techbar.visits.call_next(location, c.actor());
    if (!called) return std::move(called).error();
    return http::json_response(
        200, counter_json({.visit = *called, .position = 0, .estimated_wait_seconds = 0}));
  };
}

// {helped: true (done) or false (left without help)}
http::Handler finish(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const bool helped = f->boolean("helped", true);
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto done = deps.techbar.visits.finish(c.path_params.at("id"), helped, c.actor());
    if (!done) return std::move(done).error();
    return http::json_response(
        200, counter_json({.visit = *done, .position = 0, .estimated_wait_seconds = 0}));
  };
}

}  // namespace

PersonGiven read_person(http::JsonFields& fields) {
  return {.staff_number = fields.optional_string("staff_number", 40).value_or(""),
          .name = fields.optional_string("name", 100).value_or("")};
}

Result<std::string> staff_number_of(const PersonGiven& person, const TechbarApiDeps& deps) {
  if (person.staff_number.empty() == person.name.empty())
    return Error::invalid("staff_number", "give your warrant or staff number, or else your name");
  if (person.name.empty()) return person.staff_number;
  return deps.techbar.visits.staff_number_named(person.name);
}

Status owner_or_counter(const TechbarApiDeps& deps, const http::Context& c, const Owners& owners) {
  if (c.principal->can(perm::kTechbarServe)) return {};
  if (!owners.account.empty() && owners.account == c.principal->user.id) return {};
  auto me = deps.staff.of_user(c.principal->user.username);
  if (me && me->facts.number == owners.staff_number) return {};
  return Error::forbidden(
      "this is another person's: only they, the account that made it, or the Tech Bar counter"
      " may");
}

Result<Owners> owners_of_visit(const TechbarApiDeps& deps, const std::string& visit_id) {
  auto place = deps.techbar.visits.place_of(visit_id);
  if (!place) return std::move(place).error();
  return Owners{place->visit.facts.staff_number, place->visit.checked_in_by};
}

void add_techbar_routes(http::Router& router, const TechbarApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/locations",
              .permission = perm::kTechbarUse,
              .handler = list_locations(deps),
              .summary = "The Tech Bar sites: hours (UTC), engineers, open now, people waiting",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/techbar/locations",
              .permission = perm::kTechbarManage,
              .handler = add_location(deps),
              .summary = "Add a site: {name, address?, opens, closes, days, engineers}",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "PUT",
              .pattern = "/api/v1/techbar/locations/{id}",
              .permission = perm::kTechbarManage,
              .handler = change_location(deps),
              .summary = "Change a site's hours or engineers on shift (as POST); 404 for none",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/techbar/checkins",
              .permission = perm::kTechbarUse,
              .handler = check_in(deps),
              .summary = "Check in: {location_id, staff_number or name, device_type, symptom};"
                         " 201 with id, position and estimated_wait_seconds (ahead of walk-ins"
                         " when it is the arrival for a booking); 422 for an unknown staff"
                         " number or a site closed now",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/checkins/{id}",
              .permission = perm::kTechbarUse,
              .handler = visit_place(deps),
              .summary = "A check-in's state, and its position and wait while it waits",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/queue",
              .permission = perm::kTechbarServe,
              .handler = counter_queue(deps),
              .summary = "?location_id=: those waiting (items) and at the counter (at_counter,"
                         " with the ticket_id being worked), with names and problems (logged)",
              .personal_data = http::PersonalData::usual(
                  "IT support", {{"staff_number", "/items/*/staff_number"},
                                 {"staff_number", "/at_counter/*/staff_number"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/techbar/queue/next",
              .permission = perm::kTechbarServe,
              .handler = call_next(deps),
              .summary = "{location_id}: call the person waiting longest; 404 when nobody waits",
              .personal_data =
                  http::PersonalData::usual("IT support", {{"staff_number", "/staff_number"}})});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/techbar/checkins/{id}/finish",
       .permission = perm::kTechbarServe,
       .handler = finish(deps),
       .summary = "{helped}: the visit ends at the counter (done) or without help (left);"
                  " 409 when it is not at the counter",
       .personal_data = http::PersonalData::usual(
           "IT support", {{"staff_number", "/staff_number", auth::AccessAction::kAlteration}})});
  add_ticket_routes(router, deps);
  add_asset_routes(router, deps);
  add_metrics_routes(router, deps);
  add_appointment_routes(router, deps);
}

}  // namespace peel::techbar
