// data.police.uk street-level crime files: the published columns read into events over their
// month, rows the publisher could not place counted and skipped, anti-social behaviour kept as
// an incident, and every broken rule an error naming the line and column.
#include "pole/street_crimes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace peel::pole {
namespace {

const std::string kHeader =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context\n";
const std::string kId(64, 'a');

TEST(StreetCrimes, RowsBecomeEventsOverTheirMonth) {
  const std::string text =
      "\xEF\xBB\xBF" + kHeader + kId +
      ",2024-02,Metropolitan Police Service,Metropolitan Police Service,-0.135913,51.514839,"
      "On or near Great Marlborough Street,E01004763,Westminster 013B,Theft from the person,"
      "Investigation complete; no suspect identified,\n"
      ",2024-02,Metropolitan Police Service,Metropolitan Police Service,-0.14,51.51,"
      "On or near Park,E01004763,Westminster 013B,Anti-social behaviour,,\n"
      ",2024-02,Metropolitan Police Service,Metropolitan Police Service,-0.14,51.51,"
      "On or near Park,E01004763,Westminster 013B,Anti-social behaviour,,\n" +
      std::string(64, 'b') +
      ",2024-02,Metropolitan Police Service,Metropolitan Police Service,,,No Location,,,"
      "Burglary,Under investigation,\n";
  auto parsed = parse_street_crimes(text);
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->events.size(), 3U);
  EXPECT_EQ(parsed->without_location, 1U);
  const NewOccurrence& theft = parsed->events[0];
  EXPECT_EQ(theft.type, "crime");
  EXPECT_EQ(theft.classification, "theft-from-the-person");
  EXPECT_EQ(format_rfc3339(theft.occurred_from), "2024-02-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339(theft.occurred_to), "2024-02-29T23:59:59.999Z") << "a leap year";
  EXPECT_DOUBLE_EQ(theft.at->lat, 51.514839);
  EXPECT_EQ(theft.place, "On or near Great Marlborough Street (Westminster 013B)");
  EXPECT_EQ(theft.outcome, "Investigation complete; no suspect identified");
  EXPECT_EQ(theft.external_id, "police.uk:" + kId);
  EXPECT_EQ(parsed->events[1].type, "incident") << "anti-social behaviour is not a crime";
  EXPECT_NE(parsed->events[1].external_id, parsed->events[2].external_id)
      << "two identical reports are two events";
  const SystemClock clock;
  for (const auto& e : parsed->events) EXPECT_TRUE(validate_occurrence(e, clock));
}

TEST(StreetCrimes, BrokenRulesNameTheLineAndColumn) {
  auto error = [](const std::string& text) {
    auto parsed = parse_street_crimes(text);
    return parsed ? std::string("accepted") : parsed.error().message;
  };
  const std::string row_start = ",2024-02,Force,Force,-0.1,51.5,Here,E0,Name,";
  EXPECT_NE(error("Crime,Month\n").find("line 1"), std::string::npos);
  EXPECT_NE(error(kHeader + ",24-02,Force,Force,-0.1,51.5,Here,E0,Name,Burglary,,\n")
                .find("line 2, Month"),
            std::string::npos);
  EXPECT_NE(error(kHeader + row_start + "Piracy,,\n").find("line 2, Crime type"),
            std::string::npos);
  EXPECT_NE(error(kHeader + ",2024-02,Force,Force,-0.1,95,Here,E0,Name,Burglary,,\n")
                .find("line 2, Latitude"),
            std::string::npos);
  EXPECT_NE(error(kHeader + "xyz" + row_start + "Burglary,,\n").find("line 2, Crime ID"),
            std::string::npos);
  EXPECT_NE(error(kHeader + row_start + "Burglary\n").find("line 2: 10 fields"), std::string::npos);
  EXPECT_NE(error(kHeader + "\n" + row_start + "Burglary,\"open,\n").find("quote"),
            std::string::npos);
  EXPECT_NE(error(kHeader + ",2024-02,Force,Fo\x01rce,-0.1,51.5,Here,E0,Name,Burglary,,\n")
                .find("line 2, Falls within: must not hold control characters"),
            std::string::npos);
}

// Published files repeat a Crime ID with another place: each repeat is a further event of that
// crime, reported with its line and the line it repeats; the file is not refused for it.
TEST(StreetCrimes, ARepeatedCrimeIdIsAFurtherEventOfThatCrimeAndReported) {
  const std::string row = ",2024-02,Force,Force,-0.1,51.5,Here,E0,Name,Burglary,,\n";
  const std::string elsewhere = ",2024-02,Force,Force,-0.2,51.6,There,E0,Name,Burglary,,\n";
  auto parsed = parse_street_crimes(kHeader + kId + row + kId + elsewhere + kId + row);
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_EQ(parsed->events.size(), 3U);
  EXPECT_EQ(parsed->events[0].external_id, "police.uk:" + kId);
  EXPECT_EQ(parsed->events[1].external_id, "police.uk:" + kId + "#2");
  EXPECT_EQ(parsed->events[2].external_id, "police.uk:" + kId + "#3");
  EXPECT_EQ(parsed->events[1].place, "There (Name)");
  ASSERT_EQ(parsed->repeated_ids.size(), 2U);
  EXPECT_EQ(parsed->repeated_ids[0].line, 3U);
  EXPECT_EQ(parsed->repeated_ids[0].first_line, 2U);
  EXPECT_EQ(parsed->repeated_ids[1].line, 4U);
}

// The real City of London file for January 2019 (../shared/data/police-uk; README: 617 rows,
// 31 without a location), which an assessment found refused at line 172.
TEST(StreetCrimes, TheRealCityOfLondonFileIsReadWhole) {
  const std::filesystem::path file = std::filesystem::path(PEEL_SOURCE_DIR) /
                                     "../shared/data/police-uk/2019-01-city-of-london-street.csv";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no " << file << " here";
  std::ifstream in(file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto parsed = parse_street_crimes(text);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->events.size() + parsed->without_location, 617U);
  EXPECT_EQ(parsed->without_location, 31U);
  ASSERT_EQ(parsed->repeated_ids.size(), 4U);
  EXPECT_EQ(parsed->repeated_ids[0].line, 172U);
  EXPECT_EQ(parsed->repeated_ids[0].first_line, 168U);
  EXPECT_EQ(parsed->repeated_ids[3].line, 618U) << "a repeat without a location is reported too";
}

}  // namespace
}  // namespace peel::pole
