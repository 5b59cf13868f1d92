// The rules of the Curtois & Qu instances, as their description states them. Hard: one shift a
// day; no forbidden succession; at most MaxShifts of each type; total minutes within bounds; runs
// of work no longer than MaxConsecutiveShifts and, unless they touch the horizon's start or end,
// no shorter than MinConsecutiveShifts; runs of days off, likewise, no shorter than
// MinConsecutiveDaysOff; at most MaxWeekends weekends worked; no shift on a fixed day off. Soft:
// each request for a shift not met and each against one not met costs its weight; each person
// short of or over the cover wanted costs the row's weight.
#include "duty/roster_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/csv.h"

namespace peel::duty {

namespace {

void check_runs(const ShiftInstance& in, const StaffContract& c, const std::vector<int>& days,
                std::vector<std::string>& broken) {
  const int n = in.days;
  int start = 0;
  while (start < n) {
    const bool working = days[static_cast<size_t>(start)] != kOff;
    int end = start;
    while (end < n && (days[static_cast<size_t>(end)] != kOff) == working) ++end;
    const int length = end - start;
    const bool inside = start > 0 && end < n;  // runs at either edge continue beyond the horizon
    if (working && length > c.max_consecutive)
      broken.push_back(fmt::format("{}: {} shifts in a row from day {} (at most {})", c.id, length,
                                   start, c.max_consecutive));
    if (working && inside && length < c.min_consecutive)
      broken.push_back(fmt::format("{}: {} shifts in a row from day {} (at least {})", c.id, length,
                                   start, c.min_consecutive));
    if (!working && inside && length < c.min_days_off)
      broken.push_back(fmt::format("{}: {} days off in a row from day {} (at least {})", c.id,
                                   length, start, c.min_days_off));
    start = end;
  }
}

}  // namespace

RosterCheck check_roster(const ShiftInstance& in, const Roster& roster) {
  RosterCheck out;
  std::vector<int> count(in.cover.size(), 0);
  std::vector<std::vector<int>> group_count(in.groups.size(), count);
  for (size_t e = 0; e < in.staff.size(); ++e) {
    const StaffContract& c = in.staff[e];
    const auto& days = roster.shift[e];
    std::vector<int> of_type(in.shifts.size(), 0);
    int minutes = 0;
    std::vector<bool> weekend_worked(static_cast<size_t>(in.days + 6) / 7, false);
    for (int d = 0; d < in.days; ++d) {
      const int s = days[static_cast<size_t>(d)];
      if (s == kOff) continue;
      const auto& shift = in.shifts[static_cast<size_t>(s)];
      const size_t cell = static_cast<size_t>(d) * in.shifts.size() + static_cast<size_t>(s);
      ++count[cell];
      for (size_t g = 0; g < in.groups.size(); ++g)
        if (in.groups[g].member[e]) ++group_count[g][cell];
      ++of_type[static_cast<size_t>(s)];
      minutes += shift.minutes;
      if (is_weekend_day(d)) weekend_worked[static_cast<size_t>(d / 7)] = true;
      if (c.day_off[static_cast<size_t>(d)])
        out.broken.push_back(fmt::format("{}: works {} on day {}, a day off", c.id, shift.id, d));
      if (d + 1 < in.days) {
        const int next = days[static_cast<size_t>(d) + 1];
        if (next != kOff && shift.cannot_follow[static_cast<size_t>(next)])
          out.broken.push_back(fmt::format("{}: {} on day {} cannot follow {}", c.id,
                                           in.shifts[static_cast<size_t>(next)].id, d + 1,
                                           shift.id));
      }
    }
    for (size_t s = 0; s < in.shifts.size(); ++s) {
      if (of_type[s] > c.max_shifts[s])
        out.broken.push_back(fmt::format("{}: {} {} shifts (at most {})", c.id, of_type[s],
                                         in.shifts[s].id, c.max_shifts[s]));
    }
    if (minutes > c.max_minutes || minutes < c.min_minutes)
      out.broken.push_back(fmt::format("{}: {} minutes worked (from {} to {})", c.id, minutes,
                                       c.min_minutes, c.max_minutes));
    const auto weekends = std::count(weekend_worked.begin(), weekend_worked.end(), true);
    if (weekends > c.max_weekends)
      out.broken.push_back(
          fmt::format("{}: {} weekends worked (at most {})", c.id, weekends, c.max_weekends));
    check_runs(in, c, days, out.broken);
  }
  for (const auto& r : in.on_requests) {
    if (roster.shift[static_cast<size_t>(r.employee)][static_cast<size_t>(r.day)] != r.shift)
      out.request_penalty += r.weight;
  }
  for (const auto& r : in.off_requests) {
    if (roster.shift[static_cast<size_t>(r.employee)][static_cast<size_t>(r.day)] == r.shift)
      out.request_penalty += r.weight;
  }
  for (size_t i = 0; i < in.cover.size(); ++i)
    out.cover_penalty += in.cover[i].penalty_for(count[i]);
  for (size_t g = 0; g < in.groups.size(); ++g) {
    for (size_t i = 0; i < in.cover.size(); ++i)
      out.cover_penalty += in.groups[g].cover[i].penalty_for(group_count[g][i]);
  }
  out.penalty = out.request_penalty + out.cover_penalty;
  return out;
}

std::string roster_csv(const ShiftInstance& in, const Roster& roster) {
  std::string out = "employee,day,shift\n";
  for (size_t e = 0; e < in.staff.size(); ++e) {
    for (int d = 0; d < in.days; ++d) {
      const int s = roster.shift[e][static_cast<size_t>(d)];
      if (s != kOff)
        out += fmt::format("{},{},{}\n", in.staff[e].id, d, in.shifts[static_cast<size_t>(s)].id);
    }
  }
  return out;
}

Result<Roster> read_roster_csv(const ShiftInstance& in, std::string_view text) {
  auto rows = read_csv(text, "roster", 10'000'000);
  if (!rows) return std::move(rows).error();
  std::map<std::string, size_t> staff, shifts;
  for (size_t e = 0; e < in.staff.size(); ++e) staff[in.staff[e].id] = e;
  for (size_t s = 0; s < in.shifts.size(); ++s) shifts[in.shifts[s].id] = s;
  Roster roster = Roster::all_off(in);
  for (const auto& row : *rows) {
    auto bad = [&](const std::string& reason) {
      return Error::invalid("roster", fmt::format("line {}: {}", row.line, reason));
    };
    if (row.fields.size() != 3) return bad("a row is employee,day,shift");
    if (row.line == rows->front().line && row.fields[0] == "employee") continue;  // the header
    const auto e = staff.find(row.fields[0]);
    if (e == staff.end()) return bad("unknown employee '" + row.fields[0] + "'");
    const auto s = shifts.find(row.fields[2]);
    if (s == shifts.end()) return bad("unknown shift '" + row.fields[2] + "'");
    const auto day = parse_whole_number(row.fields[1], 0, in.days - 1);
    if (!day) return bad("the day must be a day of the horizon, from 0");
    int& cell = roster.shift[e->second][static_cast<size_t>(*day)];
    if (cell != kOff) return bad(fmt::format("{} has two shifts on day {}", e->first, *day));
    cell = static_cast<int>(s->second);
  }
  return roster;
}

}  // namespace peel::duty
