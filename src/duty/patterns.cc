#include "duty/patterns.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"

namespace peel::duty {

namespace json = boost::json;

namespace {

constexpr int kLongestRotation = 84;  // twelve weeks
constexpr int kLongestBuild = 92;     // days built at once
constexpr size_t kMostPeople = 500;

json::array tours_json(const std::vector<PatternTour>& tours) {
  json::array out;
  for (const auto& t : tours) {
    out.push_back(json::object{{"day", t.day},
                               {"kind", t.kind},
                               {"start_minute", t.start_minute},
                               {"minutes", t.minutes}});
  }
  return out;
}

Pattern pattern_from_row(const store::Row& r) {
  Pattern p;
  p.id = r.text(0);
  p.facts.name = r.text(1);
  p.facts.length_days = static_cast<int>(r.integer(2));
  const json::value tours = json::parse(r.text(3));
  for (const auto& t : tours.as_array()) {
    p.facts.tours.push_back({.day = static_cast<int>(t.at("day").as_int64()),
                             .kind = std::string(t.at("kind").as_string()),
                             .start_minute = static_cast<int>(t.at("start_minute").as_int64()),
                             .minutes = static_cast<int>(t.at("minutes").as_int64())});
  }
  return p;
}

Status validate(const NewPattern& p) {
  if (p.name.empty() || p.name.size() > 100)
    return Error::invalid("name", "must be 1 to 100 characters");
  if (p.length_days < 1 || p.length_days > kLongestRotation)
    return Error::invalid("length_days",
                          fmt::format("must be 1 to {} days: a rotation of no length repeats "
                                      "nothing",
                                      kLongestRotation));
  if (p.tours.empty()) return Error::invalid("tours", "must list at least one tour");
  for (size_t i = 0; i < p.tours.size(); ++i) {
    const auto& t = p.tours[i];
    const std::string at = fmt::format("tours[{}].", i);
    if (t.day < 0 || t.day >= p.length_days)
      return Error::invalid(at + "day", fmt::format("must be 0 to {}", p.length_days - 1));
    const auto& kinds = tour_kinds();
    if (std::find(kinds.begin(), kinds.end(), t.kind) == kinds.end())
      return Error::invalid(at + "kind", "must be early, late, night, day or rest_day_working");
    if (t.start_minute < 0 || t.start_minute >= 24 * 60)
      return Error::invalid(at + "start", "must be a time of day, HH:MM");
    if (t.minutes < 1 || t.minutes > 16 * 60)
      return Error::invalid(at + "hours", "must be more than 0 and at most 16");
  }
  return {};
}

}  // namespace

Patterns::Patterns(store::Store& store, events::EventLog& log, const Clock& clock, Tours& tours)
    : store_(store), log_(log), clock_(clock), tours_(tours) {}

Result<Pattern> Patterns::add(const NewPattern& p, const auth::Actor& by) {
  if (Status s = validate(p); !s) return s.error();
  const std::string id = new_id(clock_);
  const std::string tours = json_text(tours_json(p.tours));
  const json::object payload{
      {"name", p.name}, {"length_days", p.length_days}, {"tours", tours_json(p.tours)}};
  auto event = log_.append(
      {"duty-pattern/" + id, "ShiftPatternAdded", by.id, "", json_text(payload)},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto held = s.query("SELECT 1 FROM duty_patterns WHERE name = $1", {p.name});
        if (!held) return std::move(held).error();
        if (!held->empty()) return Error::conflict("name: a pattern is called " + p.name);
        auto row = s.execute(
            "INSERT INTO duty_patterns (id, name, length_days, tours, created_at)"
            " VALUES ($1, $2, $3, $4, $5)",
            {id, p.name, static_cast<long long>(p.length_days), tours, format_rfc3339(e.at)});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return Pattern{id, p};
}

Result<Pattern> Patterns::get(const std::string& id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query("SELECT id, name, length_days, tours FROM duty_patterns WHERE id = $1",
                       {id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no shift pattern " + id);
  return pattern_from_row(rows->front());
}

Result<std::vector<Pattern>> Patterns::list() const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query("SELECT id, name, length_days, tours FROM duty_patterns ORDER BY name");
      });
  if (!rows) return std::move(rows).error();
  std::vector<Pattern> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(pattern_from_row(r));
  return out;
}

Status add_to_roster(Tours& tours, const NewTour& tour, const auth::Actor& by, bool may_override,
                     RosterBuilt& built) {
  auto made = tours.add(tour, by, may_override);
  if (made) {
    built.rostered.push_back(std::move(*made));
  } else if (made.error().code == ErrorCode::kConflict ||
             made.error().code == ErrorCode::kInvalid) {
    built.refused.push_back({tour, made.error().message});
  } else {
    return std::move(made).error();
  }
  return {};
}

Result<RosterBuilt> Patterns::build(const RosterRequest& request, const auth::Actor& by) {
  auto pattern = get(request.pattern_id);
  if (!pattern) return std::move(pattern).error();
  if (request.to < request.from) return Error::invalid("to", "must not be before from");
  const int days = static_cast<int>((request.to - request.from).count()) + 1;
  if (days > kLongestBuild)
    return Error::invalid("to", fmt::format("must be within {} days of from", kLongestBuild));
  if (request.people.empty() || request.people.size() > kMostPeople)
    return Error::invalid("people", fmt::format("must name 1 to {} people", kMostPeople));
  const int length = pattern->facts.length_days;
  for (size_t i = 0; i < request.people.size(); ++i) {
    const auto& placed = request.people[i];
    if (placed.offset < 0 || placed.offset >= length)
      return Error::invalid(fmt::format("people[{}].offset", i),
                            fmt::format("must be 0 to {}", length - 1));
  }
  // Everyone must be on the roster before anything is built (an unknown id is bad input, not a
  // tour a rule refused).
  auto known = store::in_transaction<std::vector<std::string>>(
      store_, store::Access::kRead, [&](store::Session& s) -> Result<std::vector<std::string>> {
        std::vector<std::string> missing;
        for (const auto& placed : request.people) {
          auto row = s.query("SELECT 1 FROM duty_people WHERE id = $1", {placed.person_id});
          if (!row) return std::move(row).error();
          if (row->empty()) missing.push_back(placed.person_id);
        }
        return missing;
      });
  if (!known) return std::move(known).error();
  if (!known->empty())
    return Error::invalid("people", "names nobody on the roster: " + known->front());

  RosterBuilt built;
  for (const auto& placed : request.people) {
    for (int d = 0; d < days; ++d) {
      const int rotation_day = (placed.offset + d) % length;
      for (const auto& t : pattern->facts.tours) {
        if (t.day != rotation_day) continue;
        const Timestamp start =
            Timestamp(request.from + std::chrono::days(d)) + std::chrono::minutes(t.start_minute);
        NewTour tour{.person_id = placed.person_id,
                     .start = start,
                     .end = start + std::chrono::minutes(t.minutes),
                     .kind = t.kind,
                     .unit = request.unit,
                     .override_reason = ""};
        if (Status s = add_to_roster(tours_, tour, by, false, built); !s) return s.error();
      }
    }
  }
  return built;
}

}  // namespace peel::duty
