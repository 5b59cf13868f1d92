#include "techbar/service_desk_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/csv.h"
#include "techbar/visits.h"

namespace peel::techbar {

namespace {

// RFC 3339, or the "2026-03-01 09:14[:00]" most desks export, in UTC.
std::optional<Timestamp> read_time(const std::string& text) {
  if (auto t = parse_rfc3339(text)) return t;
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  if (text[10] != ' ' && text[10] != 'T') return std::nullopt;
  std::string iso = text;
  iso[10] = 'T';
  if (iso.size() == 16) iso += ":00";
  return parse_rfc3339(iso + "Z");
}

std::optional<bool> read_yes_no(const std::string& text) {
  const std::string word = lowercase(text);
  if (word.empty() || word == "no" || word == "n" || word == "false" || word == "0") return false;
  if (word == "yes" || word == "y" || word == "true" || word == "1") return true;
  return std::nullopt;
}

Error bad(size_t line, const std::string& column, const std::string& reason) {
  return Error::invalid("csv", fmt::format("line {}: {}: {}", line, column, reason));
}

}  // namespace

std::optional<std::string> device_type_named(std::string_view text) {
  std::string name;
  for (const char c : trimmed(text)) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!name.empty() && name.back() != '_') {
      name += '_';
    }
  }
  if (!name.empty() && name.back() == '_') name.pop_back();
  const auto& types = device_types();
  if (std::find(types.begin(), types.end(), name) == types.end()) return std::nullopt;
  return name;
}

Result<std::vector<ServiceDeskTicket>> read_service_desk_csv(std::string_view text) {
  auto rows = read_csv(text, "csv", kMaxServiceDeskRows + 1);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::invalid("csv", "is empty: the header and the tickets");
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < rows->front().fields.size(); ++i) {
    const std::string name = lowercase(trimmed(rows->front().fields[i]));
    if (!column.emplace(name, i).second) return bad(rows->front().line, name, "is a column twice");
  }
  for (const char* required : {"reference", "opened", "device_type"}) {
    if (!column.contains(required))
      return Error::invalid("csv", fmt::format("has no {} column: the header must name"
                                               " reference, opened and device_type",
                                               required));
  }
  const bool sent_column = column.contains("survey_sent");
  std::vector<ServiceDeskTicket> out;
  std::set<std::string> seen;
  for (size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    const auto cell = [&](const char* name) -> std::string {
      const auto it = column.find(name);
      if (it == column.end() || it->second >= row.fields.size()) return "";
      return trimmed(row.fields[it->second]);
    };
    if (row.fields.size() != rows->front().fields.size())
      return bad(row.line, "row",
                 fmt::format("has {} cells where the header has {}", row.fields.size(),
                             rows->front().fields.size()));
    ServiceDeskTicket t;
    t.reference = cell("reference");
    if (t.reference.empty() || t.reference.size() > 64)
      return bad(row.line, "reference", "must be 1 to 64 characters");
    if (!seen.insert(t.reference).second)
      return bad(row.line, "reference", t.reference + " is in the file twice");
    Contact& c = t.contact;
    const auto opened = read_time(cell("opened"));
    if (!opened) return bad(row.line, "opened", "must be a time: 2026-03-01 09:14 or RFC 3339");
    c.opened_at = *opened;
    if (const std::string resolved = cell("resolved"); !resolved.empty()) {
      c.resolved_at = read_time(resolved);
      if (!c.resolved_at)
        return bad(row.line, "resolved", "must be a time: 2026-03-01 09:14 or RFC 3339");
      if (*c.resolved_at < c.opened_at) return bad(row.line, "resolved", "is before opened");
    }
    const auto device = device_type_named(cell("device_type"));
    if (!device)
      return bad(row.line, "device_type",
                 "must be laptop, tablet, phone, radio, body-worn camera, desktop, printer,"
                 " account/access or software");
    c.device_type = *device;
    c.symptom = cell("symptom").substr(0, 500);
    const auto ftf = read_yes_no(cell("first_time_fix"));
    if (!ftf) return bad(row.line, "first_time_fix", "must be yes or no");
    c.first_time_fix = *ftf && c.resolved_at;
    const auto sent = read_yes_no(cell("survey_sent"));
    if (!sent) return bad(row.line, "survey_sent", "must be yes or no");
    if (const std::string score = cell("survey_score"); !score.empty()) {
      c.score = parse_whole_number(score, 1, 5);
      if (!c.score) return bad(row.line, "survey_score", "must be 1 to 5, or empty");
    }
    c.surveyed = (sent_column ? *sent : c.resolved_at.has_value()) || c.score.has_value();
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace peel::techbar
