#include "pole/street_crimes.h"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <map>

#include "core/crypto.h"
#include "core/csv.h"
#include "pole/crime_classes.h"
#include "pole/register.h"

namespace peel::pole {

namespace {

constexpr size_t kMaxRows = 5'000'000;
constexpr std::array<std::string_view, 12> kHeader = {"Crime ID",
                                                      "Month",
                                                      "Reported by",
                                                      "Falls within",
                                                      "Longitude",
                                                      "Latitude",
                                                      "Location",
                                                      "LSOA code",
                                                      "LSOA name",
                                                      "Crime type",
                                                      "Last outcome category",
                                                      "Context"};

enum Column {
  kId,
  kMonth,
  kReportedBy,
  kFallsWithin,
  kLon,
  kLat,
  kPlace,
  kLsoaCode,
  kLsoaName,
  kType,
  kOutcome,
  kContext
};

// "2026-09" as the first and the last moment of the month.
std::optional<std::pair<Timestamp, Timestamp>> month_span(const std::string& text) {
  int y = 0, m = 0, used = 0;
  if (text.size() != 7 || std::sscanf(text.c_str(), "%4d-%2d%n", &y, &m, &used) != 2 || used != 7 ||
      m < 1 || m > 12 || y < 2000)
    return std::nullopt;
  using namespace std::chrono;
  const sys_days first{year{y} / month{static_cast<unsigned>(m)} / day{1}};
  const sys_days next{(year_month{year{y}, month{static_cast<unsigned>(m)}} + months{1}) / day{1}};
  return std::pair{Timestamp{first}, Timestamp{next} - milliseconds(1)};
}

bool is_hex_id(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

Result<StreetCrimes> parse_street_crimes(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  auto rows = read_csv(text, "file", kMaxRows);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::invalid("file", "is empty: the header row is needed");
  const auto& header = rows->front().fields;
  if (header.size() != kHeader.size())
    return Error::invalid("file", fmt::format("line 1: the header has {} columns, not {}",
                                              header.size(), kHeader.size()));
  for (size_t i = 0; i < kHeader.size(); ++i) {
    if (trimmed(header[i]) != kHeader[i])
      return Error::invalid("file", fmt::format("line 1, column {}: '{}' where the header has "
                                                "'{}'",
                                                i + 1, trimmed(header[i]), kHeader[i]));
  }
  StreetCrimes out;
  std::map<std::string, int> seen;  // identical rows without a Crime ID, by digest
  struct Seen {
    size_t first_line = 0;
    int times = 0;
  };
  std::map<std::string, Seen> ids;  // Crime IDs: the line each was first on, and how often
  for (size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    auto bad = [&](Column c, const std::string& reason) {
      return Error::invalid("file", fmt::format("line {}, {}: {}", row.line, kHeader[c], reason));
    };
    if (row.fields.size() != kHeader.size())
      return Error::invalid("file", fmt::format("line {}: {} fields, not {}", row.line,
                                                row.fields.size(), kHeader.size()));
    auto cell = [&](Column c) { return trimmed(row.fields[c]); };
    // The store's rules for an event's text (validate_occurrence), per column: the place and the
    // LSOA name together make the place, the force the source.
    for (size_t c = 0; c < kHeader.size(); ++c) {
      const size_t most = c == kPlace || c == kLsoaName           ? 140
                          : c == kFallsWithin || c == kReportedBy ? 150
                                                                  : 300;
      if (row.fields[c].size() > most)
        return bad(static_cast<Column>(c), fmt::format("is over {} characters", most));
      if (Status s = check_text(std::string(kHeader[c]), row.fields[c], most); !s)
        return bad(static_cast<Column>(c), "must not hold control characters");
    }
    NewOccurrence e;
    const std::string id = cell(kId);
    if (!id.empty() && !is_hex_id(id)) return bad(kId, "must be 64 hexadecimal digits or empty");
    // A repeat is reported whether or not the row can be placed.
    std::string repeat;
    if (!id.empty()) {
      if (const auto [at, fresh] = ids.emplace(id, Seen{row.line, 1}); !fresh) {
        out.repeated_ids.push_back({row.line, at->second.first_line});
        repeat = fmt::format("#{}", ++at->second.times);
      }
    }
    const auto span = month_span(cell(kMonth));
    if (!span) return bad(kMonth, "must be YYYY-MM");
    e.occurred_from = span->first;
    e.occurred_to = span->second;
    const std::string lon = cell(kLon), lat = cell(kLat);
    if (lon.empty() != lat.empty()) return bad(lon.empty() ? kLon : kLat, "is empty");
    if (lon.empty()) {
      ++out.without_location;
      continue;
    }
    const auto la = parse_degrees(lat, 90), lo = parse_degrees(lon, 180);
    if (!la) return bad(kLat, "must be degrees between -90 and 90");
    if (!lo) return bad(kLon, "must be degrees between -180 and 180");
    e.at = geo::LatLon{*la, *lo};
    const CrimeClass* k = find_crime_class(cell(kType));
    if (!k) return bad(kType, "is not one of data.police.uk's crime types");
    e.type = k->is_crime ? "crime" : "incident";
    e.classification = k->code;
    e.place = cell(kPlace);
    if (!cell(kLsoaName).empty()) e.place += " (" + cell(kLsoaName) + ")";
    e.outcome = cell(kOutcome);
    e.narrative = cell(kContext);
    e.source =
        "data.police.uk: " + (cell(kFallsWithin).empty() ? cell(kReportedBy) : cell(kFallsWithin));
    if (!id.empty()) {
      e.external_id = fmt::format("police.uk:{}{}", id, repeat);
    } else {
      std::string joined;
      for (const auto& f : row.fields) joined += trimmed(f) + '\x1f';
      const std::string digest = sha256_hex(joined).substr(0, 40);
      e.external_id = fmt::format("police.uk:{}#{}", digest, ++seen[digest]);
    }
    out.events.push_back(std::move(e));
  }
  return out;
}

}  // namespace peel::pole
