// Items are rows of robotics_items; each change is an event on "robotics-item/<id>" whose effect
// re-reads the row, checks the change is still allowed (the lease, the state) and writes it with
// a line of history, all in one transaction: two workers can never both hold one item.
#include "robotics/work_queue.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"

namespace peel::robotics {

namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "SELECT id, queue, process_id, process_version, reference, priority, deadline, input, state,"
    " attempts, next_step, outcome, reason, worker, lease_until, not_before, created_at,"
    " updated_at, submitted_by, waiting_for FROM robotics_items";

Timestamp time_of(const std::optional<std::string>& text) {
  return text ? parse_rfc3339(*text).value_or(Timestamp{}) : Timestamp{};
}

WorkItem item_from_row(const store::Row& r) {
  WorkItem w;
  w.id = r.text(0);
  w.facts = {.queue = r.text(1),
             .process_id = r.text(2),
             .process_version = static_cast<int>(r.integer(3)),
             .reference = r.text(4),
             .priority = static_cast<int>(r.integer(5)),
             .deadline = time_of(r.text(6)),
             .input = r.text(7),
             .refused_reason = ""};
  w.state = r.text(8);
  w.attempts = static_cast<int>(r.integer(9));
  w.next_step = static_cast<int>(r.integer(10));
  w.outcome = r.text(11);
  w.reason = r.optional_text(12).value_or("");
  w.worker = r.optional_text(13).value_or("");
  w.lease_until = time_of(r.optional_text(14));
  w.not_before = time_of(r.optional_text(15));
  w.created_at = time_of(r.text(16));
  w.updated_at = time_of(r.text(17));
  w.submitted_by = r.text(18);
  w.waiting_for = r.optional_text(19).value_or("");
  return w;
}

Status is_json_object(const std::string& text, const char* field) {
  boost::system::error_code ec;
  const json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error::invalid(field, "must be a JSON object");
  return {};
}

// `more` merged into `base`: objects member by member, so each step's outputs add to
// "steps"; anything else replaced (later steps win on the same name).
void merge_into(json::object& base, const json::object& more) {
  for (const auto& [k, v] : more) {
    json::value* mine = base.if_contains(k);
    if (mine && mine->is_object() && v.is_object()) {
      merge_into(mine->as_object(), v.as_object());
    } else {
      base[k] = v;
    }
  }
}

std::string merged(const std::string& outcome, const std::string& more) {
  json::value base = json::parse(outcome);
  const json::value added = json::parse(more);  // held: a temporary's object would dangle
  merge_into(base.as_object(), added.as_object());
  return json_text(base);
}

// A line of the item's history, numbered after the last.
Status add_history(store::Session& s, const std::string& id, Timestamp at, const std::string& what,
                   const std::string& actor, const std::string& detail) {
  auto line = s.execute(
      "INSERT INTO robotics_history (item_id, line, at, what, actor, detail) SELECT $1,"
      " COALESCE(MAX(line), 0) + 1, $2, $3, $4, $5 FROM robotics_history WHERE item_id = $1",
      {id, format_rfc3339(at), what, actor, detail});
  if (!line) return std::move(line).error();
  return {};
}

Status holds_lease(const WorkItem& w, const std::string& worker, Timestamp now) {
  if (w.state != "in_progress" || w.worker != worker || w.lease_until < now)
    return Error::conflict(
        fmt::format("item {} is not leased to {} (it is {})", w.id, worker, w.state));
  return {};
}

}  // namespace

const std::vector<std::string>& item_states() {
  static const std::vector<std::string> states{"new",       "in_progress", "done",
                                               "exception", "retried",     "abandoned"};
  return states;
}

