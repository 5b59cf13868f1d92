// /api/v1/duty/cover, /minimums and /on-duty: cover against minimum staffing, and who is on duty
// now with the skills that count — what Command & Control crews its units from.
#include "duty/api/routes.h"

namespace peel::duty {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

json::object counts_json(const std::map<std::string, int>& counts) {
  json::object out;
  for (const auto& [name, n] : counts) out[name] = n;
  return out;
}

http::Handler cover_by_hour(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto period = period_param(c, std::chrono::days(31));
    if (!period) return std::move(period).error();
    const std::string typed = query_or(c, "area");
    if (typed.empty()) return Error::invalid("area", "is required: cover is kept per area");
    auto named = deps.duty.staffing.area_named(typed);
    if (!named) return std::move(named).error();
    const std::string& area = *named;
    auto hours = deps.duty.staffing.by_hour(period->from, period->to, area);
    if (!hours) return std::move(hours).error();
    json::array items;
    size_t short_hours = 0;
    for (const auto& h : *hours) {
      json::array gaps;
      for (const auto& g : h.gaps) gaps.emplace_back(g);
      short_hours += h.gaps.empty() ? 0 : 1;
      items.push_back(json::object{{"hour", format_rfc3339(h.hour)},
                                   {"on_duty", h.on_duty},
                                   {"by_rank", counts_json(h.by_rank)},
                                   {"by_skill", counts_json(h.by_skill)},
                                   {"gaps", std::move(gaps)}});
    }
    return http::json_response(
        200,
        json::object{{"area", area}, {"hours_short", short_hours}, {"items", std::move(items)}});
  };
}

json::object minimum_json(const Minimum& m) {
  return {{"need", m.need},
          {"from_hour", m.from_hour},
          {"to_hour", m.to_hour},
          {"count", m.count},
          {"ideal", m.ideal}};
}

http::Handler set_minimums(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    std::vector<Minimum> minimums;
    for (auto& m : f->object_list("minimums", 100, 0)) {
      minimums.push_back(
          {.need = m.string("need", 1, 60),
           .from_hour = static_cast<int>(m.number("from_hour", 0, 23)),
           .to_hour = static_cast<int>(m.number("to_hour", 1, 24)),
           .count = static_cast<int>(m.number("count", 1, 1000)),
           .ideal = static_cast<int>(m.optional_number("ideal", 0, 1000).value_or(0))});
      f->absorb(m);
    }
    if (Status s = f->finish(); !s) return std::move(s).error();
    const std::string& area = c.path_params.at("area");
    if (Status s = deps.duty.staffing.set_minimums(area, minimums, c.actor()); !s)
      return std::move(s).error();
    json::array items;
    for (const auto& m : minimums) items.push_back(minimum_json(m));
    return http::json_response(200, json::object{{"area", area}, {"minimums", std::move(items)}});
  };
}

http::Handler get_minimums(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const std::string& area = c.path_params.at("area");
    auto minimums = deps.duty.staffing.minimums(area);
    if (!minimums) return std::move(minimums).error();
    json::array items;
    for (const auto& m : *minimums) items.push_back(minimum_json(m));
    return http::json_response(200, json::object{{"area", area}, {"minimums", std::move(items)}});
  };
}

http::Handler on_duty(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const auto it = c.query.find("at");
    auto at = http::read_time(it == c.query.end() ? std::nullopt : std::optional(it->second), "at");
    if (!at) return std::move(at).error();
    const Timestamp when = at->value_or(deps.clock.now());
    std::string area = query_or(c, "area");
    if (!area.empty()) {
      auto named = deps.duty.staffing.area_named(area);
      if (!named) return std::move(named).error();
      area = *named;
    }
    auto on = deps.duty.staffing.on_duty(when, area);
    if (!on) return std::move(on).error();
    json::array items;
    for (const auto& o : *on) {
      json::array skills;
      for (const auto& s : o.skills) skills.emplace_back(s);
      json::object item{{"person_id", o.person.id},    {"number", o.person.facts.number},
                        {"name", o.person.facts.name}, {"rank", o.person.facts.rank},
                        {"area", o.person.facts.area}, {"skills", std::move(skills)},
                        {"tour", tour_json(o.tour)}};
      items.push_back(std::move(item));
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

}  // namespace

void add_cover_routes(http::Router& router, const DutyApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/duty/cover",
              .permission = perm::kDutyRead,
              .handler = cover_by_hour(deps),
              .summary = "Cover by hour in an area ?area=&from=&to=, with gaps against its"
                         " minimum staffing",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "PUT",
              .pattern = "/api/v1/duty/minimums/{area}",
              .permission = perm::kDutyPlan,
              .handler = set_minimums(deps),
              .summary = "Minimum staffing of an area: minimums [{need, from_hour, to_hour,"
                         " count, ideal?}]: ideal is wanted beyond the minimum when people allow",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/duty/minimums/{area}",
              .permission = perm::kDutyRead,
              .handler = get_minimums(deps),
              .summary = "Minimum staffing of an area",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/duty/on-duty",
              .permission = perm::kDutyRead,
              .handler = on_duty(deps),
              .summary = "Who is on duty ?at= (default now) ?area=, with their valid skills and"
                         " the unit they crew",
              .personal_data =
                  http::PersonalData::usual("duty management", {{"staff", "/items/*/person_id"}})});
}

}  // namespace peel::duty
