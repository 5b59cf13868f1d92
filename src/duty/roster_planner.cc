// The planner reads one area and one period, plus the day either side (the last tour before
// the period bounds the first day's daily rest), solves with the benchmark's optimiser and turns
// the difference between the roster as it stands and as solved into tours to add and cancel.
#include "duty/roster_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "duty/roster_solver.h"

namespace peel::duty {

namespace {

constexpr int kLongestPlan = 56;  // days: eight weeks at once
constexpr double kMostSeconds = 60;
constexpr size_t kMostShifts = 6;
constexpr int kLongestShift = 16 * 60;
constexpr size_t kLabelsPerDay = 200;  // a few hundred people: a move stays cheap

Status validate(const PlanRequest& r, const std::vector<PlanShift>& shifts) {
  if (r.area.empty() || r.area.size() > 100)
    return Error::invalid("area", "must name the area (BCU), 1 to 100 characters");
  if (r.to < r.from) return Error::invalid("to", "must not be before from");
  if ((r.to - r.from).count() >= kLongestPlan)
    return Error::invalid("to", fmt::format("must be within {} days of from", kLongestPlan));
  if (!(r.seconds > 0 && r.seconds <= kMostSeconds))
    return Error::invalid("seconds", "must be more than 0 and at most 60");
  if (shifts.empty() || shifts.size() > kMostShifts)
    return Error::invalid("shifts", fmt::format("must list 1 to {} shifts", kMostShifts));
  std::set<std::string> kinds;
  for (size_t i = 0; i < shifts.size(); ++i) {
    const auto& s = shifts[i];
    const std::string at = fmt::format("shifts[{}].", i);
    const auto& known = tour_kinds();
    if (std::find(known.begin(), known.end(), s.kind) == known.end() ||
        !kinds.insert(s.kind).second)
      return Error::invalid(at + "kind", "must be a tour kind, once each (" + s.kind + ")");
    if (s.start_minute < 0 || s.start_minute >= 24 * 60)
      return Error::invalid(at + "start", "must be a time of day, HH:MM");
    if (s.minutes < 60 || s.minutes > kLongestShift)
      return Error::invalid(at + "hours", "must be 1 to 16");
  }
  return {};
}

int minutes_into_day(Timestamp t) {
  return static_cast<int>((t - std::chrono::floor<std::chrono::days>(t)) / std::chrono::minutes(1));
}

// The shift a tour is, by its start and length, or kOtherTour.
int shift_of(const std::vector<PlanShift>& shifts, const RosteredTour& tour) {
  const int minutes =
      static_cast<int>((tour.facts.end - tour.facts.start) / std::chrono::minutes(1));
  for (size_t s = 0; s < shifts.size(); ++s) {
    if (shifts[s].start_minute == minutes_into_day(tour.facts.start) &&
        shifts[s].minutes == minutes)
      return static_cast<int>(s);
  }
  return kOtherTour;
}

// The unit each person crews most often in the tours read: where their new tours go. One pass
// over the tours for everyone, not one per person.
std::unordered_map<std::string, std::string> usual_units(const std::vector<RosteredTour>& tours) {
  std::unordered_map<std::string, std::map<std::string, int>> times;
  for (const auto& t : tours) {
    if (!t.facts.unit.empty()) ++times[t.facts.person_id][t.facts.unit];
  }
  std::unordered_map<std::string, std::string> out;
  for (const auto& [person, units] : times) {
    out[person] = std::max_element(units.begin(), units.end(), [](const auto& a, const auto& b) {
                    return a.second < b.second;
                  })->first;
  }
  return out;
}

// Who is where on each cell, by need, and the minimums not met.
std::vector<PlanGap> gaps_of(const PlanInstance& plan, const Roster& roster, Day first, int days) {
  const ShiftInstance& in = plan.instance;
  std::vector<PlanGap> gaps;
  const size_t shifts = in.shifts.size();
  for (int d = 0; d < days; ++d) {
    const int day = plan.lead_days + d;
    for (size_t s = 0; s < shifts; ++s) {
      const size_t cell = static_cast<size_t>(day) * shifts + s;
      int everyone = 0;
      std::vector<int> of_group(in.groups.size(), 0);
      for (size_t e = 0; e < in.staff.size(); ++e) {
        if (roster.shift[e][static_cast<size_t>(day)] != static_cast<int>(s)) continue;
        ++everyone;
        for (size_t g = 0; g < in.groups.size(); ++g) of_group[g] += in.groups[g].member[e];
      }
      const Day on = first + std::chrono::days(d);
      if (everyone < in.cover[cell].requirement)
        gaps.push_back({on, in.shifts[s].id, "any", everyone, in.cover[cell].requirement});
      for (size_t g = 0; g < in.groups.size(); ++g) {
        if (!in.groups[g].minimum) continue;  // short of an ideal is no gap
        const int wanted = in.groups[g].cover[cell].requirement;
        if (of_group[g] < wanted)
          gaps.push_back({on, in.shifts[s].id, in.groups[g].need, of_group[g], wanted});
      }
    }
  }
  return gaps;
}

}  // namespace

RosterPlanner::RosterPlanner(const Staff& staff, Tours& tours, const Abstractions& abstractions,
                             const Staffing& staffing)
    : staff_(staff), tours_(tours), abstractions_(abstractions), staffing_(staffing) {}

Result<RosterPlan> RosterPlanner::propose(const PlanRequest& request) const {
  const auto& shifts = request.shifts.empty() ? standard_shifts() : request.shifts;
  if (Status s = validate(request, shifts); !s) return s.error();
  auto people = staff_.list(request.area);
  if (!people) return std::move(people).error();
  if (people->empty()) return Error::invalid("area", "nobody is on the roster in " + request.area);
  auto minimums = staffing_.minimums(request.area);
  if (!minimums) return std::move(minimums).error();
  const int days = static_cast<int>((request.to - request.from).count()) + 1;
  const Timestamp from = Timestamp(request.from);
  const Timestamp to = Timestamp(request.to + std::chrono::days(1));
  auto tours = tours_.between(from - std::chrono::days(1), to, "");
  if (!tours) return std::move(tours).error();
  auto away = abstractions_.between(from, to, "");
  if (!away) return std::move(away).error();

  PlanInput input{.first = request.from,
                  .days = days,
                  .shifts = shifts,
                  .people = {},
                  .minimums = *minimums,
                  .rules = {}};
  std::unordered_map<std::string, size_t> index;
  // [person][day]: the tour standing, to cancel if the plan changes that day.
  std::vector<std::vector<const RosteredTour*>> standing(
      people->size(), std::vector<const RosteredTour*>(static_cast<size_t>(days), nullptr));
  for (const auto& p : *people) {
    index.emplace(p.id, input.people.size());
    std::vector<std::string> skills;
    for (const auto& skill : p.skills_on(request.from)) {
      const auto it = std::find_if(p.skills.begin(), p.skills.end(), [&](const SkillGrant& g) {
        return g.skill == skill && g.valid_on(request.from) && g.valid_on(request.to);
      });
      if (it != p.skills.end()) skills.push_back(skill);
    }
    input.people.push_back({.id = p.id,
                            .rank = p.facts.rank,
                            .skills = std::move(skills),
                            .away = std::vector<bool>(static_cast<size_t>(days), false),
                            .wished_off = std::vector<bool>(static_cast<size_t>(days), false),
                            .current = std::vector<int>(static_cast<size_t>(days), kOff),
                            .last_ended = std::nullopt});
  }
  for (const auto& t : *tours) {
    const auto it = index.find(t.facts.person_id);
    if (it == index.end()) continue;
    PlanPerson& person = input.people[it->second];
    if (t.facts.start < from) {
      person.last_ended = std::max(person.last_ended.value_or(t.facts.end), t.facts.end);
      continue;
    }
    const auto day = static_cast<size_t>(
        (std::chrono::floor<std::chrono::days>(t.facts.start) - request.from).count());
    // A second tour the same day, or one the plan cannot make, stays as it is.
    const bool taken = person.current[day] != kOff;
    person.current[day] = taken ? kOtherTour : shift_of(shifts, t);
    standing[it->second][day] = &t;
  }
  for (const auto& a : *away) {
    const auto it = index.find(a.facts.person_id);
    if (a.status == "refused" || it == index.end()) continue;
    auto& days_marked = a.status == "approved" ? input.people[it->second].away
                                               : input.people[it->second].wished_off;
    for (int d = 0; d < days; ++d) {
      const Timestamp day_start = from + std::chrono::days(d);
      if (a.facts.start < day_start + std::chrono::days(1) && day_start < a.facts.end)
        days_marked[static_cast<size_t>(d)] = true;
    }
  }

  PlanInstance plan = plan_instance(input);
  SolveOptions options;
  options.seconds = request.seconds;
  options.labels_per_day = kLabelsPerDay;
  auto solved = solve_roster(plan.instance, options);
  if (!solved) {
    // A fair share someone cannot reach within the rules (many days away, say): plan without
    // the lower bound rather than not at all.
    for (auto& contract : plan.instance.staff) contract.min_minutes = 0;
    solved = solve_roster(plan.instance, options);
  }
  if (!solved) return std::move(solved).error();

  const auto units = usual_units(*tours);
  RosterPlan out;
  out.penalty = solved->penalty;
  out.gaps = gaps_of(plan, solved->roster, request.from, days);
  for (size_t e = 0; e < input.people.size(); ++e) {
    const PlanPerson& person = input.people[e];
    const DutyPerson& who = (*people)[e];
    PersonLoad load{
        .person_id = person.id,
        .name = who.facts.name,
        .minutes_before = 0,
        .minutes_after = 0,
        .away_days = static_cast<int>(std::count(person.away.begin(), person.away.end(), true))};
    const auto usual = units.find(person.id);
    const std::string unit = usual == units.end() ? "" : usual->second;
    for (int d = 0; d < days; ++d) {
      const auto day = static_cast<size_t>(d);
      const int now = person.current[day];
      const int planned = solved->roster.shift[e][static_cast<size_t>(plan.lead_days) + day];
      const RosteredTour* tour = standing[e][day];
      const int tour_minutes =
          tour ? static_cast<int>((tour->facts.end - tour->facts.start) / std::chrono::minutes(1))
               : 0;
      load.minutes_before += tour_minutes;
      // A tour on a day away stays on the roster with the abstraction beside it: the record of
      // what was planned, and back in cover if the abstraction is cut short.
      if (person.away[day]) continue;
      if (now == kOtherTour || (now == planned && now != kOff)) {
        load.minutes_after += tour_minutes;
        ++out.kept;
        continue;
      }
      if (tour) out.cancel.push_back(*tour);
      if (planned < 0) continue;
      const PlanShift& shift = shifts[static_cast<size_t>(planned)];
      const Timestamp start =
          from + std::chrono::days(d) + std::chrono::minutes(shift.start_minute);
      out.add.push_back({.person_id = person.id,
                         .start = start,
                         .end = start + std::chrono::minutes(shift.minutes),
                         .kind = shift.kind,
                         .unit = unit,
                         .override_reason = ""});
      load.minutes_after += shift.minutes;
    }
    out.people.push_back(std::move(load));
  }
  return out;
}

Result<PlanApplied> RosterPlanner::apply(const PlanChanges& changes, const auth::Actor& by,
                                         bool may_override) {
  if (changes.reason.empty() || changes.reason.size() > 1000)
    return Error::invalid("reason", "must say why the roster changes (1 to 1,000 characters)");
  for (size_t i = 0; i < changes.cancel.size(); ++i) {
    if (!tours_.get(changes.cancel[i]))
      return Error::invalid(fmt::format("cancel[{}]", i),
                            "is no rostered tour (" + changes.cancel[i] + ")");
  }
  PlanApplied applied;
  for (const auto& id : changes.cancel) {
    if (Status s = tours_.cancel(id, changes.reason, by); !s) return s.error();
    applied.cancelled.push_back(id);
  }
  for (const auto& tour : changes.add) {
    if (Status s = add_to_roster(tours_, tour, by, may_override, applied.built); !s)
      return s.error();
  }
  return applied;
}

}  // namespace peel::duty
