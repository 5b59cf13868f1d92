#include "duty/api/duty_api.h"

#include <fmt/format.h>

#include "duty/api/routes.h"

namespace peel::duty {

namespace json = boost::json;

void add_duty_routes(http::Router& router, const DutyApiDeps& deps) {
  add_staff_routes(router, deps);
  add_roster_routes(router, deps);
  add_cover_routes(router, deps);
  add_pattern_routes(router, deps);
  add_plan_routes(router, deps);
  add_swap_routes(router, deps);
}

json::object person_json(const DutyPerson& p) {
  json::array skills;
  for (const auto& s : p.skills) {
    json::object one{{"skill", s.skill}, {"granted", format_day(s.granted)}};
    one["expires"] = s.expires ? json::value(format_day(*s.expires)) : json::value(nullptr);
    skills.push_back(std::move(one));
  }
  json::object out{{"id", p.id},           {"number", p.facts.number},   {"name", p.facts.name},
                   {"rank", p.facts.rank}, {"team", p.facts.team},       {"area", p.facts.area},
                   {"role", p.facts.role}, {"skills", std::move(skills)}};
  out["user"] = p.facts.user.empty() ? json::value(nullptr) : json::value(p.facts.user);
  return out;
}

json::object tour_json(const RosteredTour& t) {
  json::object out{{"id", t.id},
                   {"person_id", t.facts.person_id},
                   {"start", format_rfc3339(t.facts.start)},
                   {"end", format_rfc3339(t.facts.end)},
                   {"kind", t.facts.kind}};
  out["unit"] = t.facts.unit.empty() ? json::value(nullptr) : json::value(t.facts.unit);
  out["rostered_at"] = format_rfc3339(t.rostered_at);
  out["notice"] = json::object{{"clear_days", t.clear_days_notice()},
                               {"changes_published_roster", t.changes_published_roster()}};
  if (t.facts.kind == "rest_day_working") {
    const double hours =
        std::chrono::duration<double, std::ratio<3600>>(t.facts.end - t.facts.start).count();
    const auto pay = rest_day_working(std::chrono::floor<std::chrono::days>(t.rostered_at),
                                      std::chrono::floor<std::chrono::days>(t.facts.start), hours);
    out["rest_day_working"] =
        pay.time_and_a_half
            ? json::object{{"compensation", "time_and_a_half"}, {"hours_paid", pay.hours_paid}}
            : json::object{{"compensation", "another_rest_day"}, {"hours_paid", 0}};
  }
  if (!t.overridden.empty()) {
    json::array rules;
    for (const auto& b : t.overridden)
      rules.push_back(json::object{{"rule", b.rule}, {"detail", b.detail}});
    out["override"] = json::object{
        {"reason", t.facts.override_reason}, {"by", t.override_by}, {"rules", std::move(rules)}};
  }
  return out;
}

json::object new_tour_json(const NewTour& t) {
  json::object out{{"person_id", t.person_id},
                   {"start", format_rfc3339(t.start)},
                   {"end", format_rfc3339(t.end)},
                   {"kind", t.kind}};
  out["unit"] = t.unit.empty() ? json::value(nullptr) : json::value(t.unit);
  return out;
}

json::object built_json(const RosterBuilt& built) {
  json::array rostered, refused;
  for (const auto& t : built.rostered) rostered.push_back(tour_json(t));
  for (const auto& t : built.refused) {
    json::object one = new_tour_json(t.tour);
    one["reason"] = t.reason;
    refused.push_back(std::move(one));
  }
  return {{"rostered", std::move(rostered)}, {"refused", std::move(refused)}};
}

int minute_of_day(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return -1;
  const auto digits = [&](size_t at) {
    return std::isdigit(static_cast<unsigned char>(text[at])) &&
                   std::isdigit(static_cast<unsigned char>(text[at + 1]))
               ? (text[at] - '0') * 10 + (text[at + 1] - '0')
               : -1;
  };
  const int h = digits(0), m = digits(3);
  return h < 0 || m < 0 || h > 23 || m > 59 ? -1 : h * 60 + m;
}

Result<std::pair<Day, Day>> read_days(const std::string& from, const std::string& to) {
  auto first = read_day(from, "from");
  if (!first) return std::move(first).error();
  auto last = read_day(to, "to");
  if (!last) return std::move(last).error();
  return std::pair{*first, *last};
}

Result<Timestamp> time_field(http::JsonFields& f, const char* name) {
  const std::string field = f.name_of(name);
  auto t = http::read_time(f.string(name, 1, 40), field.c_str());
  if (!t) return std::move(t).error();
  if (!*t) return Error::invalid(field, "is required");
  return **t;
}

Result<NewTour> read_new_tour(http::JsonFields& f) {
  NewTour t{.person_id = f.string("person_id", 1, 100),
            .start = {},
            .end = {},
            .kind = f.string("kind", 1, 40),
            .unit = f.optional_string("unit", 40).value_or(""),
            .override_reason = f.optional_string("override_reason", 1000).value_or("")};
  auto start = time_field(f, "start");
  auto end = time_field(f, "end");
  if (!start) return std::move(start).error();
  if (!end) return std::move(end).error();
  t.start = *start, t.end = *end;
  return t;
}

json::object abstraction_json(const Abstraction& a) {
  json::object out{{"id", a.id},
                   {"person_id", a.facts.person_id},
                   {"kind", a.facts.kind},
                   {"start", format_rfc3339(a.facts.start)},
                   {"end", format_rfc3339(a.facts.end)},
                   {"note", a.facts.note},
                   {"status", a.status},
                   {"requested_by", a.requested_by}};
  out["decided_by"] = a.decided_by.empty() ? json::value(nullptr) : json::value(a.decided_by);
  if (!a.decision_note.empty()) out["decision_note"] = a.decision_note;
  return out;
}

Result<DutyPerson> person_for(const DutyApiDeps& deps, const http::Context& c,
                              const std::string& person_id, const char* permission,
                              const char* body_field) {
  const std::string& user = c.principal->user.username;
  if (person_id.empty()) return deps.duty.staff.of_user(user);
  auto person = deps.duty.staff.get(person_id);
  if (!person) {
    if (!c.principal->can(permission)) return Error::forbidden("you may act only for yourself");
    if (body_field && person.error().code == ErrorCode::kNotFound)
      return Error::invalid(body_field, "is nobody on the roster (" + person_id + ")");
    return std::move(person).error();
  }
  if (person->facts.user != user && !c.principal->can(permission))
    return Error::forbidden("you may act only for yourself; your role does not allow " +
                            std::string(permission) + " for others");
  return person;
}

Result<Decision> read_decision(const http::Context& c, const std::string& requested_by) {
  auto f = http::JsonFields::parse(c.request.body);
  if (!f) return std::move(f).error();
  const auto approve = f->optional_boolean("approve");
  const std::string note = f->optional_string("note", 1000).value_or("");
  if (Status s = f->finish(); !s) return std::move(s).error();
  if (!approve) return Error::invalid("approve", "is required: true or false");
  if (requested_by == c.principal->user.id)
    return Error::forbidden("a request is decided by someone other than who made it");
  return Decision{*approve, note};
}

std::string query_or(const http::Context& c, const char* name) {
  const auto it = c.query.find(name);
  return it == c.query.end() ? "" : it->second;
}

Result<Period> period_param(const http::Context& c, std::chrono::days longest) {
  auto param = [&](const char* name) -> std::optional<std::string> {
    if (!c.query.count(name)) return std::nullopt;
    return query_or(c, name);
  };
  auto from = http::read_time(param("from"), "from");
  if (!from) return std::move(from).error();
  auto to = http::read_time(param("to"), "to");
  if (!to) return std::move(to).error();
  if (!*from) return Error::invalid("from", "is required (RFC 3339)");
  if (!*to) return Error::invalid("to", "is required (RFC 3339)");
  if (**to <= **from) return Error::invalid("to", "must be after from");
  if (**to - **from > longest)
    return Error::invalid("to", fmt::format("must be within {} days of from", longest.count()));
  return Period{**from, **to};
}

}  // namespace peel::duty