WorkQueue::WorkQueue(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<WorkItem> WorkQueue::enqueue(const NewWorkItem& item, const auth::Actor& by) {
  if (item.queue.empty() || item.queue.size() > 100)
    return Error::invalid("queue", "must name the queue, 1 to 100 characters");
  if (item.reference.empty() || item.reference.size() > 200)
    return Error::invalid("reference", "must be 1 to 200 characters");
  if (Status s = is_json_object(item.input, "input"); !s) return s.error();
  const bool refused = !item.refused_reason.empty();
  const std::string id = new_id(clock_);
  auto event = log_.append(
      {"robotics-item/" + id, "WorkItemCreated", by.id, item.reference,
       json_text(json::object{
           {"queue", item.queue}, {"process_id", item.process_id}, {"reference", item.reference}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto retired =
            s.query("SELECT retired_at FROM robotics_processes WHERE id = $1 AND version = $2",
                    {item.process_id, static_cast<long long>(item.process_version)});
        if (!retired) return std::move(retired).error();
        if (!retired->empty() && retired->front().optional_text(0))
          return Error::conflict(fmt::format("{} version {} is retired: it takes no new items",
                                             item.process_id, item.process_version));
        auto same =
            s.query("SELECT id FROM robotics_items WHERE process_id = $1 AND reference = $2",
                    {item.process_id, item.reference});
        if (!same) return std::move(same).error();
        if (!same->empty())
          return Error::conflict("already received as work item " + same->front().text(0));
        const std::string at = format_rfc3339(e.at);
        auto row = s.execute(
            "INSERT INTO robotics_items (id, queue, process_id, process_version, reference,"
            " priority, deadline, input, state, attempts, next_step, outcome, submitted_by,"
            " created_at, updated_at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $11, 0, 0,"
            " '{}', $9, $10, $10, $12)",
            {id, item.queue, item.process_id, static_cast<long long>(item.process_version),
             item.reference, static_cast<long long>(item.priority), format_rfc3339(item.deadline),
             item.input, by.id, at, refused ? "exception" : "new",
             refused ? store::Value(item.refused_reason) : store::Value()});
        if (!row) return std::move(row).error();
        return add_history(
            s, id, e.at, "created", by.id,
            "queue " + item.queue + (refused ? "; refused: " + item.refused_reason : ""));
      });
  if (!event) return std::move(event).error();
  return get(id);
}

namespace {

// Items a worker may claim at `$1` (now).
constexpr const char* kReady =
    "(state = 'new') OR (state = 'retried' AND not_before <= $1) OR (state = 'in_progress' AND"
    " lease_until < $1)";

}  // namespace

Result<int> WorkQueue::release_leases(const std::string& prefix) {
  auto held =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            "SELECT id, worker FROM robotics_items WHERE state = 'in_progress' AND worker LIKE $1",
            {prefix + "-%"});
      });
  if (!held) return std::move(held).error();
  int released = 0;
  for (const auto& row : *held) {
    const std::string worker = row.text(1);
    auto done = transition(row.text(0), "released", "robotics",
                           [&](const WorkItem& w, Timestamp at) -> Result<Change> {
                             if (w.state != "in_progress" || w.worker != worker)
                               return Error::conflict("moved on");
                             return Change{{{"lease_until", format_rfc3339(at)}},
                                           worker + " stopped with the item: its server restarted"};
                           });
    if (done)
      ++released;
    else if (done.error().code != ErrorCode::kConflict)
      return std::move(done).error();
  }
  return released;
}

Result<int> WorkQueue::ready_count() const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("SELECT COUNT(*) FROM robotics_items WHERE {}", kReady),
                       {format_rfc3339(clock_.now())});
      });
  if (!rows) return std::move(rows).error();
  return static_cast<int>(rows->front().integer(0));
}

Result<std::optional<WorkItem>> WorkQueue::claim(const std::string& worker,
                                                 std::chrono::milliseconds lease) {
  // A few candidates in order; each claim re-checks in its own transaction, so a candidate
  // another worker took in between is skipped.
  const std::string now = format_rfc3339(clock_.now());
  auto candidates =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("SELECT id FROM robotics_items WHERE {}"
                                   " ORDER BY priority DESC, deadline, created_at LIMIT 8",
                                   kReady),
                       {now});
      });
  if (!candidates) return std::move(candidates).error();
  for (const auto& c : *candidates) {
    auto taken = transition(
        c.text(0), "claimed", worker, [&](const WorkItem& w, Timestamp at) -> Result<Change> {
          const bool ready = w.state == "new" || (w.state == "retried" && w.not_before <= at) ||
                             (w.state == "in_progress" && w.lease_until < at);
          if (!ready) return Error::conflict("taken");
          return Change{
              {{"state", std::string("in_progress")},
               {"worker", worker},
               {"lease_until", format_rfc3339(at + lease)},
               {"attempts", static_cast<long long>(w.attempts + 1)}},
              fmt::format("attempt {}, from step {}{}", w.attempts + 1, w.next_step,
                          w.state == "in_progress" ? " (the last worker's lease lapsed)" : "")};
        });
    if (taken) return std::optional<WorkItem>(std::move(*taken));
    if (taken.error().code != ErrorCode::kConflict) return std::move(taken).error();
  }
  return std::optional<WorkItem>();
}

Result<WorkItem> WorkQueue::step_done(const std::string& id, const std::string& worker, int step,
                                      const std::string& outcome) {
  if (Status s = is_json_object(outcome, "outcome"); !s) return s.error();
  return transition(id, "step_done", worker,
                    [&](const WorkItem& w, Timestamp at) -> Result<Change> {
                      if (Status s = holds_lease(w, worker, at); !s) return s.error();
                      if (step != w.next_step)
                        return Error::conflict(
                            fmt::format("item {} is at step {}, not {}", id, w.next_step, step));
                      return Change{{{"next_step", static_cast<long long>(step + 1)},
                                     {"outcome", merged(w.outcome, outcome)}},
                                    fmt::format("step {}: {}", step, outcome)};
                    });
}

