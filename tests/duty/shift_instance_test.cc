#include "duty/shift_instance.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace peel::duty {
namespace {

const char* kSmall = R"(# A comment
SECTION_HORIZON
14

SECTION_SHIFTS
# ShiftID, Length in mins, Shifts which cannot follow this shift | separated
E,480,
L,450,E

SECTION_STAFF
A,E=14|L=3,4320,3360,5,2,2,1
B,E=0|L=14,4320,0,5,1,1,2

SECTION_DAYS_OFF
A,0,13

SECTION_SHIFT_ON_REQUESTS
A,2,E,2

SECTION_SHIFT_OFF_REQUESTS
B,3,L,3

SECTION_COVER
0,E,5,100,1
13,L,2,50,2
)";

std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(ShiftInstance, ReadsEverySection) {
  auto in = parse_shift_instance(kSmall);
  ASSERT_TRUE(in) << in.error().message;
  EXPECT_EQ(in->days, 14);
  ASSERT_EQ(in->shifts.size(), 2u);
  EXPECT_EQ(in->shifts[1].id, "L");
  EXPECT_EQ(in->shifts[1].minutes, 450);
  EXPECT_TRUE(in->shifts[1].cannot_follow[0]);   // E cannot follow L
  EXPECT_FALSE(in->shifts[0].cannot_follow[1]);  // L may follow E
  ASSERT_EQ(in->staff.size(), 2u);
  const StaffContract& a = in->staff[0];
  EXPECT_EQ(a.max_shifts, (std::vector<int>{14, 3}));
  EXPECT_EQ(a.max_minutes, 4320);
  EXPECT_EQ(a.min_minutes, 3360);
  EXPECT_EQ(a.max_consecutive, 5);
  EXPECT_EQ(a.min_consecutive, 2);
  EXPECT_EQ(a.min_days_off, 2);
  EXPECT_EQ(a.max_weekends, 1);
  EXPECT_TRUE(a.day_off[0]);
  EXPECT_TRUE(a.day_off[13]);
  EXPECT_FALSE(a.day_off[1]);
  ASSERT_EQ(in->on_requests.size(), 1u);
  EXPECT_EQ(in->on_requests[0].day, 2);
  EXPECT_EQ(in->on_requests[0].weight, 2);
  ASSERT_EQ(in->off_requests.size(), 1u);
  EXPECT_EQ(in->off_requests[0].employee, 1);
  EXPECT_EQ(in->cover_at(0, 0).requirement, 5);
  EXPECT_EQ(in->cover_at(13, 1).under_weight, 50);
  EXPECT_EQ(in->cover_at(5, 0).requirement, 0);  // no row: nobody wanted
  EXPECT_EQ(in->cover_at(5, 0).over_weight, 0);
}

TEST(ShiftInstance, RefusesMalformedFilesNamingTheLine) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {with(kSmall, "E,480,", "E,0,"), "line 7: a shift's length must be 1 to 1440 minutes"},
      {with(kSmall, "L,450,E", "L,450,X"), "line 8: unknown shift 'X'"},
      {with(kSmall, "B,E=0", "A,E=0"), "line 12: ID 'A' appears twice"},
      {with(kSmall, "B,E=0", "B:1,E=0"), "line 12: an ID is 1 to 64 letters"},
      {with(kSmall, "A,0,13", "A,0,14"), "line 15: a day off must be a day of the horizon"},
      {with(kSmall, "A,0,13", "Z,0"), "line 15: unknown employee 'Z'"},
      {with(kSmall, "4320,3360,5,2", "3000,3360,5,2"), "line 11: total minutes"},
      {with(kSmall, "4320,3360,5,2", "4320,3360,2,5"), "line 11: consecutive shifts"},
      {with(kSmall, "E=14|L=3", "E=14|Q=3"), "line 11: MaxShifts must be"},
      {with(kSmall, "A,2,E,2", "A,2,E"), "line 18: a request is"},
      {with(kSmall, "13,L,2,50,2", "0,E,2,50,2"),
       "line 25: cover for this day and shift is given twice"},
      {with(kSmall, "14\n", "-3\n"), "line 3: the horizon must be"},
      {with(kSmall, "SECTION_COVER", "SECTION_COVERS"), "line 23: unknown section"},
      {with(kSmall, "SECTION_DAYS_OFF\n", ""), "has no SECTION_DAYS_OFF"},
      {"1,2,3\n", "line 1: data before the first SECTION_ line"},
      {"", "has no SECTION_HORIZON"},
  };
  for (const auto& [text, reason] : cases) {
    auto in = parse_shift_instance(text);
    ASSERT_FALSE(in) << reason;
    EXPECT_EQ(in.error().fields.at(0).field, "instance");
    EXPECT_NE(in.error().message.find(reason), std::string::npos)
        << in.error().message << "\nwanted: " << reason;
  }
}

TEST(ShiftInstance, ReadsEveryPublishedInstance) {
  const auto dir = std::filesystem::path(PEEL_SOURCE_DIR) / "../shared/data/rostering/curtois";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no " << dir;
  for (int i = 1; i <= 24; ++i) {
    std::ifstream file(dir / ("Instance" + std::to_string(i) + ".txt"));
    std::stringstream text;
    text << file.rdbuf();
    auto in = parse_shift_instance(text.str());
    ASSERT_TRUE(in) << i << ": " << in.error().message;
    EXPECT_GE(in->days, 14);
    EXPECT_GE(in->staff.size(), 8u);
  }
}

}  // namespace
}  // namespace peel::duty
