#include "core/csv.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace peel {

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

Result<std::vector<CsvRow>> read_csv(std::string_view text, const std::string& what,
                                     size_t max_rows) {
  std::vector<CsvRow> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false;
  size_t line = 1, row_line = 1;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started && field.empty()) {
      quoted = field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_field();
      const bool blank = row.size() == 1 && trimmed(row[0]).empty();
      if (!blank) rows.push_back({row_line, std::move(row)});
      if (rows.size() > max_rows)
        return Error::too_large(fmt::format("{}: more than {} rows", what, max_rows));
      row.clear();
      row_line = ++line;
    } else {
      field_started = true;
      field += c;
    }
  }
  if (quoted)
    return Error::invalid(what, "line " + std::to_string(row_line) + ": a quote is not closed");
  if (field_started || !field.empty() || !row.empty()) {
    end_field();
    if (!(row.size() == 1 && trimmed(row[0]).empty())) rows.push_back({row_line, std::move(row)});
  }
  return rows;
}

std::optional<double> parse_degrees(const std::string& text, double limit) {
  double v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !(v >= -limit && v <= limit)) return std::nullopt;
  return v;
}

std::optional<int> parse_whole_number(std::string_view text, int low, int high) {
  int v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || v < low || v > high) return std::nullopt;
  return v;
}

std::string csv_cell(std::string_view text) {
  std::string value(text);
  if (!value.empty() && std::string_view("=+-@").find(value.front()) != std::string_view::npos)
    value.insert(0, "'");
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace peel