Result<WorkItem> WorkQueue::complete(const std::string& id, const std::string& worker) {
  return transition(id, "done", worker, [&](const WorkItem& w, Timestamp at) -> Result<Change> {
    if (Status s = holds_lease(w, worker, at); !s) return s.error();
    return Change{{{"state", std::string("done")},
                   {"worker", std::monostate{}},
                   {"lease_until", std::monostate{}}},
                  w.outcome};
  });
}

Result<WorkItem> WorkQueue::system_failure(const std::string& id, const std::string& worker,
                                           const std::string& reason, const RetryPolicy& policy) {
  return transition(id, "retried", worker, [&](const WorkItem& w, Timestamp at) -> Result<Change> {
    if (Status s = holds_lease(w, worker, at); !s) return s.error();
    if (w.attempts >= policy.max_attempts) {
      return Change{
          {{"state", std::string("exception")},
           {"reason", "escalated after " + std::to_string(w.attempts) + " attempts: " + reason},
           {"worker", std::monostate{}},
           {"lease_until", std::monostate{}}},
          "escalated: " + reason};
    }
    const auto backoff = policy.first_backoff * (1LL << std::min(w.attempts - 1, 20));
    return Change{{{"state", std::string("retried")},
                   {"reason", reason},
                   {"not_before", format_rfc3339(at + backoff)},
                   {"worker", std::monostate{}},
                   {"lease_until", std::monostate{}}},
                  fmt::format("{} (again after {} ms)", reason, backoff.count())};
  });
}

Result<WorkItem> WorkQueue::business_exception(const std::string& id, const std::string& worker,
                                               const std::string& reason) {
  return transition(id, "exception", worker,
                    [&](const WorkItem& w, Timestamp at) -> Result<Change> {
                      if (Status s = holds_lease(w, worker, at); !s) return s.error();
                      return Change{{{"state", std::string("exception")},
                                     {"reason", reason},
                                     {"worker", std::monostate{}},
                                     {"lease_until", std::monostate{}}},
                                    reason};
                    });
}

Result<WorkItem> WorkQueue::await_decision(const std::string& id, const std::string& worker,
                                           const std::string& step_id,
                                           const std::string& question) {
  return transition(id, "exception", worker,
                    [&](const WorkItem& w, Timestamp at) -> Result<Change> {
                      if (Status s = holds_lease(w, worker, at); !s) return s.error();
                      return Change{{{"state", std::string("exception")},
                                     {"reason", "a decision is needed: " + question},
                                     {"waiting_for", step_id},
                                     {"worker", std::monostate{}},
                                     {"lease_until", std::monostate{}}},
                                    "waiting for a decision at " + step_id + ": " + question};
                    });
}

Result<WorkItem> WorkQueue::resume(const std::string& id, const std::optional<std::string>& input,
                                   const std::string& note, const auth::Actor& by) {
  if (input) {
    if (Status s = is_json_object(*input, "input"); !s) return s.error();
  }
  return transition(id, "resumed", by.id, [&](const WorkItem& w, Timestamp at) -> Result<Change> {
    if (w.state != "exception")
      return Error::conflict(fmt::format("item {} is {}, not an exception", id, w.state));
    if (!w.waiting_for.empty())
      return Error::conflict(
          fmt::format("item {} waits for a decision at {}: decide it", id, w.waiting_for));
    Change c{
        {{"state", std::string("retried")}, {"not_before", format_rfc3339(at)}, {"attempts", 0LL}},
        std::string(input ? "with the input corrected" : "as it was") +
            (note.empty() ? "" : ": " + note)};
    if (input) c.set.emplace_back("input", *input);
    return c;
  });
}

Result<WorkItem> WorkQueue::decide(const std::string& id, const std::string& step_id,
                                   const std::string& decision, const auth::Actor& by) {
  if (decision.empty() || decision.size() > 1000)
    return Error::invalid("decision", "must be 1 to 1,000 characters");
  return transition(id, "decided", by.id, [&](const WorkItem& w, Timestamp at) -> Result<Change> {
    if (w.state != "exception" || w.waiting_for != step_id)
      return Error::conflict(
          fmt::format("item {} is not waiting for a decision at step {}", id, step_id));
    const json::object made{
        {"steps", json::object{{step_id, json::object{{"decision", decision},
                                                      {"decided_by", by.username}}}}}};
    return Change{{{"state", std::string("retried")},
                   {"not_before", format_rfc3339(at)},
                   {"attempts", 0LL},
                   {"waiting_for", std::monostate{}},
                   {"outcome", merged(w.outcome, json_text(made))}},
                  decision};
  });
}

