// /api/v1/duty/tours, /roster and /abstractions: rostering tours of duty under the working-time
// rules, and taking people away from them. Swaps are in swap_routes.cc.
#include <algorithm>

#include "duty/api/routes.h"

namespace peel::duty {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

constexpr std::chrono::days kLongestRosterView{92};

http::Handler add_tour(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    auto t = read_new_tour(*f);
    if (Status s = f->finish(); !s) return std::move(s).error();
    if (!t) return std::move(t).error();
    auto made = deps.duty.tours.add(*t, c.actor(), c.principal->can(perm::kDutyApprove));
    if (!made) return std::move(made).error();
    return http::json_response(201, tour_json(*made));
  };
}

http::Handler cancel_tour(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const std::string reason = f->string("reason", 1, 1000);
    if (Status s = f->finish(); !s) return std::move(s).error();
    if (Status s = deps.duty.tours.cancel(c.path_params.at("id"), reason, c.actor()); !s)
      return std::move(s).error();
    return http::json_response(200,
                               json::object{{"id", c.path_params.at("id")}, {"cancelled", true}});
  };
}

// Tours and abstractions of [from, to): everyone's (?area=, ?person_id=), or the caller's own.
http::Handler roster(const DutyApiDeps& deps, bool own) {
  return [deps, own](http::Context& c) -> Result<http::Response> {
    auto period = period_param(c, kLongestRosterView);
    if (!period) return std::move(period).error();
    std::string person_id = query_or(c, "person_id");
    std::vector<DutyPerson> people;
    if (own) {
      auto me = person_for(deps, c, "", perm::kDutyRead);
      if (!me) return std::move(me).error();
      person_id = me->id;
      people.push_back(std::move(*me));
    } else {
      auto listed = deps.duty.staff.list(query_or(c, "area"));
      if (!listed) return std::move(listed).error();
      people = std::move(*listed);
    }
    auto tours = deps.duty.tours.between(period->from, period->to, person_id);
    if (!tours) return std::move(tours).error();
    auto away = deps.duty.abstractions.between(period->from, period->to, person_id);
    if (!away) return std::move(away).error();
    auto listed = [&](const std::string& id) {
      return std::any_of(people.begin(), people.end(), [&](const auto& p) { return p.id == id; });
    };
    json::array tour_items, abstraction_items, person_items;
    for (const auto& t : *tours) {
      if (listed(t.facts.person_id)) tour_items.push_back(tour_json(t));
    }
    for (const auto& a : *away) {
      if (listed(a.facts.person_id)) abstraction_items.push_back(abstraction_json(a));
    }
    for (const auto& p : people) {
      if (person_id.empty() || p.id == person_id) person_items.push_back(person_json(p));
    }
    return http::json_response(200, json::object{{"people", std::move(person_items)},
                                                 {"tours", std::move(tour_items)},
                                                 {"abstractions", std::move(abstraction_items)}});
  };
}

http::Handler record_abstraction(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const std::string person_id = f->optional_string("person_id", 100).value_or("");
    NewAbstraction a{.person_id = "",
                     .kind = f->string("kind", 1, 40),
                     .start = {},
                     .end = {},
                     .note = f->optional_string("note", 1000).value_or("")};
    auto start = time_field(*f, "start");
    auto end = time_field(*f, "end");
    if (Status s = f->finish(); !s) return std::move(s).error();
    if (!start) return std::move(start).error();
    if (!end) return std::move(end).error();
    a.start = *start, a.end = *end;
    // Anyone may ask for time away for themself; planners record it for others.
    auto person = person_for(deps, c, person_id, perm::kDutyPlan, "person_id");
    if (!person) return std::move(person).error();
    a.person_id = person->id;
    // Leave is a request a supervisor decides, unless a supervisor records it; sickness,
    // training and court recorded by a planner stand at once.
    const bool leave = a.kind == "annual_leave" || a.kind == "compassionate";
    const bool stands = leave ? c.principal->can(perm::kDutyApprove) &&
                                    person->facts.user != c.principal->user.username
                              : c.principal->can(perm::kDutyPlan);
    auto made = deps.duty.abstractions.record(a, stands, c.actor());
    if (!made) return std::move(made).error();
    return http::json_response(201, abstraction_json(*made));
  };
}

http::Handler decide_abstraction(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto request = deps.duty.abstractions.get(c.path_params.at("id"));
    if (!request) return std::move(request).error();
    auto decision = read_decision(c, request->requested_by);
    if (!decision) return std::move(decision).error();
    auto decided =
        deps.duty.abstractions.decide(request->id, decision->approve, decision->note, c.actor());
    if (!decided) return std::move(decided).error();
    return http::json_response(200, abstraction_json(*decided));
  };
}

}  // namespace

void add_roster_routes(http::Router& router, const DutyApiDeps& deps) {
  router.add({.method = "POST",
              .pattern = "/api/v1/duty/tours",
              .permission = perm::kDutyPlan,
              .handler = add_tour(deps),
              .summary = "Roster a tour: person_id, start, end, kind, unit; checked against the"
                         " working-time rules (override_reason with duty.approve)",
              .personal_data = http::PersonalData::usual(
                  "duty management", {{"staff", "/person_id", auth::AccessAction::kAlteration}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/duty/tours/{id}/cancel",
              .permission = perm::kDutyPlan,
              .handler = cancel_tour(deps),
              .summary = "Take a tour off the roster (reason)",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/duty/roster",
              .permission = perm::kDutyRead,
              .handler = roster(deps, false),
              .summary = "Tours and abstractions ?from=&to= (?area=, ?person_id=)",
              .personal_data = http::PersonalData::usual(
                  "duty management", {{"staff", "/people/*/id"},
                                      {"staff", "/tours/*/person_id"},
                                      {"staff", "/abstractions/*/person_id"}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/duty/my-roster",
              .permission = perm::kDutyOwn,
              .handler = roster(deps, true),
              .summary = "Your own tours and abstractions ?from=&to=",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/duty/abstractions",
              .permission = perm::kDutyOwn,
              .handler = record_abstraction(deps),
              .summary = "Ask for leave, or record sickness, training or court: kind, start,"
                         " end, note, person_id (others: duty.plan)",
              .personal_data = http::PersonalData::usual(
                  "duty management", {{"staff", "/person_id", auth::AccessAction::kCollection}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/duty/abstractions/{id}/decision",
              .permission = perm::kDutyApprove,
              .handler = decide_abstraction(deps),
              .summary = "Approve or refuse a request: approve (true/false), note",
              .personal_data = http::PersonalData::usual(
                  "duty management", {{"staff", "/person_id", auth::AccessAction::kAlteration}})});
}

}  // namespace peel::duty
