// Recorded calls files come from outside (a force's export, a published dataset): any bytes are
// either parsed into calls that keep the documented promises, or refused with a reason.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sim/calls_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto calls = peel::sim::parse_calls_csv(text);
  if (!calls) {
    if (calls.error().message.empty()) std::abort();
    return 0;
  }
  for (size_t i = 0; i < calls->size(); ++i) {
    const auto& c = (*calls)[i];
    if (c.grade.size() != 1 || std::string_view("ISER").find(c.grade) == std::string_view::npos)
      std::abort();
    if (c.type.empty() || (!c.location && c.address.empty())) std::abort();
    if (c.location && !(c.location->lat >= -90 && c.location->lat <= 90)) std::abort();
    if (i > 0 && c.at < (*calls)[i - 1].at) std::abort();  // in time order
    if (c.arrived_at && *c.arrived_at < c.at) std::abort();
  }
  return 0;
}
