#include "robotics/trigger_items.h"

#include <fmt/format.h>

#include "robotics/form_fields.h"

namespace peel::robotics {

NewWorkItem item_of(const ProcessDefinition& process, const std::string& reference,
                    const std::string& input, Timestamp now) {
  return {.queue = process.queue,
          .process_id = process.id,
          .process_version = process.version,
          .reference = reference,
          .priority = process.priority,
          .deadline = now + std::chrono::minutes(process.deadline_minutes),
          .input = input,
          .refused_reason = ""};
}

NewWorkItem checked_item_of(const ProcessDefinition& process, const std::string& reference,
                            const std::string& input, Timestamp now, const std::string& where) {
  auto checked = checked_fields(process, input, now);
  NewWorkItem item = item_of(process, reference, checked ? *checked : input, now);
  if (!checked) item.refused_reason = where + ": " + problems_of(checked.error());
  return item;
}

std::string problems_of(const Error& refused) {
  if (refused.fields.empty()) return refused.message;
  std::string out;
  for (const auto& f : refused.fields)
    out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", f.field, f.reason);
  return out;
}

}  // namespace peel::robotics
