// libFuzzer target: data.police.uk street-level crime files as anyone might hand them over.
// Any crash, sanitizer report or broken promise (an event without a place, an end before its
// start, a missing or repeated external id, an event the store would refuse) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "pole/street_crimes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = peel::pole::parse_street_crimes(text);
  if (!parsed) return 0;
  static const peel::SystemClock clock;
  std::set<std::string> ids;
  for (const auto& e : parsed->events) {
    if (!e.at || e.occurred_to < e.occurred_from || e.external_id.empty()) std::abort();
    if (!ids.insert(e.external_id).second) std::abort();
    // A month in the future is refused by the store, properly; anything else must pass.
    if (e.occurred_to <= clock.now() && !peel::pole::validate_occurrence(e, clock)) std::abort();
  }
  return 0;
}
