#include "duty/working_time.h"

#include <gtest/gtest.h>

namespace peel::duty {
namespace {

using namespace std::chrono_literals;
using std::chrono::days;

// Monday 2 November 2026.
const std::chrono::sys_days kMonday = std::chrono::year_month_day{
    std::chrono::year{2026}, std::chrono::November, std::chrono::day{2}};

Tour tour(int day, int start_hour, int hours) {
  const Timestamp start = Timestamp(kMonday + days{day}) + std::chrono::hours{start_hour};
  return {start, start + std::chrono::hours{hours}};
}

std::vector<std::string> rules_broken(const std::vector<Tour>& tours, int weeks) {
  std::vector<std::string> out;
  for (const auto& b : check_working_time(tours, Timestamp(kMonday) + 7h,
                                          Timestamp(kMonday + days{7 * weeks}) + 7h))
    out.push_back(b.rule + ": " + b.detail);
  return out;
}

TEST(WorkingTime, AFortnightOfEarlyLateAndNightToursKeepsEveryRule) {
  // Earlies Mon-Tue, lates Wed-Thu, rest Fri-Sun; nights Mon-Thu, rest Fri-Sun.
  std::vector<Tour> tours = {tour(0, 7, 10),  tour(1, 7, 10),  tour(2, 14, 10), tour(3, 14, 10),
                             tour(7, 22, 10), tour(8, 22, 10), tour(9, 22, 10), tour(10, 22, 10)};
  EXPECT_EQ(rules_broken(tours, 2), std::vector<std::string>{});
}

TEST(WorkingTime, NamesTheRuleEachChangeWouldBreak) {
  // A late then an early next morning: 7 hours' rest.
  const std::vector<std::string> short_rest = {
      "daily rest: 7 h 00 min between the tour ending 2026-11-03T00:00 and the one starting "
      "2026-11-03T07:00 (at least 11 h)"};
  EXPECT_EQ(rules_broken({tour(0, 14, 10), tour(1, 7, 10)}, 1), short_rest);
  // Six days on: one rest day in the week.
  std::vector<Tour> six;
  six.reserve(6);
  for (int d = 0; d < 6; ++d) six.push_back(tour(d, 7, 9));
  const std::vector<std::string> six_days = {
      "average weekly hours: 54.0 h a week over the 1 weeks from 2026-11-02 (at most 48)",
      "rest days: 1 rest day in the week from 2026-11-02 (at least 2)"};
  EXPECT_EQ(rules_broken(six, 1), six_days);
}

TEST(WorkingTime, AveragesWeeklyHoursOverSeventeenWeeks) {
  // 50 hours every week for 17 weeks: over the average. 50 and 45 by turns: within it.
  std::vector<Tour> over, within;
  for (int w = 0; w < 17; ++w) {
    for (int d = 0; d < 5; ++d) over.push_back(tour(7 * w + d, 7, 10));
    for (int d = 0; d < 5; ++d) within.push_back(tour(7 * w + d, 7, w % 2 ? 9 : 10));
  }
  const auto broken = rules_broken(over, 17);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0],
            "average weekly hours: 50.0 h a week over the 17 weeks from 2026-11-02 (at most 48)");
  EXPECT_EQ(rules_broken(within, 17), std::vector<std::string>{});
}

TEST(WorkingTime, PaysRestDayWorkingByClearDaysOfNotice) {
  // Told on the 1st for duty on the 16th: 14 clear days, time and a half, at least 4 hours.
  const auto first = kMonday - days{1};
  RestDayWorking short_notice = rest_day_working(first, first + days{15}, 3);
  EXPECT_EQ(short_notice.clear_days_notice, 14);
  EXPECT_TRUE(short_notice.time_and_a_half);
  EXPECT_DOUBLE_EQ(short_notice.hours_paid, 4);
  // Told on the 1st for the 17th: 15 clear days, another rest day instead.
  RestDayWorking due_notice = rest_day_working(first, first + days{16}, 8);
  EXPECT_EQ(due_notice.clear_days_notice, 15);
  EXPECT_FALSE(due_notice.time_and_a_half);
  EXPECT_DOUBLE_EQ(due_notice.hours_paid, 0);
}

}  // namespace
}  // namespace peel::duty
