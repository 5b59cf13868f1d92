// /api/v1/duty/patterns: shift patterns, and rosters built from them for a period.
#include <fmt/format.h>

#include "duty/api/routes.h"

namespace peel::duty {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

json::object pattern_json(const Pattern& p) {
  json::array tours;
  for (const auto& t : p.facts.tours) {
    tours.push_back(json::object{
        {"day", t.day},
        {"kind", t.kind},
        {"start", fmt::format("{:02}:{:02}", t.start_minute / 60, t.start_minute % 60)},
        {"hours", t.minutes / 60.0}});
  }
  return {{"id", p.id},
          {"name", p.facts.name},
          {"length_days", p.facts.length_days},
          {"tours", std::move(tours)}};
}

http::Handler add_pattern(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    NewPattern p{.name = f->string("name", 1, 100),
                 .length_days = static_cast<int>(f->number("length_days", 0, 1000)),
                 .tours = {}};
    for (auto& t : f->object_list("tours", 200, 0)) {
      const std::string start = t.string("start", 5, 5);
      p.tours.push_back({.day = static_cast<int>(t.number("day", 0, 1000)),
                         .kind = t.string("kind", 1, 40),
                         .start_minute = minute_of_day(start),
                         .minutes = static_cast<int>(t.number("hours", 0, 24) * 60)});
      f->absorb(t);
    }
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto made = deps.duty.patterns.add(p, c.actor());
    if (!made) return std::move(made).error();
    return http::json_response(201, pattern_json(*made));
  };
}

http::Handler list_patterns(const DutyApiDeps& deps) {
  return [deps](http::Context&) -> Result<http::Response> {
    auto patterns = deps.duty.patterns.list();
    if (!patterns) return std::move(patterns).error();
    json::array items;
    for (const auto& p : *patterns) items.push_back(pattern_json(p));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler build_roster(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    RosterRequest r{.pattern_id = c.path_params.at("id"),
                    .people = {},
                    .from = {},
                    .to = {},
                    .unit = f->optional_string("unit", 40).value_or("")};
    for (auto& p : f->object_list("people", 500)) {
      r.people.push_back(
          {.person_id = p.string("person_id", 1, 100),
           .offset = static_cast<int>(p.optional_number("offset", 0, 1000).value_or(0))});
      f->absorb(p);
    }
    const std::string from = f->string("from", 10, 10), to = f->string("to", 10, 10);
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto days = read_days(from, to);
    if (!days) return std::move(days).error();
    r.from = days->first, r.to = days->second;
    auto built = deps.duty.patterns.build(r, c.actor());
    if (!built) return std::move(built).error();
    return http::json_response(200, built_json(*built));
  };
}

}  // namespace

void add_pattern_routes(http::Router& router, const DutyApiDeps& deps) {
  router.add({.method = "POST",
              .pattern = "/api/v1/duty/patterns",
              .permission = perm::kDutyPlan,
              .handler = add_pattern(deps),
              .summary = "A shift pattern: name, length_days, tours [{day, kind, start HH:MM,"
                         " hours}]",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/duty/patterns",
              .permission = perm::kDutyRead,
              .handler = list_patterns(deps),
              .summary = "Shift patterns, by name",
              .personal_data = http::PersonalData::none()});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/duty/patterns/{id}/roster",
       .permission = perm::kDutyPlan,
       .handler = build_roster(deps),
       .summary = "Roster people from a pattern: people [{person_id, offset}], from, to"
                  " (days, included), unit; tours a rule refuses are listed, not written",
       .personal_data = http::PersonalData::usual(
           "duty management", {{"staff", "/rostered/*/person_id", auth::AccessAction::kAlteration},
                               {"staff", "/refused/*/person_id"}})});
}

}  // namespace peel::duty
