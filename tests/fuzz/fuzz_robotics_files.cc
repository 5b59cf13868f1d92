// libFuzzer target: files dropped in watched folders (CSV, JSON, .eml), which come from other
// systems and the public. The first byte picks the format. Any crash or sanitizer report is a
// bug, and so is a broken promise: every record read is a JSON object of the declared fields
// (CSV, e-mail) and records are numbered from 1.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "robotics/file_records.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* formats[] = {"csv", "json", "eml"};
  const std::string format = formats[data[0] % 3];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  static const std::vector<peel::robotics::FieldSpec> fields{
      {"surname", "text", false, 100, false, {}},
      {"from", "email", false, 200, false, {}},
      {"subject", "text", false, 200, false, {}},
      {"body", "text", false, 5000, false, {}}};
  const auto records = peel::robotics::read_file_records(format, text, "fuzz", fields);
  if (!records) return 0;
  for (const auto& r : *records) {
    if (r.at == 0) std::abort();
    const boost::json::value v = boost::json::parse(r.input);
    if (!v.is_object()) std::abort();
    if (format == "json") continue;  // JSON keys are checked later, as a form's are
    for (const auto& [key, value] : v.as_object()) {
      bool known = false;
      for (const auto& f : fields) known = known || f.name == key;
      if (!known || !value.is_string()) std::abort();
    }
  }
  return 0;
}
