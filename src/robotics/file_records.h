// The records in a file dropped in a watched folder, each to become a work item: the rows of a
// CSV file (its header names the process's fields), the objects of a JSON file (one object, or
// an array of them), or the one message of an .eml file (its fields: from, from_name, to,
// subject, date, body; a process takes those it declares). A file that is not what its
// extension says, or whose CSV header names a field the process does not have, is refused
// whole, naming the file and the line; a record with a bad value becomes an item for a person
// to fix (the fields are checked as a form's are, later).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "robotics/process_definition.h"

namespace peel::robotics {

struct FileRecord {
  size_t at = 0;      // the CSV line, the JSON array index (from 1), or 1 for a message
  std::string input;  // a JSON object of text values
};

inline constexpr size_t kMostFileRecords = 100'000;

Result<std::vector<FileRecord>> read_file_records(const std::string& format, std::string_view text,
                                                  const std::string& name,
                                                  const std::vector<FieldSpec>& fields);

}  // namespace peel::robotics
