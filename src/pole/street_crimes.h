// Police open data: data.police.uk's street-level crime files ("2026-09-metropolitan-street.csv")
// read as events with their places, so search and the Operating Picture have real volumes. The
// file is read strictly: its header must be the published one, and a row that breaks a rule is
// an error naming its line and column, with nothing imported.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "pole/occurrences.h"

namespace peel::pole {

// A Crime ID given again on a later line. Published files do this (four times in the City of
// London's January 2019 file), each time with another place: the repeat is kept as a second
// event of that crime, with the external id "police.uk:ID#2" (#3, ...), and reported.
struct RepeatedCrimeId {
  size_t line = 0, first_line = 0;
};

struct StreetCrimes {
  std::vector<NewOccurrence> events;
  size_t without_location = 0;  // rows the publisher could not place (skipped)
  std::vector<RepeatedCrimeId> repeated_ids;
};

// Columns: Crime ID, Month, Reported by, Falls within, Longitude, Latitude, Location, LSOA code,
// LSOA name, Crime type, Last outcome category, Context. Each row is one event over its month;
// a crime's Crime ID is its external id (anti-social behaviour has none, so a digest of the row
// and its place among identical rows stands in, and importing a file twice adds nothing). A
// repeated Crime ID is not an error (RepeatedCrimeId); a row that breaks the format is, and
// nothing of the file is imported.
Result<StreetCrimes> parse_street_crimes(std::string_view text);

}  // namespace peel::pole
