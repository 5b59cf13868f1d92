// libFuzzer target: process definitions as an automation administrator (or anyone with the
// permission) might upload them. Any crash or sanitizer report is a bug, and so is a broken
// promise: an accepted definition's steps are all of known kinds with their required
// parameters, and their ids are distinct.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "robotics/process_definition.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto definition = peel::robotics::parse_process_definition(text);
  if (!definition) return 0;
  std::set<std::string> ids;
  for (const auto& step : definition->steps) {
    const auto kind = peel::robotics::step_kinds().find(step.kind);
    if (kind == peel::robotics::step_kinds().end()) std::abort();
    for (const auto& needed : kind->second.required) {
      if (!step.with.contains(needed)) std::abort();
    }
    if (!ids.insert(step.id).second) std::abort();
  }
  return 0;
}
