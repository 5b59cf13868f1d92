// CSV as RFC 4180 writes it: quoted fields may hold commas, quotes ("") and line breaks; blank
// lines are skipped. Each row remembers the line it started on, for errors that name it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace peel {

struct CsvRow {
  size_t line = 0;
  std::vector<std::string> fields;
};

// `what` names the input in errors ("calls: line 3: a quote is not closed").
Result<std::vector<CsvRow>> read_csv(std::string_view text, const std::string& what,
                                     size_t max_rows);
// One cell to write: quoted when it holds a comma, quote or line break, and a leading = + - @
// prefixed with ' so that a spreadsheet does not run a name as a formula.
std::string csv_cell(std::string_view text);
// A number of degrees within +-limit, all of `text`; nullopt otherwise.
std::optional<double> parse_degrees(const std::string& text, double limit);
// A whole number from low to high, all of `text`; nullopt otherwise.
std::optional<int> parse_whole_number(std::string_view text, int low, int high);
// Without the spaces around it.
std::string trimmed(std::string_view s);
// With ASCII letters in lower case (header names, character sets, keywords).
std::string lowercase(std::string_view s);

}  // namespace peel
