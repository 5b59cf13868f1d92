#include "duty/staff.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <boost/json.hpp>
#include <unordered_map>

#include "core/csv.h"
#include "core/id.h"
#include "core/json_text.h"

namespace peel::duty {

namespace json = boost::json;

namespace {

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& names) {
  return fmt::format("{}", fmt::join(names, ", "));
}

store::Value text_or_null(const std::string& text) {
  return text.empty() ? store::Value{} : store::Value{text};
}

Status validate(const NewDutyPerson& p) {
  const auto plain = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
  };
  if (p.number.empty() || p.number.size() > 20 || !plain(p.number))
    return Error::invalid("number", "must be 1 to 20 letters, digits, - or _");
  if (p.name.empty() || p.name.size() > 200)
    return Error::invalid("name", "must be 1 to 200 characters");
  if (!listed(rank_names(), p.rank))
    return Error::invalid("rank", "must be " + joined(rank_names()));
  if (p.team.size() > 100) return Error::invalid("team", "must be at most 100 characters");
  if (p.area.empty() || p.area.size() > 100)
    return Error::invalid("area", "must name the area (BCU), 1 to 100 characters");
  if (p.role.empty() || p.role.size() > 100)
    return Error::invalid("role", "must say what they do (response, neighbourhood, ...)");
  if (p.user.size() > 100) return Error::invalid("user", "must be at most 100 characters");
  return {};
}

}  // namespace

Result<Day> read_day(const std::string& text, const char* field) {
  // The one reader of times (core/clock) reads the day, so a 30 February is refused alike.
  const auto at = text.size() == 10 ? parse_rfc3339(text + "T00:00:00Z") : std::nullopt;
  if (!at) return Error::invalid(field, "must be a date, YYYY-MM-DD");
  return std::chrono::floor<std::chrono::days>(*at);
}

std::string format_day(Day day) { return format_rfc3339(Timestamp(day)).substr(0, 10); }

const std::vector<std::string>& skill_names() {
  // Named as Command & Control names unit capabilities, so a crew's skills become its unit's.
  static const std::vector<std::string> names = {
      "response_driver", "advanced_driver", "pursuit_driver", "taser",  "armed_response",
      "public_order",    "detective",       "first_aid",      "medic",  "dog",
      "method_of_entry", "search",          "negotiator",     "custody"};
  return names;
}

const std::vector<std::string>& rank_names() {
  static const std::vector<std::string> names = {"constable",      "sergeant",
                                                 "inspector",      "chief_inspector",
                                                 "superintendent", "chief_superintendent",
                                                 "staff"};
  return names;
}

