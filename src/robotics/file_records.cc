#include "robotics/file_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "core/csv.h"
#include "core/json_text.h"
#include "robotics/email_message.h"

namespace peel::robotics {

namespace json = boost::json;

namespace {

bool declared(const std::vector<FieldSpec>& fields, const std::string& name) {
  return std::any_of(fields.begin(), fields.end(),
                     [&](const FieldSpec& f) { return f.name == name; });
}

// The length of the UTF-8 sequence at `i`, or 0 when there is none: a stray byte, NUL, an
// overlong form, a surrogate or a code point past U+10FFFF (RFC 3629).
size_t utf8_at(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char c = byte(0);
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size() || byte(1) < low || byte(1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  }
  return length;
}

// Text that is not UTF-8 (or holds NUL) is not a CSV or JSON file, whatever its name says.
bool looks_like_text(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t length = utf8_at(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

// An email's text as UTF-8: mail comes in every character set, and a byte that is not UTF-8
// becomes U+FFFD rather than stopping the message being read.
std::string as_utf8(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const size_t length = utf8_at(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

Result<std::vector<FileRecord>> csv_records(std::string_view text, const std::string& name,
                                            const std::vector<FieldSpec>& fields) {
  auto rows = read_csv(text, name, kMostFileRecords);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::invalid(name, "is empty: a CSV file starts with its header");
  const std::vector<std::string>& header = rows->front().fields;
  std::set<std::string> seen;
  for (const auto& column : header) {
    const std::string field = trimmed(column);
    if (!declared(fields, field))
      return Error::invalid(name, fmt::format("line 1: column \"{}\" is not a field of the"
                                              " process",
                                              field));
    if (!seen.insert(field).second)
      return Error::invalid(name, fmt::format("line 1: column \"{}\" is named twice", field));
  }
  std::vector<FileRecord> out;
  for (size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    if (row.fields.size() != header.size())
      return Error::invalid(name, fmt::format("line {}: {} values for {} columns", row.line,
                                              row.fields.size(), header.size()));
    json::object input;
    for (size_t c = 0; c < header.size(); ++c) {
      if (!trimmed(row.fields[c]).empty()) input[trimmed(header[c])] = row.fields[c];
    }
    out.push_back({row.line, json_text(input)});
  }
  return out;
}

Result<std::vector<FileRecord>> json_records(std::string_view text, const std::string& name) {
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec) return Error::invalid(name, "is not JSON: " + ec.message());
  std::vector<const json::value*> objects;
  if (doc.is_object()) {
    objects.push_back(&doc);
  } else if (doc.is_array() && doc.as_array().size() <= kMostFileRecords) {
    for (const auto& v : doc.as_array()) objects.push_back(&v);
  } else {
    return Error::invalid(name, "must hold one JSON object or an array of them");
  }
  std::vector<FileRecord> out;
  for (size_t i = 0; i < objects.size(); ++i) {
    if (!objects[i]->is_object())
      return Error::invalid(name, fmt::format("item {} is not a JSON object", i + 1));
    json::object input;
    for (const auto& [key, value] : objects[i]->as_object()) {
      // Numbers and flags as text, as a form sends them; the process's field types check them.
      input[key] = value.is_string() ? value : json::value(json_text(value));
    }
    out.push_back({i + 1, json_text(input)});
  }
  return out;
}

Result<std::vector<FileRecord>> eml_record(std::string_view text, const std::string& name,
                                           const std::vector<FieldSpec>& fields) {
  auto message = read_email(text, name);
  if (!message) return std::move(message).error();
  json::object input;
  for (const auto& [field, value] :
       {std::pair<const char*, const std::string*>{"from", &message->from},
        {"from_name", &message->from_name},
        {"to", &message->to},
        {"subject", &message->subject},
        {"date", &message->date},
        {"body", &message->body}}) {
    if (declared(fields, field) && !value->empty()) input[field] = as_utf8(*value);
  }
  return std::vector<FileRecord>{{1, json_text(input)}};
}

}  // namespace

Result<std::vector<FileRecord>> read_file_records(const std::string& format, std::string_view text,
                                                  const std::string& name,
                                                  const std::vector<FieldSpec>& fields) {
  if (format == "eml") return eml_record(text, name, fields);
  if (!looks_like_text(text))
    return Error::invalid(name, "is not a " + format + " file: it is not text (UTF-8)");
  if (format == "csv") return csv_records(text, name, fields);
  if (format == "json") return json_records(text, name);
  return Error::invalid(name, "is of a format Peel does not read (" + format + ")");
}

}  // namespace peel::robotics
