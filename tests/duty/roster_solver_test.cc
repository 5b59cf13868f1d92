#include "duty/roster_solver.h"

#include <gtest/gtest.h>

#include "duty/best_schedule.h"

namespace peel::duty {
namespace {

// Two people, one shift, cover of one every day: each works 6 to 8 shifts, at most 4 in a row
// with 2 days off between runs, and B has day 0 off, so full cover needs them to take turns in
// runs of four starting with A (who asked for day 0).
const char* kTwoPeople = R"(SECTION_HORIZON
14
SECTION_SHIFTS
D,480,
SECTION_STAFF
A,D=14,3840,2880,4,2,2,2
B,D=14,3840,2880,4,2,2,2
SECTION_DAYS_OFF
B,0
SECTION_SHIFT_ON_REQUESTS
A,0,D,5
SECTION_SHIFT_OFF_REQUESTS
SECTION_COVER
0,D,1,100,1
1,D,1,100,1
2,D,1,100,1
3,D,1,100,1
4,D,1,100,1
5,D,1,100,1
6,D,1,100,1
7,D,1,100,1
8,D,1,100,1
9,D,1,100,1
10,D,1,100,1
11,D,1,100,1
12,D,1,100,1
13,D,1,100,1
)";

TEST(RosterSolver, FindsAFeasibleRosterWhosePenaltyTheCheckAgreesWith) {
  auto in = parse_shift_instance(kTwoPeople);
  ASSERT_TRUE(in);
  SolveOptions options;
  options.seconds = 0.5;
  options.seed = 3;
  auto solved = solve_roster(*in, options);
  ASSERT_TRUE(solved) << solved.error().message;
  const RosterCheck check = check_roster(*in, solved->roster);
  EXPECT_TRUE(check.feasible()) << check.broken.front();
  EXPECT_EQ(check.penalty, solved->penalty);
  EXPECT_EQ(check.cover_penalty, 0);
  EXPECT_EQ(check.request_penalty, 0);
  EXPECT_EQ(solved->roster.shift[0][0], 0);
  EXPECT_EQ(solved->roster.shift[1][0], kOff);  // B's fixed day off
}

TEST(RosterSolver, SearchesSideBySideShareTheBestRoster) {
  auto in = parse_shift_instance(kTwoPeople);
  ASSERT_TRUE(in);
  SolveOptions options;
  options.seconds = 0.5;
  options.threads = 2;
  long long last_told = -1;
  options.on_better = [&](long long penalty, double) { last_told = penalty; };
  auto solved = solve_roster(*in, options);
  ASSERT_TRUE(solved) << solved.error().message;
  const RosterCheck check = check_roster(*in, solved->roster);
  EXPECT_TRUE(check.feasible());
  EXPECT_EQ(check.penalty, 0);
  EXPECT_EQ(solved->penalty, 0);
  EXPECT_EQ(last_told, 0) << "the caller hears of the best roster of all";
}

// Cover wanted of B alone (a skill only B holds) on days 4 to 7: B must work them, and the
// check counts the group's cover as the search does.
TEST(RosterSolver, CoverOfAGroupIsMetAndCountedByTheCheck) {
  auto in = parse_shift_instance(kTwoPeople);
  ASSERT_TRUE(in);
  CoverGroup only_b{.need = "skill:taser", .member = {false, true}, .cover = {}};
  for (int d = 0; d < in->days; ++d) {
    only_b.cover.push_back(
        {.requirement = d >= 4 && d <= 7 ? 1 : 0, .under_weight = 50, .over_weight = 0});
  }
  in->groups.push_back(only_b);
  SolveOptions options;
  options.seconds = 0.5;
  auto solved = solve_roster(*in, options);
  ASSERT_TRUE(solved) << solved.error().message;
  for (int d = 4; d <= 7; ++d) EXPECT_EQ(solved->roster.shift[1][static_cast<size_t>(d)], 0) << d;
  const RosterCheck check = check_roster(*in, solved->roster);
  EXPECT_EQ(check.penalty, solved->penalty);
  Roster b_never = solved->roster;
  for (auto& day : b_never.shift[1]) day = kOff;
  EXPECT_GE(check_roster(*in, b_never).cover_penalty, 4 * 50) << "B's days 4-7 missed";
}

TEST(RosterSolver, BestScheduleKeepsEveryRuleOfOnePerson) {
  auto in = parse_shift_instance(kTwoPeople);
  ASSERT_TRUE(in);
  // Working pays every day: the schedule works as much as the rules allow, and no more.
  ScheduleCosts costs{std::vector<long long>(14, -10), {}};
  auto schedule = best_schedule(*in, 0, costs, 1'000);
  ASSERT_TRUE(schedule);
  Roster roster = Roster::all_off(*in);
  roster.shift[0] = *schedule;
  roster.shift[1] = {kOff, 0, 0, 0, 0, kOff, kOff, 0, 0, 0, 0, kOff, kOff, kOff};
  const RosterCheck check = check_roster(*in, roster);
  EXPECT_TRUE(check.feasible()) << check.broken.front();
  EXPECT_EQ(std::count(schedule->begin(), schedule->end(), 0), 8);  // 3840 minutes
}

TEST(RosterSolver, SaysWhoCannotBeRostered) {
  // A must work 5 shifts in a fortnight but has every day but three off.
  auto in = parse_shift_instance(R"(SECTION_HORIZON
14
SECTION_SHIFTS
D,480,
SECTION_STAFF
A,D=14,4800,2400,5,1,1,2
SECTION_DAYS_OFF
A,0,1,2,3,4,5,6,7,8,9,10
SECTION_SHIFT_ON_REQUESTS
SECTION_SHIFT_OFF_REQUESTS
SECTION_COVER
)");
  ASSERT_TRUE(in) << in.error().message;
  SolveOptions options;
  options.seconds = 0.2;
  auto solved = solve_roster(*in, options);
  ASSERT_FALSE(solved);
  EXPECT_NE(solved.error().message.find("the rules for A admit no schedule"), std::string::npos);
}

}  // namespace
}  // namespace peel::duty