std::vector<std::string> DutyPerson::skills_on(Day day) const {
  std::vector<std::string> out;
  for (const auto& s : skills) {
    if (s.valid_on(day)) out.push_back(s.skill);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Staff::Staff(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

namespace {

// People answering `where` (an SQL condition on duty_people) with their skills.
Result<std::vector<DutyPerson>> read_people(store::Session& s, const std::string& where,
                                            const std::vector<store::Value>& params) {
  auto rows =
      s.query("SELECT id, number, name, rank, team, area, role, user_name FROM duty_people " +
                  where + " ORDER BY number",
              params);
  if (!rows) return std::move(rows).error();
  // Two queries whatever the number of people: their skills come by the same condition.
  auto skills = s.query(
      "SELECT person_id, skill, granted, expires FROM duty_skills WHERE person_id IN"
      " (SELECT id FROM duty_people " +
          where + ") ORDER BY person_id, skill, granted",
      params);
  if (!skills) return std::move(skills).error();
  std::unordered_map<std::string, std::vector<SkillGrant>> held;
  for (const auto& k : *skills) {
    SkillGrant g{.skill = k.text(1), .granted = *read_day(k.text(2), "granted"), .expires = {}};
    if (auto e = k.optional_text(3)) g.expires = *read_day(*e, "expires");
    held[k.text(0)].push_back(std::move(g));
  }
  std::vector<DutyPerson> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    DutyPerson p;
    p.id = r.text(0);
    p.facts = {.number = r.text(1),
               .name = r.text(2),
               .rank = r.text(3),
               .team = r.text(4),
               .area = r.text(5),
               .role = r.text(6),
               .user = r.optional_text(7).value_or("")};
    if (auto it = held.find(p.id); it != held.end()) p.skills = std::move(it->second);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

Result<DutyPerson> Staff::add(const NewDutyPerson& p, const auth::Actor& by) {
  if (Status s = validate(p); !s) return std::move(s).error();
  const std::string id = new_id(clock_);
  const json::object payload{{"number", p.number}, {"name", p.name}, {"rank", p.rank},
                             {"team", p.team},     {"area", p.area}, {"role", p.role},
                             {"user", p.user}};
  auto event = log_.append(
      {"duty-person/" + id, "DutyPersonAdded", by.id, "", json_text(payload)},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto held = s.query(
            "SELECT number, user_name FROM duty_people WHERE number = $1 OR"
            " (user_name IS NOT NULL AND user_name = $2)",
            {p.number, p.user});
        if (!held) return std::move(held).error();
        if (!held->empty()) {
          return held->front().text(0) == p.number
                     ? Error::conflict("number: " + p.number + " is someone else's")
                     : Error::conflict("user: " + p.user + " is already someone on the roster");
        }
        auto row = s.execute(
            "INSERT INTO duty_people (id, number, name, rank, team, area, role, user_name,"
            " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            {id, p.number, p.name, p.rank, p.team, p.area, p.role, text_or_null(p.user),
             format_rfc3339(e.at)});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<DutyPerson> Staff::grant(const std::string& person_id, const SkillGrant& g,
                                const auth::Actor& by) {
  if (!listed(skill_names(), g.skill))
    return Error::invalid("skill", "must be " + joined(skill_names()));
  if (g.expires && *g.expires <= g.granted)
    return Error::invalid("expires",
                          "must be after the day it was granted (" + format_day(g.granted) + ")");
  json::object payload{{"skill", g.skill}, {"granted", format_day(g.granted)}};
  if (g.expires) payload["expires"] = format_day(*g.expires);
  auto event = log_.append(
      {"duty-person/" + person_id, "DutySkillGranted", by.id, "", json_text(payload)},
      [&](store::Session& s, const events::Event&) -> Status {
        auto known = s.query("SELECT 1 FROM duty_people WHERE id = $1", {person_id});
        if (!known) return std::move(known).error();
        if (known->empty()) return Error::not_found("no person " + person_id + " on the roster");
        // Granted again on the same day (a correction of its expiry) replaces that grant.
        auto gone = s.execute(
            "DELETE FROM duty_skills WHERE person_id = $1 AND skill = $2 AND granted = $3",
            {person_id, g.skill, format_day(g.granted)});
        if (!gone) return std::move(gone).error();
        auto row = s.execute(
            "INSERT INTO duty_skills (person_id, skill, granted, expires) VALUES ($1, $2, $3, $4)",
            {person_id, g.skill, format_day(g.granted),
             g.expires ? store::Value{format_day(*g.expires)} : store::Value{}});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(person_id);
}

Result<DutyPerson> Staff::get(const std::string& id) const {
  auto people = store::in_transaction<std::vector<DutyPerson>>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return read_people(s, "WHERE id = $1", {id}); });
  if (!people) return std::move(people).error();
  if (people->empty()) return Error::not_found("no person " + id + " on the roster");
  return std::move(people->front());
}

Result<DutyPerson> Staff::by_number(const std::string& number) const {
  auto people = store::in_transaction<std::vector<DutyPerson>>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return read_people(s, "WHERE number = $1", {number}); });
  if (!people) return std::move(people).error();
  if (people->empty()) return Error::not_found("no warrant or staff number " + number);
  return std::move(people->front());
}

Result<std::vector<DutyPerson>> Staff::named(const std::string& name) const {
  const std::string wanted = lowercase(trimmed(name));
  std::string pattern = "% ";
  for (const char c : wanted) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return store::in_transaction<std::vector<DutyPerson>>(
      store_, store::Access::kRead, [&](store::Session& s) {
        return read_people(s, "WHERE LOWER(name) = $1 OR LOWER(name) LIKE $2 ESCAPE '\\'",
                           {wanted, pattern});
      });
}

Result<DutyPerson> Staff::of_user(const std::string& user) const {
  auto people = store::in_transaction<std::vector<DutyPerson>>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return read_people(s, "WHERE user_name = $1", {user}); });
  if (!people) return std::move(people).error();
  if (people->empty())
    return Error::not_found("your account (" + user + ") is nobody on the roster");
  return std::move(people->front());
}

Result<std::vector<DutyPerson>> Staff::list(const std::string& area) const {
  return store::in_transaction<std::vector<DutyPerson>>(
      store_, store::Access::kRead, [&](store::Session& s) {
        return area.empty() ? read_people(s, "", {}) : read_people(s, "WHERE area = $1", {area});
      });
}

}  // namespace peel::duty
