#include "robotics/api/item_json.h"

#include <boost/json.hpp>

namespace peel::robotics {

namespace json = boost::json;

json::object item_json(const WorkItem& w, const std::vector<HistoryEntry>& history,
                       bool with_input) {
  json::array lines;
  for (const auto& h : history) {
    lines.push_back(json::object{
        {"at", format_rfc3339(h.at)}, {"what", h.what}, {"actor", h.actor}, {"detail", h.detail}});
  }
  json::object out{{"id", w.id},
                   {"process_id", w.facts.process_id},
                   {"process_version", w.facts.process_version},
                   {"queue", w.facts.queue},
                   {"source_reference", w.facts.reference},
                   {"state", w.state},
                   {"priority", w.facts.priority},
                   {"deadline", format_rfc3339(w.facts.deadline)},
                   {"attempts", w.attempts},
                   {"next_step", w.next_step},
                   {"outcome", json::parse(w.outcome)},
                   {"created_at", format_rfc3339(w.created_at)},
                   {"updated_at", format_rfc3339(w.updated_at)},
                   {"history", std::move(lines)}};
  out["reason"] = w.reason.empty() ? json::value(nullptr) : json::value(w.reason);
  out["waiting_for"] = w.waiting_for.empty() ? json::value(nullptr) : json::value(w.waiting_for);
  if (with_input) out["input"] = json::parse(w.facts.input);
  return out;
}

}  // namespace peel::robotics
