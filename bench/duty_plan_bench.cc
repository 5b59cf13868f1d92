// The roster planner at the size of a borough's response teams: 120 officers over four weeks,
// minimum staffing of everyone by shift, of sergeants, of taser officers at night and of
// response drivers (plan_instance.h). Reports, for a first plan, the shifts still short of a
// minimum, the spread of hours and the seconds to the best roster; then six officers go sick
// for five days in the second week and the re-plan reports the same plus how many tours it
// changed against how many the sickness took away.
//   bench_duty_plan   PEEL_BENCH_SECONDS (default 30) per plan
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "duty/plan_instance.h"
#include "duty/roster_solver.h"

namespace {

using namespace peel::duty;

constexpr int kPeople = 120, kDays = 28;

PlanInput borough() {
  PlanInput in;
  in.first = std::chrono::sys_days(std::chrono::year{2027} / 1 / 4);  // a Monday
  in.days = kDays;
  in.shifts = standard_shifts();
  in.minimums = {{.need = "any", .from_hour = 7, .to_hour = 23, .count = 28},
                 {.need = "any", .from_hour = 23, .to_hour = 7, .count = 20},
                 {.need = "rank:sergeant", .from_hour = 0, .to_hour = 24, .count = 2},
                 {.need = "skill:taser", .from_hour = 18, .to_hour = 6, .count = 4},
                 {.need = "skill:response_driver", .from_hour = 0, .to_hour = 24, .count = 10}};
  std::mt19937 random(7);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < kPeople; ++i) {
    PlanPerson p{.id = "MP" + std::to_string(1000 + i),
                 .rank = i % 8 == 0 ? "sergeant" : "constable",
                 .skills = {},
                 .away = std::vector<bool>(kDays, false),
                 .wished_off = std::vector<bool>(kDays, false),
                 .current = std::vector<int>(kDays, kOff),
                 .last_ended = std::nullopt};
    if (unit(random) < 0.3) p.skills.emplace_back("taser");
    if (unit(random) < 0.7) p.skills.emplace_back("response_driver");
    // A fortnight's leave for one in ten, and a day's wish for one in four.
    if (i % 10 == 3) std::fill_n(p.away.begin() + 14, 7, true);
    if (i % 4 == 1) p.wished_off[static_cast<size_t>(i % kDays)] = true;
    in.people.push_back(std::move(p));
  }
  return in;
}

struct Figures {
  size_t short_cells = 0;
  int least_hours = 0, most_hours = 0;
};

Figures figures(const PlanInstance& plan, const Roster& roster, const PlanInput& in) {
  Figures f{.short_cells = 0, .least_hours = 1 << 30, .most_hours = 0};
  const ShiftInstance& s = plan.instance;
  const size_t shifts = s.shifts.size();
  for (size_t cell = 0; cell < s.cover.size(); ++cell) {
    const int day = static_cast<int>(cell / shifts), shift = static_cast<int>(cell % shifts);
    int all = 0;
    std::vector<int> groups(s.groups.size(), 0);
    for (size_t e = 0; e < s.staff.size(); ++e) {
      if (roster.shift[e][static_cast<size_t>(day)] != shift) continue;
      ++all;
      for (size_t g = 0; g < groups.size(); ++g) groups[g] += s.groups[g].member[e];
    }
    bool short_of = all < s.cover[cell].requirement;
    for (size_t g = 0; g < groups.size(); ++g)
      short_of = short_of || groups[g] < s.groups[g].cover[cell].requirement;
    f.short_cells += short_of;
  }
  for (size_t e = 0; e < in.people.size(); ++e) {
    if (std::count(in.people[e].away.begin(), in.people[e].away.end(), true)) continue;
    int minutes = 0;
    for (int d = 0; d < s.days; ++d) {
      const int shift = roster.shift[e][static_cast<size_t>(d)];
      if (shift >= 0) minutes += s.shifts[static_cast<size_t>(shift)].minutes;
    }
    f.least_hours = std::min(f.least_hours, minutes / 60);
    f.most_hours = std::max(f.most_hours, minutes / 60);
  }
  return f;
}

SolveResult solve(const PlanInstance& plan, double seconds) {
  SolveOptions options;
  options.seconds = seconds;
  options.labels_per_day = 200;
  auto solved = solve_roster(plan.instance, options);
  if (!solved) {
    std::printf("no roster: %s\n", solved.error().message.c_str());
    std::exit(1);
  }
  return *solved;
}

}  // namespace

int main() {
  const char* seconds_env = std::getenv("PEEL_BENCH_SECONDS");
  const double seconds = seconds_env ? std::atof(seconds_env) : 30;
  PlanInput in = borough();
  const PlanInstance first_plan = plan_instance(in);
  const SolveResult first = solve(first_plan, seconds);
  const Figures f1 = figures(first_plan, first.roster, in);
  size_t cells = first_plan.instance.cover.size() - static_cast<size_t>(first_plan.lead_days) * 3;
  std::printf("%d officers, %d days, %zu shifts, %g s per plan\n", kPeople, kDays, cells, seconds);
  std::printf("%-8s %14s %9s %14s %9s %s\n", "plan", "shifts short", "penalty", "hours (4 wk)",
              "s to best", "changes");
  std::printf("%-8s %14zu %9lld %6d to %4d %9.1f %s\n", "first", f1.short_cells, first.penalty,
              f1.least_hours, f1.most_hours, first.seconds_to_best, "-");

  // The first plan is published; six officers go sick from day 8 for five days.
  size_t lost = 0;
  for (size_t e = 0; e < in.people.size(); ++e) {
    for (int d = 0; d < kDays; ++d)
      in.people[e].current[static_cast<size_t>(d)] =
          first.roster.shift[e][static_cast<size_t>(first_plan.lead_days) + static_cast<size_t>(d)];
  }
  for (size_t e = 5; e < 5 + 6 * 17; e += 17) {
    for (int d = 7; d < 12; ++d) {
      lost += in.people[e].current[static_cast<size_t>(d)] >= 0;
      in.people[e].away[static_cast<size_t>(d)] = true;
    }
  }
  const PlanInstance replan = plan_instance(in);
  const SolveResult second = solve(replan, seconds);
  const Figures f2 = figures(replan, second.roster, in);
  size_t changed = 0;
  for (size_t e = 0; e < in.people.size(); ++e) {
    for (int d = 0; d < kDays; ++d) {
      const auto day = static_cast<size_t>(d);
      if (in.people[e].away[day]) continue;
      changed += in.people[e].current[day] !=
                 second.roster.shift[e][static_cast<size_t>(replan.lead_days) + day];
    }
  }
  std::printf("%-8s %14zu %9lld %6d to %4d %9.1f %zu days changed for %zu tours lost to sickness\n",
              "re-plan", f2.short_cells, second.penalty, f2.least_hours, f2.most_hours,
              second.seconds_to_best, changed, lost);
  return 0;
}
