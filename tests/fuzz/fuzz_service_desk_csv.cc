// The service desk's CSV export comes from outside Peel: any bytes are either read into tickets
// that keep the promises of service_desk_csv.h, or refused with a reason naming where.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "techbar/service_desk_csv.h"
#include "techbar/visits.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto tickets = peel::techbar::read_service_desk_csv(text);
  if (!tickets) {
    if (tickets.error().message.empty() || tickets.error().fields.empty()) std::abort();
    return 0;
  }
  const auto& types = peel::techbar::device_types();
  std::set<std::string> references;
  for (const auto& t : *tickets) {
    const auto& c = t.contact;
    if (t.reference.empty() || t.reference.size() > 64) std::abort();
    if (!references.insert(t.reference).second) std::abort();  // unique
    if (std::find(types.begin(), types.end(), c.device_type) == types.end()) std::abort();
    if (c.resolved_at && *c.resolved_at < c.opened_at) std::abort();
    if (c.first_time_fix && !c.resolved_at) std::abort();
    if (c.score && (*c.score < 1 || *c.score > 5 || !c.surveyed)) std::abort();
    if (c.symptom.size() > 500) std::abort();
  }
  return 0;
}
