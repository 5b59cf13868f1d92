#include "robotics/triggers.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/json_text.h"
#include "core/log.h"
#include "robotics/process_reach.h"
#include "robotics/trigger_items.h"

namespace peel::robotics {

namespace json = boost::json;

namespace {

constexpr const char* kEventCursor = "events";
constexpr int kEventsPerLook = 1000;

Result<std::optional<long long>> cursor(store::Store& store) {
  auto rows =
      store::in_transaction<store::Rows>(store, store::Access::kRead, [&](store::Session& s) {
        return s.query("SELECT sequence FROM robotics_cursors WHERE name = $1", {kEventCursor});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<long long>();
  return std::optional<long long>(rows->front().integer(0));
}

Status save_cursor(store::Store& store, long long sequence) {
  return store.transact(store::Access::kWrite, [&](store::Session& s) -> Status {
    auto updated = s.execute("UPDATE robotics_cursors SET sequence = $2 WHERE name = $1",
                             {kEventCursor, sequence});
    if (!updated) return std::move(updated).error();
    if (*updated > 0) return {};
    auto made = s.execute("INSERT INTO robotics_cursors (name, sequence) VALUES ($1, $2)",
                          {kEventCursor, sequence});
    if (!made) return std::move(made).error();
    return {};
  });
}

}  // namespace

Triggers::Triggers(Robotics& robotics, events::EventLog& log, store::Store& store,
                   const Clock& clock, InstallerRights rights)
    : robotics_(robotics),
      log_(log),
      store_(store),
      clock_(clock),
      rights_(std::move(rights)),
      folders_(robotics, clock) {}

Status Triggers::tick() {
  auto processes = robotics_.processes.list();
  if (!processes) return processes.error();
  if (auto scanned = folders_.scan(*processes); !scanned) return scanned.error();
  if (Status s = schedules(*processes); !s) return s;
  return events(*processes);
}

Result<bool> Triggers::enqueue(const ProcessDefinition& p, const std::string& reference,
                               const std::string& input, const auth::Actor& by) {
  auto made = robotics_.queue.enqueue(
      checked_item_of(p, reference, input, clock_.now(), "the input is not valid"), by);
  if (made) return true;
  if (made.error().code != ErrorCode::kConflict) return made.error();
  return false;
}

Status Triggers::schedules(const std::vector<InstalledProcess>& processes) {
  static const auth::Actor schedule{"robotics", "robotics", {"schedule"}};
  for (const auto& installed : processes) {
    const ProcessDefinition& p = installed.definition;
    if (p.trigger.kind != "schedule" || installed.retired_at) continue;
    const auto period = std::chrono::minutes(p.trigger.every_minutes);
    const auto since_epoch = clock_.now().time_since_epoch();
    const Timestamp slot(std::chrono::duration_cast<Timestamp::duration>(
        since_epoch - since_epoch % std::chrono::duration_cast<Timestamp::duration>(period)));
    json::object input;
    if (std::any_of(p.fields.begin(), p.fields.end(),
                    [](const FieldSpec& f) { return f.name == "due"; }))
      input["due"] = format_rfc3339(slot);
    if (auto made = enqueue(p, "schedule:" + format_rfc3339(slot), json_text(input), schedule);
        !made)
      return made.error();
  }
  return {};
}

Status Triggers::events(const std::vector<InstalledProcess>& processes) {
  std::vector<const InstalledProcess*> listening;
  for (const auto& installed : processes) {
    if (installed.definition.trigger.kind == "event" && !installed.retired_at)
      listening.push_back(&installed);
  }
  auto from = cursor(store_);
  if (!from) return from.error();
  const long long head = log_.last_sequence();
  if (!*from || listening.empty()) {  // nothing listens: nothing to take up later either
    if (*from == head) return {};
    return save_cursor(store_, head);
  }
  auto read = log_.read(**from, kEventsPerLook);
  if (!read) return read.error();
  long long last = **from;
  for (const auto& e : *read) {
    last = e.sequence;
    for (const auto* installed : listening) {
      const ProcessDefinition* p = &installed->definition;
      if (p->trigger.source != e.type) continue;
      const auto source = event_source(e.type);
      const auto installer =
          source ? rights_.may(installed->installed_by, source->permission) : std::nullopt;
      if (!installer) {  // the installer may no longer read it: the process gets nothing
        log::warn(
            "robotics.event_withheld",
            {{"process", p->id}, {"event", e.type}, {"installed_by", installed->installed_by}});
        continue;
      }
      boost::system::error_code ec;
      const json::value payload = json::parse(e.payload, ec);
      json::object input;
      for (const auto& f : p->fields) {
        const json::value* v =
            !ec && payload.is_object() ? payload.as_object().if_contains(f.name) : nullptr;
        if (v && !v->is_null()) input[f.name] = v->is_string() ? *v : json::value(json_text(*v));
        if (f.name == "stream") input["stream"] = e.stream;
        if (f.name == "reason" && !e.reason.empty()) input["reason"] = e.reason;
      }
      // Logged before the item is made: a crash between the two logs a read twice, never none.
      if (!source->subject_type.empty()) {
        const auto slash = e.stream.find('/');
        if (Status s = rights_.log_read(
                *installer, source->subject_type,
                slash == std::string::npos ? e.stream : e.stream.substr(slash + 1),
                fmt::format("automated process {} version {}", p->id, p->version),
                fmt::format("{} #{} delivered as a work item", e.type, e.sequence));
            !s)
          return s;
      }
      auto made = enqueue(*p, fmt::format("event:{}", e.sequence), json_text(input),
                          {"robotics", "robotics", {"events"}});
      if (!made) return made.error();
    }
  }
  if (last == **from) return {};
  return save_cursor(store_, last);
}

}  // namespace peel::robotics
