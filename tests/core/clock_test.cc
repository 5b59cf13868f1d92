#include "core/clock.h"

#include <gtest/gtest.h>

#include "core/id.h"

namespace peel {
namespace {

TEST(Rfc3339, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_rfc3339(from_unix_ms(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(from_unix_ms(1'795'432'123'045)), "2026-11-23T11:08:43.045Z");
}

TEST(Rfc3339, ParsesWhatItFormatsAndOffsets) {
  const auto t = from_unix_ms(1'795'432'123'045);
  EXPECT_EQ(parse_rfc3339(format_rfc3339(t)), t);
  EXPECT_EQ(parse_rfc3339("2026-11-23T12:08:43.045+01:00"), t);
  EXPECT_EQ(parse_rfc3339("2026-11-23T11:08:43Z"), from_unix_ms(1'795'432'123'000));
}

TEST(Rfc3339, RejectsNonsense) {
  for (const char* bad :
       {"", "2026-11-23", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-23T25:00:00Z",
        "2026-11-23T11:55:23", "2026-11-23T11:55:23.Z", "2026-11-23T11:55:23Zjunk"}) {
    EXPECT_FALSE(parse_rfc3339(bad).has_value()) << bad;
  }
}

TEST(ManualClock, MovesOnlyWhenTold) {
  ManualClock clock(from_unix_ms(1000));
  EXPECT_EQ(to_unix_ms(clock.now()), 1000);
  clock.advance(std::chrono::minutes(1));
  EXPECT_EQ(to_unix_ms(clock.now()), 61000);
}

TEST(Ids, AreVersion7AndSortByTime) {
  ManualClock clock(from_unix_ms(1'795'432'123'045));
  const std::string a = new_id(clock);
  clock.advance(std::chrono::milliseconds(1));
  const std::string b = new_id(clock);
  EXPECT_TRUE(is_valid_id(a));
  EXPECT_EQ(a[14], '7');
  EXPECT_TRUE(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
  EXPECT_LT(a, b);
  EXPECT_NE(new_id(clock), new_id(clock));
  EXPECT_FALSE(is_valid_id("not-an-id"));
  EXPECT_FALSE(is_valid_id("0192F1A4-7C3E-7B21-9A4F-3C2D1E0F9A8B"));
}

}  // namespace
}  // namespace peel
