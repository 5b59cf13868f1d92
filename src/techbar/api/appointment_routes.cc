#include "techbar/api/appointment_routes.h"

#include <boost/json.hpp>

#include "duty/staff.h"

namespace peel::techbar {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

// The booker's own view: the slot and the problem, not the person (the counter's view adds them).
json::object appointment_json(const Appointment& a, Timestamp now) {
  const bool missed = a.state == "booked" && a.facts.starts_at + kArriveLate < now;
  return {{"id", a.id},
          {"location_id", a.facts.location_id},
          {"starts_at", format_rfc3339(a.facts.starts_at)},
          {"device_type", a.facts.device_type},
          {"symptom", a.facts.symptom},
          {"state", missed ? "missed" : a.state},
          {"visit_id", a.visit_id.empty() ? json::value(nullptr) : json::value(a.visit_id)}};
}

Result<duty::Day> day_asked(const http::Context& c) {
  const auto it = c.query.find("day");
  if (it == c.query.end() || it->second.empty())
    return Error::invalid("day", "is required: 2026-11-30");
  return duty::read_day(it->second, "day");
}

std::string location_asked(const http::Context& c) {
  const auto it = c.query.find("location_id");
  return it == c.query.end() ? "" : it->second;
}

http::Handler slots(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto day = day_asked(c);
    if (!day) return std::move(day).error();
    auto free = deps.techbar.appointments.slots(location_asked(c), *day);
    if (!free) return std::move(free).error();
    json::array items;
    for (const auto& s : *free)
      items.push_back(json::object{{"starts_at", format_rfc3339(s.starts_at)}, {"free", s.free}});
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

// {location_id, staff_number or name, device_type, symptom, starts_at}
http::Handler book(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    NewAppointment a{.location_id = f->string("location_id", 1, 64),
                     .staff_number = "",
                     .device_type = f->string("device_type", 1, 40),
                     .symptom = f->string("symptom", 1, 500),
                     .starts_at = {}};
    const PersonGiven person = read_person(*f);
    const std::string starts = f->string("starts_at", 1, 40);
    if (Status s = f->finish(); !s) return std::move(s).error();
    const auto at = parse_rfc3339(starts);
    if (!at) return Error::invalid("starts_at", "must be an RFC 3339 time");
    a.starts_at = *at;
    auto number = staff_number_of(person, deps);
    if (!number) return std::move(number).error();
    a.staff_number = *number;
    auto made = deps.techbar.appointments.book(a, c.actor());
    if (!made) return std::move(made).error();
    return http::json_response(201, appointment_json(*made, deps.clock.now()));
  };
}

http::Handler show(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto a = deps.techbar.appointments.get(c.path_params.at("id"));
    if (!a) return std::move(a).error();
    if (Status s = owner_or_counter(deps, c, {a->facts.staff_number, a->booked_by}); !s)
      return std::move(s).error();
    return http::json_response(200, appointment_json(*a, deps.clock.now()));
  };
}

http::Handler cancel(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto booked = deps.techbar.appointments.get(c.path_params.at("id"));
    if (!booked) return std::move(booked).error();
    if (Status s = owner_or_counter(deps, c, {booked->facts.staff_number, booked->booked_by}); !s)
      return std::move(s).error();
    auto a = deps.techbar.appointments.cancel(c.path_params.at("id"), c.actor());
    if (!a) return std::move(a).error();
    return http::json_response(200, appointment_json(*a, deps.clock.now()));
  };
}

http::Handler day_list(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto day = day_asked(c);
    if (!day) return std::move(day).error();
    const std::string location = location_asked(c);
    if (auto site = deps.techbar.locations.get(location); !site) return std::move(site).error();
    auto list = deps.techbar.appointments.of_day(location, *day);
    if (!list) return std::move(list).error();
    const Timestamp now = deps.clock.now();
    json::array items;
    for (const auto& a : *list) {
      json::object item = appointment_json(a, now);
      item["staff_number"] = a.facts.staff_number;
      item["person_name"] = a.person_name;
      items.push_back(std::move(item));
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

}  // namespace

void add_appointment_routes(http::Router& router, const TechbarApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/slots",
              .permission = perm::kTechbarUse,
              .handler = slots(deps),
              .summary = "?location_id=&day=: the site's half-hour slots that day, free or not",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/techbar/appointments",
              .permission = perm::kTechbarUse,
              .handler = book(deps),
              .summary = "Book: {location_id, staff_number or name, device_type, symptom,"
                         " starts_at}; 201; 409 for a slot taken or a booking there already",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/appointments/{id}",
              .permission = perm::kTechbarUse,
              .handler = show(deps),
              .summary = "A booking: its slot and state (booked, arrived, cancelled, missed)",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/techbar/appointments/{id}/cancel",
              .permission = perm::kTechbarUse,
              .handler = cancel(deps),
              .summary = "Cancel a booking; 409 once arrived or cancelled",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/appointments",
              .permission = perm::kTechbarServe,
              .handler = day_list(deps),
              .summary = "?location_id=&day=: the day's bookings with names (logged)",
              .personal_data = http::PersonalData::usual(
                  "IT support", {{"staff_number", "/items/*/staff_number"}})});
}

}  // namespace peel::techbar