Result<WorkItem> WorkQueue::abandon(const std::string& id, const std::string& reason,
                                    const auth::Actor& by) {
  if (reason.empty() || reason.size() > 1000)
    return Error::invalid("reason", "must say why (1 to 1,000 characters)");
  return transition(id, "abandoned", by.id, [&](const WorkItem& w, Timestamp) -> Result<Change> {
    if (w.state != "exception" && w.state != "new" && w.state != "retried")
      return Error::conflict(fmt::format("item {} is {}: it cannot be abandoned", id, w.state));
    return Change{{{"state", std::string("abandoned")}, {"reason", reason}}, reason};
  });
}

Result<WorkItem> WorkQueue::transition(
    const std::string& id, const std::string& what, const std::string& actor,
    const std::function<Result<Change>(const WorkItem&, Timestamp)>& change) {
  auto event = log_.append({"robotics-item/" + id, "WorkItem_" + what, actor, "", "{}"},
                           [&](store::Session& s, const events::Event& e) -> Status {
                             auto rows = s.query(std::string(kColumns) + " WHERE id = $1", {id});
                             if (!rows) return std::move(rows).error();
                             if (rows->empty()) return Error::not_found("no work item " + id);
                             auto c = change(item_from_row(rows->front()), e.at);
                             if (!c) return std::move(c).error();
                             std::string sql = "UPDATE robotics_items SET updated_at = $2";
                             store::Params params{id, format_rfc3339(e.at)};
                             for (const auto& [column, value] : c->set) {
                               params.push_back(value);
                               sql += fmt::format(", {} = ${}", column, params.size());
                             }
                             auto row = s.execute(sql + " WHERE id = $1", params);
                             if (!row) return std::move(row).error();
                             return add_history(s, id, e.at, what, actor, c->detail);
                           });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<WorkItem> WorkQueue::get(const std::string& id) const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return s.query(std::string(kColumns) + " WHERE id = $1", {id}); });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no work item " + id);
  return item_from_row(rows->front());
}

Result<std::vector<WorkItem>> WorkQueue::list(const std::string& state, const std::string& queue,
                                              size_t limit) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("{} WHERE ($1 = '' OR state = $1) AND ($2 = '' OR queue = $2)"
                                   " ORDER BY deadline, created_at LIMIT {}",
                                   kColumns, limit),
                       {state, queue});
      });
  if (!rows) return std::move(rows).error();
  std::vector<WorkItem> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(item_from_row(r));
  return out;
}

Result<std::vector<HistoryEntry>> WorkQueue::history(const std::string& id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            "SELECT at, what, actor, detail FROM robotics_history WHERE item_id = $1 ORDER BY"
            " line",
            {id});
      });
  if (!rows) return std::move(rows).error();
  std::vector<HistoryEntry> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back({time_of(r.text(0)), r.text(1), r.text(2), r.text(3)});
  return out;
}

Result<std::vector<QueueFigures>> WorkQueue::figures() const {
  const std::string now = format_rfc3339(clock_.now());
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            "SELECT queue, state, COUNT(*), SUM(CASE WHEN state NOT IN ('done', 'abandoned') AND"
            " deadline < $1 THEN 1 ELSE 0 END), MIN(CASE WHEN state IN ('new', 'retried') THEN"
            " created_at END) FROM robotics_items GROUP BY queue, state ORDER BY queue, state",
            {now});
      });
  if (!rows) return std::move(rows).error();
  std::vector<QueueFigures> out;
  for (const auto& r : *rows) {
    if (out.empty() || out.back().queue != r.text(0)) out.push_back({r.text(0), {}, 0, {}});
    QueueFigures& q = out.back();
    q.by_state[r.text(1)] = static_cast<int>(r.integer(2));
    q.overdue += static_cast<int>(r.optional_integer(3).value_or(0));
    if (auto oldest = r.optional_text(4)) {
      const Timestamp t = time_of(oldest);
      q.oldest_waiting = q.oldest_waiting ? std::min(*q.oldest_waiting, t) : t;
    }
  }
  return out;
}

Result<std::vector<Completion>> WorkQueue::completed_since(Timestamp since) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            "SELECT process_id, queue, created_at, updated_at FROM robotics_items WHERE state ="
            " 'done' AND updated_at >= $1 ORDER BY updated_at",
            {format_rfc3339(since)});
      });
  if (!rows) return std::move(rows).error();
  std::vector<Completion> out;
  out.reserve(rows->size());
  for (const auto& r : *rows)
    out.push_back({r.text(0), r.text(1), time_of(r.text(2)), time_of(r.text(3))});
  return out;
}

}  // namespace peel::robotics
