// /api/v1/duty/plans: the roster optimiser on the force's own data. A proposal changes nothing;
// the planner applies what they reviewed.
#include <fmt/format.h>

#include "duty/api/routes.h"

namespace peel::duty {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

json::object plan_json(const RosterPlan& plan) {
  json::array add, cancel, gaps, people;
  for (const auto& t : plan.add) add.push_back(new_tour_json(t));
  for (const auto& t : plan.cancel) cancel.push_back(tour_json(t));
  for (const auto& g : plan.gaps) {
    gaps.push_back(json::object{{"day", format_day(g.day)},
                                {"kind", g.kind},
                                {"need", g.need},
                                {"have", g.have},
                                {"wanted", g.wanted}});
  }
  for (const auto& p : plan.people) {
    people.push_back(json::object{{"person_id", p.person_id},
                                  {"name", p.name},
                                  {"hours_before", p.minutes_before / 60.0},
                                  {"hours_after", p.minutes_after / 60.0},
                                  {"away_days", p.away_days}});
  }
  return {{"add", std::move(add)},   {"cancel", std::move(cancel)}, {"kept", plan.kept},
          {"gaps", std::move(gaps)}, {"people", std::move(people)}, {"penalty", plan.penalty}};
}

http::Handler propose_plan(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    PlanRequest r{.area = f->string("area", 1, 100),
                  .from = {},
                  .to = {},
                  .seconds = f->optional_number("seconds", 0.1, 60).value_or(10),
                  .shifts = {}};
    for (auto& s : f->object_list("shifts", 6, 0)) {
      r.shifts.push_back({.kind = s.string("kind", 1, 40),
                          .start_minute = minute_of_day(s.string("start", 5, 5)),
                          .minutes = static_cast<int>(s.number("hours", 1, 16) * 60)});
      f->absorb(s);
    }
    const std::string from = f->string("from", 10, 10), to = f->string("to", 10, 10);
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto days = read_days(from, to);
    if (!days) return std::move(days).error();
    r.from = days->first, r.to = days->second;
    auto plan = deps.duty.planner.propose(r);
    if (!plan) return std::move(plan).error();
    return http::json_response(200, plan_json(*plan));
  };
}

http::Handler apply_plan(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    PlanChanges changes{.cancel = f->string_list("cancel", 5000, 100),
                        .add = {},
                        .reason = f->string("reason", 1, 1000)};
    std::vector<Result<NewTour>> adds;
    for (auto& t : f->object_list("add", 5000, 0)) {
      adds.push_back(read_new_tour(t));
      f->absorb(t);
    }
    if (Status s = f->finish(); !s) return std::move(s).error();
    for (auto& t : adds) {
      if (!t) return std::move(t).error();
      changes.add.push_back(std::move(*t));
    }
    auto applied =
        deps.duty.planner.apply(changes, c.actor(), c.principal->can(perm::kDutyApprove));
    if (!applied) return std::move(applied).error();
    json::object out = built_json(applied->built);
    json::array cancelled;
    for (const auto& id : applied->cancelled) cancelled.push_back(json::value(id));
    out["cancelled"] = std::move(cancelled);
    return http::json_response(200, out);
  };
}

}  // namespace

void add_plan_routes(http::Router& router, const DutyApiDeps& deps) {
  router.add({.method = "POST",
              .pattern = "/api/v1/duty/plans",
              .permission = perm::kDutyPlan,
              .handler = propose_plan(deps),
              .summary = "Propose a roster for an area and period (from, to: days, included):"
                         " tours to add and cancel to meet minimum staffing within the rules,"
                         " fairly and with the fewest changes; seconds (default 10), shifts"
                         " [{kind, start HH:MM, hours}] (default early 07:00, late 15:00, night"
                         " 23:00, 8 h). Changes nothing",
              .personal_data = http::PersonalData::usual("duty management",
                                                         {{"staff", "/people/*/person_id"},
                                                          {"staff", "/add/*/person_id"},
                                                          {"staff", "/cancel/*/person_id"}})});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/duty/plans/apply",
       .permission = perm::kDutyPlan,
       .handler = apply_plan(deps),
       .summary = "Apply a reviewed plan: cancel [tour ids], add [tours], reason. Each"
                  " tour added is checked by the rules; those refused are listed",
       .personal_data = http::PersonalData::usual(
           "duty management", {{"staff", "/rostered/*/person_id", auth::AccessAction::kAlteration},
                               {"staff", "/refused/*/person_id"}})});
}

}  // namespace peel::duty
