#include "sim/calls_csv.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "core/csv.h"

namespace peel::sim {

namespace {

constexpr size_t kMaxRows = 10'000'000;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<std::string> parse_priority(const std::string& text) {
  static const std::map<std::string, std::string> names = {
      {"i", "I"},         {"s", "S"},           {"e", "E"},        {"r", "R"},
      {"1", "I"},         {"2", "S"},           {"3", "E"},        {"4", "R"},
      {"immediate", "I"}, {"significant", "S"}, {"extended", "E"}, {"referred", "R"}};
  const auto it = names.find(lower(text));
  if (it != names.end()) return it->second;
  return std::nullopt;
}

}  // namespace

std::optional<Timestamp> parse_call_time(std::string text) {
  if (auto t = parse_rfc3339(text)) return t;
  if (text.size() == 16) text += ":00";
  if (text.size() == 19 && text[10] == ' ') {
    text[10] = 'T';
    return parse_rfc3339(text + "Z");
  }
  return std::nullopt;
}

Result<std::vector<RecordedCall>> parse_calls_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  auto rows = read_csv(text, "calls", kMaxRows);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::invalid("calls", "is empty: a header row is needed");
  std::map<std::string, size_t> column;
  const auto& header = rows->front().fields;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string name = lower(trimmed(header[i]));
    if (!name.empty() && !column.emplace(name, i).second)
      return Error::invalid("calls", "the header names " + name + " twice");
  }
  for (const char* required : {"time", "type", "priority"}) {
    if (!column.contains(required))
      return Error::invalid("calls", std::string("the header has no ") + required + " column");
  }
  const bool has_point = column.contains("lat") && column.contains("lon");
  if (!has_point && !column.contains("address"))
    return Error::invalid("calls", "the header needs lat and lon, or address");

  std::vector<RecordedCall> calls;
  calls.reserve(rows->size() - 1);
  for (size_t r = 1; r < rows->size(); ++r) {
    const size_t line = (*rows)[r].line;
    const std::vector<std::string>& fields = (*rows)[r].fields;
    auto bad = [line](const std::string& name, const std::string& reason) {
      std::string message = "line " + std::to_string(line);
      message += ", ";
      message += name;
      message += ": ";
      message += reason;
      return Error::invalid("calls", message);
    };
    auto cell = [&column, &fields](const std::string& name) -> std::string {
      const auto it = column.find(name);
      return it == column.end() || it->second >= fields.size() ? std::string()
                                                               : trimmed(fields[it->second]);
    };
    RecordedCall call;
    call.line = line;
    const auto at = parse_call_time(cell("time"));
    if (!at) return bad("time", "must be RFC 3339 or YYYY-MM-DD HH:MM[:SS]");
    call.at = *at;
    call.type = lower(cell("type"));
    if (call.type.empty()) return bad("type", "is empty");
    if (call.type.size() > 60) return bad("type", "is longer than 60 characters");
    const auto grade = parse_priority(cell("priority"));
    if (!grade) return bad("priority", "must be I, S, E, R, 1-4 or a grade's name");
    call.grade = *grade;
    const std::string lat = cell("lat"), lon = cell("lon");
    if (!lat.empty() || !lon.empty()) {
      const auto la = parse_degrees(lat, 90), lo = parse_degrees(lon, 180);
      if (!la) return bad("lat", "must be degrees between -90 and 90");
      if (!lo) return bad("lon", "must be degrees between -180 and 180");
      call.location = geo::LatLon{*la, *lo};
    }
    call.address = cell("address");
    if (call.address.size() > 200) return bad("address", "is longer than 200 characters");
    if (!call.location && call.address.empty()) return bad("lat/lon", "or address is required");
    for (auto [name, target] :
         {std::pair{"dispatched_at", &call.dispatched_at},
          std::pair{"arrived_at", &call.arrived_at}, std::pair{"cleared_at", &call.cleared_at}}) {
      const std::string value = cell(name);
      if (value.empty()) continue;
      *target = parse_call_time(value);
      if (!*target) return bad(name, "must be RFC 3339 or YYYY-MM-DD HH:MM[:SS]");
      if (**target < call.at) return bad(name, "is before the call's time");
    }
    calls.push_back(std::move(call));
  }
  std::stable_sort(calls.begin(), calls.end(),
                   [](const auto& a, const auto& b) { return a.at < b.at; });
  return calls;
}

}  // namespace peel::sim
