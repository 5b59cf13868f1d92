// Recorded calls files: the documented columns in any order and case, the forms of time and
// priority, quoted fields, what really happened; and every kind of bad row refused by line.
#include "sim/calls_csv.h"

#include <gtest/gtest.h>

namespace peel::sim {
namespace {

TEST(CallsCsv, ReadsTheDocumentedColumns) {
  const auto calls = parse_calls_csv(
      "\xEF\xBB\xBFPriority,TIME,Type,lat,lon,Address,dispatched_at,arrived_at,cleared_at\r\n"
      "2,2026-11-24 18:05,Theft,51.5,-0.12,,,,\r\n"
      "\r\n"
      "immediate,2026-11-24T18:00:00Z,burglary,,,\"10 High Street, \"\"Ashby\"\"\","
      "2026-11-24T18:02:00Z,2026-11-24 18:09,2026-11-24T18:40:00Z\r\n");
  ASSERT_TRUE(calls.ok()) << calls.error().message;
  ASSERT_EQ(calls->size(), 2U);
  const auto& first = (*calls)[0];  // in time order, not file order
  EXPECT_EQ(first.type, "burglary");
  EXPECT_EQ(first.grade, "I");
  EXPECT_FALSE(first.location.has_value());
  EXPECT_EQ(first.address, "10 High Street, \"Ashby\"");
  EXPECT_EQ(format_rfc3339(*first.arrived_at), "2026-11-24T18:09:00.000Z");
  EXPECT_EQ(first.line, 4U);
  const auto& second = (*calls)[1];
  EXPECT_EQ(second.type, "theft");
  EXPECT_EQ(second.grade, "S");
  EXPECT_NEAR(second.location->lon, -0.12, 1e-12);
  EXPECT_FALSE(second.dispatched_at.has_value());
}

TEST(CallsCsv, RefusesBadRowsNamingLineAndColumn) {
  const std::string header = "time,type,priority,lat,lon\n";
  const std::string good = "2026-11-24T18:00:00Z,theft,E,51.5,-0.1\n";
  struct Case {
    std::string text, says;
  } cases[] = {
      {"", "empty"},
      {"time,type\n", "no priority column"},
      {"time,type,priority\n", "lat and lon, or address"},
      {"time,type,priority,lat,lon,time\n", "twice"},
      {header + good + "yesterday,theft,E,51.5,-0.1\n", "line 3, time"},
      {header + good + "2026-11-24T18:00:00Z,,E,51.5,-0.1\n", "line 3, type"},
      {header + good + "2026-11-24T18:00:00Z,theft,urgent,51.5,-0.1\n", "line 3, priority"},
      {header + "2026-11-24T18:00:00Z,theft,E,95,-0.1\n", "line 2, lat"},
      {header + "2026-11-24T18:00:00Z,theft,E,51.5,west\n", "line 2, lon"},
      {header + "2026-11-24T18:00:00Z,theft,E,,\n", "line 2, lat/lon"},
      {header + "2026-11-24T18:00:00Z,\"theft,E,51.5,-0.1\n", "not closed"},
      {"time,type,priority,lat,lon,arrived_at\n2026-11-24T18:00:00Z,theft,E,51.5,-0.1,"
       "2026-11-24T17:00:00Z\n",
       "arrived_at: is before"},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_calls_csv(c.text);
    ASSERT_FALSE(parsed.ok()) << c.text;
    EXPECT_NE(parsed.error().message.find(c.says), std::string::npos)
        << parsed.error().message << " should say " << c.says;
  }
}

}  // namespace
}  // namespace peel::sim
