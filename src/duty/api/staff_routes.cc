// /api/v1/duty/people: the people on the roster and their skills.
#include "duty/api/routes.h"

namespace peel::duty {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

http::Handler list_people(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const std::string area = query_or(c, "area");
    auto people = deps.duty.staff.list(area);
    if (!people) return std::move(people).error();
    json::array items;
    for (const auto& p : *people) items.push_back(person_json(p));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler add_person(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    NewDutyPerson p{.number = f->string("number", 1, 20),
                    .name = f->string("name", 1, 200),
                    .rank = f->string("rank", 1, 40),
                    .team = f->optional_string("team", 100).value_or(""),
                    .area = f->string("area", 1, 100),
                    .role = f->string("role", 1, 100),
                    .user = f->optional_string("user", 100).value_or("")};
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto made = deps.duty.staff.add(p, c.actor());
    if (!made) return std::move(made).error();
    return http::json_response(201, person_json(*made));
  };
}

http::Handler get_person(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const std::string& id = c.path_params.at("id");
    auto p = person_for(deps, c, id == "me" ? "" : id, perm::kDutyRead);
    if (!p) return std::move(p).error();
    c.answer_is_the_callers_own = p->facts.user == c.principal->user.username;
    return http::json_response(200, person_json(*p));
  };
}

http::Handler grant_skill(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const std::string skill = f->string("skill", 1, 40);
    const std::string granted = f->string("granted", 1, 10);
    const auto expires = f->optional_string("expires", 10);
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto from = read_day(granted, "granted");
    if (!from) return std::move(from).error();
    SkillGrant g{.skill = skill, .granted = *from, .expires = {}};
    if (expires) {
      auto until = read_day(*expires, "expires");
      if (!until) return std::move(until).error();
      g.expires = *until;
    }
    auto p = deps.duty.staff.grant(c.path_params.at("id"), g, c.actor());
    if (!p) return std::move(p).error();
    c.answer_is_the_callers_own = p->facts.user == c.principal->user.username;
    return http::json_response(200, person_json(*p));
  };
}

// The words duty management knows, for forms to offer: the server's lists, not a copy.
http::Handler vocabulary() {
  return [](http::Context&) -> Result<http::Response> {
    const auto list = [](const std::vector<std::string>& words) {
      json::array out;
      for (const auto& w : words) out.emplace_back(w);
      return out;
    };
    return http::json_response(200, json::object{{"skills", list(skill_names())},
                                                 {"ranks", list(rank_names())},
                                                 {"tour_kinds", list(tour_kinds())},
                                                 {"abstraction_kinds", list(abstraction_kinds())}});
  };
}

}  // namespace

void add_staff_routes(http::Router& router, const DutyApiDeps& deps) {
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/duty/people",
       .permission = perm::kDutyRead,
       .handler = list_people(deps),
       .summary = "People on the roster (?area=), with their skills",
       .personal_data = http::PersonalData::usual("duty management", {{"staff", "/items/*/id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/duty/people",
              .permission = perm::kDutyPlan,
              .handler = add_person(deps),
              .summary = "Add a person: number, name, rank, team, area, role, user",
              .personal_data = http::PersonalData::usual(
                  "duty management", {{"staff", "/id", auth::AccessAction::kCollection}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/duty/people/{id}",
              .permission = perm::kDutyOwn,
              .handler = get_person(deps),
              .summary = "A person and their skills; `me` for your own record",
              .personal_data = http::PersonalData::usual("duty management", {{"staff", "/id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/duty/people/{id}/skills",
              .permission = perm::kDutyPlan,
              .handler = grant_skill(deps),
              .summary = "Grant a skill: skill, granted (YYYY-MM-DD), expires",
              .personal_data = http::PersonalData::usual(
                  "duty management", {{"staff", "/id", auth::AccessAction::kAlteration}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/duty/vocabulary",
              .permission = perm::kDutyOwn,
              .handler = vocabulary(),
              .summary = "The skills, ranks, tour kinds and abstraction kinds duty management"
                         " knows",
              .personal_data = http::PersonalData::none()});
}

}  // namespace peel::duty
