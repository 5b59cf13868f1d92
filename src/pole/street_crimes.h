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

struct StreetCrimes {
  std::vector<NewOccurrence> events;
  size_t without_location = 0;  // rows the publisher could not place (skipped)
};

// Columns: Crime ID, Month, Reported by, Falls within, Longitude, Latitude, Location, LSOA code,
// LSOA name, Crime type, Last outcome category, Context. Each row is one event over its month;
// a crime's Crime ID is its external id (anti-social behaviour has none, so a digest of the row
// and its place among identical rows stands in, and importing a file twice adds nothing).
Result<StreetCrimes> parse_street_crimes(std::string_view text);

}  // namespace peel::pole
