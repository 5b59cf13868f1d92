#include "duty/working_time.h"

#include <fmt/format.h>

#include <algorithm>

namespace peel::duty {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

double hours_between(Timestamp a, Timestamp b) {
  return std::chrono::duration<double, std::ratio<3600>>(b - a).count();
}

std::string when(Timestamp t) { return format_rfc3339(t).substr(0, 16); }

// The force day a moment falls in, as the day it starts on.
std::chrono::sys_days force_day_of(Timestamp t, hours starts) {
  return std::chrono::floor<days>(t - starts);
}

// Hours of duty within [from, to).
double hours_within(const std::vector<Tour>& tours, Timestamp from, Timestamp to) {
  double total = 0;
  for (const auto& t : tours) {
    const Timestamp a = std::max(t.start, from), b = std::min(t.end, to);
    if (b > a) total += hours_between(a, b);
  }
  return total;
}

}  // namespace

std::vector<RuleBreach> check_working_time(std::vector<Tour> tours, Timestamp from, Timestamp to,
                                           const WorkingTimeRules& rules) {
  std::vector<RuleBreach> out;
  if (tours.empty()) return out;
  std::sort(tours.begin(), tours.end(),
            [](const Tour& a, const Tour& b) { return a.start < b.start; });
  // WTR reg. 10: eleven consecutive hours' rest in each 24 hours, so between two tours.
  for (size_t i = 1; i < tours.size(); ++i) {
    const auto rest = std::chrono::duration_cast<minutes>(tours[i].start - tours[i - 1].end);
    if (rest < rules.daily_rest) {
      out.push_back(
          {"daily rest",
           fmt::format("{} h {:02} min between the tour ending {} and the one starting "
                       "{} (at least {} h)",
                       rest.count() / 60, std::abs(rest.count() % 60), when(tours[i - 1].end),
                       when(tours[i].start), rules.daily_rest.count() / 60)});
    }
  }
  // WTR reg. 4: at most 48 hours a week on average over 17 weeks, in every 17-week window that
  // starts on a force Monday; rosters shorter than that are averaged over their whole weeks.
  const auto first_day = force_day_of(tours.front().start, rules.force_day_starts);
  const auto last_day = force_day_of(tours.back().end, rules.force_day_starts);
  const std::chrono::weekday monday{1};
  auto week_start = first_day - (std::chrono::weekday{first_day} - monday);
  const auto weeks_spanned = static_cast<int>((last_day - week_start).count() / 7 + 1);
  const int window = std::min(rules.reference_weeks, weeks_spanned);
  for (int first_week = 0; first_week + window <= weeks_spanned; ++first_week) {
    const Timestamp a = Timestamp(week_start + days{7 * first_week}) + rules.force_day_starts;
    const double average = hours_within(tours, a, a + days{7 * window}) / window;
    if (average > rules.average_weekly_hours) {
      out.push_back(
          {"average weekly hours",
           fmt::format("{:.1f} h a week over the {} weeks from {} (at most {:.0f})", average,
                       window, when(a).substr(0, 10), rules.average_weekly_hours)});
    }
  }
  // Police Regulations Annex E: two rest days in each week; a rest day is a force day with no
  // duty in it.
  for (auto w = week_start; Timestamp(w) + rules.force_day_starts < to; w += days{7}) {
    const Timestamp a = Timestamp(w) + rules.force_day_starts;
    if (a < from || a + days{7} > to) continue;
    int rest_days = 0;
    for (int d = 0; d < 7; ++d) {
      const Timestamp day_from = a + days{d}, day_to = day_from + days{1};
      if (hours_within(tours, day_from, day_to) == 0) ++rest_days;
    }
    if (rest_days < rules.rest_days_per_week) {
      out.push_back({"rest days", fmt::format("{} rest day{} in the week from {} (at least {})",
                                              rest_days, rest_days == 1 ? "" : "s",
                                              when(a).substr(0, 10), rules.rest_days_per_week)});
    }
  }
  return out;
}

int clear_days_between(std::chrono::sys_days told, std::chrono::sys_days duty_day) {
  return std::max(0, static_cast<int>((duty_day - told).count()) - 1);
}

RestDayWorking rest_day_working(std::chrono::sys_days told, std::chrono::sys_days duty_day,
                                double hours_worked) {
  RestDayWorking r;
  r.clear_days_notice = clear_days_between(told, duty_day);
  r.time_and_a_half = r.clear_days_notice < 15;
  r.hours_paid = r.time_and_a_half ? std::max(4.0, hours_worked) : 0;
  return r;
}

}  // namespace peel::duty
