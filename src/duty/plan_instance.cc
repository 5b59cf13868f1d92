// Each person's rules in the instance: no more than 7 - rest_days shifts in a row and rest days
// in runs of at least as many, which keeps every seven days to the rest days Police Regulations
// ask for; daily rest between one day's shift and the next day's; no more than the 48-hour
// week over the period; and hours within a tour of a fair share. The fair share is the demand
// of the period (the "any" minimum on each shift) spread over everyone's days at work; a
// re-plan widens it to take in what the person is already rostered for, so that keeping the
// published roster is always allowed.
#include "duty/plan_instance.h"

#include <algorithm>
#include <set>

namespace peel::duty {

namespace {

constexpr int kMinutesPerDay = 24 * 60;

bool is_member(const PlanPerson& person, const std::string& need) {
  const auto colon = need.find(':');
  const std::string what = need.substr(colon + 1);
  if (need.substr(0, colon) == "rank") return person.rank == what;
  return std::find(person.skills.begin(), person.skills.end(), what) != person.skills.end();
}

// Cover of `need` on every day and shift at a level (the minimum or the ideal), short of it
// costing `under` a person.
std::vector<Cover> cover_of(const PlanInput& in, int lead, const std::string& need,
                            int Minimum::*level, int under, int over) {
  std::vector<Cover> cover;
  for (int d = 0; d < lead + in.days; ++d) {
    for (const auto& shift : in.shifts) {
      cover.push_back(d < lead
                          ? Cover{.requirement = 0, .under_weight = 0, .over_weight = 0}
                          : Cover{.requirement = shift_requirement(in.minimums, need, shift, level),
                                  .under_weight = under,
                                  .over_weight = over});
    }
  }
  return cover;
}

std::vector<ShiftType> shift_types(const PlanInput& in) {
  std::vector<ShiftType> types;
  for (const auto& shift : in.shifts) {
    ShiftType type{.id = shift.kind, .minutes = shift.minutes, .cannot_follow = {}};
    for (const auto& next : in.shifts) {
      const int rest = kMinutesPerDay + next.start_minute - (shift.start_minute + shift.minutes);
      type.cannot_follow.push_back(rest < in.rules.daily_rest.count());
    }
    types.push_back(std::move(type));
  }
  return types;
}

}  // namespace

const std::vector<PlanShift>& standard_shifts() {
  static const std::vector<PlanShift> shifts{
      {.kind = "early", .start_minute = 420, .minutes = 480},
      {.kind = "late", .start_minute = 900, .minutes = 480},
      {.kind = "night", .start_minute = 1380, .minutes = 480}};
  return shifts;
}

int shift_requirement(const std::vector<Minimum>& minimums, const std::string& need,
                      const PlanShift& shift, int Minimum::*level) {
  int most = 0;
  const int first_hour = shift.start_minute / 60;
  const int last_hour = (shift.start_minute + shift.minutes - 1) / 60;
  for (int h = first_hour; h <= last_hour; ++h) {
    for (const auto& m : minimums) {
      if (m.need == need && m.covers_hour(h % 24)) most = std::max(most, m.*level);
    }
  }
  return most;
}

PlanInstance plan_instance(const PlanInput& in) {
  PlanInstance out;
  const int lead = static_cast<int>(std::chrono::weekday(in.first).iso_encoding()) - 1;
  out.lead_days = lead;
  ShiftInstance& instance = out.instance;
  instance.days = lead + in.days;
  instance.shifts = shift_types(in);
  instance.cover = cover_of(in, lead, "any", &Minimum::count, kShortWeight, kOverWeight);
  std::set<std::string> needs, ideals;
  for (const auto& m : in.minimums) {
    if (m.need != "any") needs.insert(m.need);
    if (m.ideal > m.count) ideals.insert(m.need);
  }
  const auto group_of = [&](const std::string& need, int Minimum::*level, int under) {
    CoverGroup group{.need = need,
                     .member = {},
                     .cover = cover_of(in, lead, need, level, under, 0),
                     .minimum = level == &Minimum::count};
    for (const auto& person : in.people)
      group.member.push_back(need == "any" || is_member(person, need));
    return group;
  };
  for (const auto& need : needs)
    instance.groups.push_back(group_of(need, &Minimum::count, kShortWeight));
  for (const auto& need : ideals)
    instance.groups.push_back(group_of(need, &Minimum::ideal, kIdealWeight));

  // The demand shared out: everyone wanted on each shift, at the ideal where there is one.
  long long demand = 0;
  for (const auto& shift : in.shifts) {
    const int wanted = std::max(shift_requirement(in.minimums, "any", shift),
                                shift_requirement(in.minimums, "any", shift, &Minimum::ideal));
    demand += static_cast<long long>(wanted) * shift.minutes;
  }
  demand *= in.days;
  long long days_at_work = 0;
  for (const auto& person : in.people)
    days_at_work += std::count(person.away.begin(), person.away.end(), false);
  int longest = 0;
  for (const auto& shift : in.shifts) longest = std::max(longest, shift.minutes);
  const int most_minutes = static_cast<int>(in.rules.average_weekly_hours * 60 * in.days / 7);
  const int rest_days = in.rules.rest_days_per_week;

  for (size_t e = 0; e < in.people.size(); ++e) {
    const PlanPerson& person = in.people[e];
    const int employee = static_cast<int>(e);
    StaffContract contract{.id = person.id,
                           .max_shifts = std::vector<int>(in.shifts.size(), instance.days),
                           .max_minutes = 0,
                           .min_minutes = 0,
                           .max_consecutive = 7 - rest_days,
                           .min_consecutive = 1,
                           .min_days_off = rest_days,
                           .max_weekends = (instance.days + 6) / 7,
                           .day_off = std::vector<bool>(static_cast<size_t>(lead), true)};
    int current_minutes = 0, at_work = 0;
    bool rostered = false;
    for (int d = 0; d < in.days; ++d) {
      const auto day = static_cast<size_t>(d);
      const int now = person.current[day];
      rostered = rostered || now != kOff;
      contract.day_off.push_back(person.away[day] || now == kOtherTour);
      if (person.away[day]) continue;
      ++at_work;
      if (now >= 0) current_minutes += in.shifts[static_cast<size_t>(now)].minutes;
    }
    const int share = days_at_work == 0 ? 0 : static_cast<int>(demand * at_work / days_at_work);
    const int low = rostered ? std::min(share, current_minutes) : share;
    const int high = rostered ? std::max(share, current_minutes) : share;
    contract.min_minutes = std::max(0, low - longest);
    contract.max_minutes = std::min(most_minutes, high + longest);
    contract.min_minutes = std::min(contract.min_minutes, contract.max_minutes);
    instance.staff.push_back(std::move(contract));

    const auto wants_off = [&](int day) {
      for (size_t s = 0; s < in.shifts.size(); ++s) {
        instance.off_requests.push_back({.employee = employee,
                                         .day = lead + day,
                                         .shift = static_cast<int>(s),
                                         .weight = kChangeWeight});
      }
    };
    // What is rostered already is kept unless cover needs it changed (only for those who have
    // a roster in the period: a first plan owes nobody their days off).
    for (int d = 0; rostered && d < in.days; ++d) {
      const int now = person.current[static_cast<size_t>(d)];
      if (person.away[static_cast<size_t>(d)] || now == kOtherTour) continue;
      if (now >= 0) {
        instance.on_requests.push_back(
            {.employee = employee, .day = lead + d, .shift = now, .weight = kChangeWeight});
        continue;
      }
      wants_off(d);
    }
    // Leave asked for and not yet decided: a wish the plan grants when cover allows.
    for (int d = 0; d < in.days; ++d) {
      if (person.wished_off[static_cast<size_t>(d)] && !person.away[static_cast<size_t>(d)])
        wants_off(d);
    }
    // Daily rest after the last tour before the period: a first-day shift starting too soon is
    // priced out of reach (the rules on writing the tour would refuse it anyway).
    if (!person.last_ended) continue;
    for (size_t s = 0; s < in.shifts.size(); ++s) {
      const Timestamp start = Timestamp(in.first) + std::chrono::minutes(in.shifts[s].start_minute);
      if (start - *person.last_ended < in.rules.daily_rest) {
        instance.off_requests.push_back({.employee = employee,
                                         .day = lead,
                                         .shift = static_cast<int>(s),
                                         .weight = kShortWeight * 100});
      }
    }
  }
  return out;
}

}  // namespace peel::duty
