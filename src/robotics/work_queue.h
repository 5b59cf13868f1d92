// Work items in named queues: each trigger of an automated process makes one, with a priority, a
// deadline and a reference unique within its process, so the same form is never taken twice.
// Workers claim items under a lease. An item whose worker died (its lease lapsed) is claimed
// again and resumes at the step after the last one recorded done, so no finished step runs
// twice; a step that was under way when the worker died runs again, which is why steps with
// effects outside the item are idempotent (keyed by the item). A system failure is retried
// with backoff up to the step's limit and then escalated; a business failure (a field that
// fails validation, an ambiguous match) goes to people at once with its reason, to be fixed
// and resumed. Every change is an event, and the item's history.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "store/migrations.h"
#include "store/store.h"

namespace peel::robotics {

std::vector<store::Migration> migrations();

// new -> in_progress -> done; in_progress -> retried (a system failure, waiting out its
// backoff) -> in_progress ...; in_progress -> exception (for a person) -> retried on resume, or
// abandoned.
const std::vector<std::string>& item_states();

struct NewWorkItem {
  std::string queue;
  std::string process_id;
  int process_version = 1;
  std::string reference;  // unique within the process: the form's own id, the file and line
  int priority = 0;       // higher first
  Timestamp deadline;     // the service level: by when it must be done
  std::string input;      // JSON object: the fields the trigger brought
  // When set, the item is made as an exception with this reason: what the trigger brought
  // cannot be worked until a person fixes it (a record of a dropped file with a bad field).
  std::string refused_reason;
};

struct WorkItem {
  std::string id;
  NewWorkItem facts;
  std::string state;
  int attempts = 0;          // claims so far
  int next_step = 0;         // steps before it are done
  std::string outcome;       // JSON object: what the steps produced (a crime reference, ...)
  std::string reason;        // why it is an exception or was last retried
  std::string worker;        // holding the lease, while in progress
  std::string submitted_by;  // the account whose trigger made it
  std::string waiting_for;   // the step waiting for a person's decision, while it waits
  Timestamp lease_until, not_before, created_at, updated_at;
};

struct HistoryEntry {
  Timestamp at;
  std::string what;  // created, claimed, step_done, done, retried, exception, resumed, abandoned
  std::string actor;
  std::string detail;
};

struct RetryPolicy {
  int max_attempts = 3;
  std::chrono::milliseconds first_backoff{1000};  // doubled after each failure
};

struct QueueFigures {
  std::string queue;
  std::map<std::string, int> by_state;
  int overdue = 0;  // not done and past their deadline
  std::optional<Timestamp> oldest_waiting;
};

// An item finished: when it was made and when it was done.
struct Completion {
  std::string process_id, queue;
  Timestamp created_at, done_at;
};

class WorkQueue {
 public:
  WorkQueue(store::Store& store, events::EventLog& log, const Clock& clock);

  // 409 naming the item already made from the same reference (in `Error::message`).
  Result<WorkItem> enqueue(const NewWorkItem& item, const auth::Actor& by);
  // The most urgent item ready to work (new, retried and past its backoff, or in progress with
  // its lease lapsed), now leased to `worker`; nullopt when there is none.
  Result<std::optional<WorkItem>> claim(const std::string& worker, std::chrono::milliseconds lease);
  // Items still leased to workers named "<prefix>-..." are made claimable at once: those
  // workers are known dead (their server was restarted), so nobody waits out their leases.
  // Returns how many.
  Result<int> release_leases(const std::string& prefix);
  // How many items claim() could take now.
  Result<int> ready_count() const;
  // The worker must hold the lease (409 otherwise: the item was taken back).
  Result<WorkItem> step_done(const std::string& id, const std::string& worker, int step,
                             const std::string& outcome);
  Result<WorkItem> complete(const std::string& id, const std::string& worker);
  Result<WorkItem> system_failure(const std::string& id, const std::string& worker,
                                  const std::string& reason, const RetryPolicy& policy);
  Result<WorkItem> business_exception(const std::string& id, const std::string& worker,
                                      const std::string& reason);
  // A step that needs a person's decision: the item waits as an exception until decide().
  Result<WorkItem> await_decision(const std::string& id, const std::string& worker,
                                  const std::string& step_id, const std::string& question);
  // The decision: recorded as the waiting step's outputs (decision, decided_by), and the item
  // goes back to work. 409 unless the item waits at `step_id`.
  Result<WorkItem> decide(const std::string& id, const std::string& step_id,
                          const std::string& decision, const auth::Actor& by);
  // A person's fix: an exception goes back to work, with `input` (a JSON object) replacing the
  // item's input when given.
  // `note` (what the person did) goes into the history.
  Result<WorkItem> resume(const std::string& id, const std::optional<std::string>& input,
                          const std::string& note, const auth::Actor& by);
  Result<WorkItem> abandon(const std::string& id, const std::string& reason, const auth::Actor& by);

  Result<WorkItem> get(const std::string& id) const;
  Result<std::vector<HistoryEntry>> history(const std::string& id) const;
  // Items in `state` and `queue` (either empty: any), the nearest deadline first.
  Result<std::vector<WorkItem>> list(const std::string& state, const std::string& queue,
                                     size_t limit) const;
  Result<std::vector<QueueFigures>> figures() const;
  // Items done at or after `since`, oldest first.
  Result<std::vector<Completion>> completed_since(Timestamp since) const;

 private:
  // Appends `what` about item `id` and applies `change` in the same transaction; `change` sees
  // the item as it stands and returns the columns to set (or an error, which writes nothing).
  struct Change {
    std::vector<std::pair<std::string, store::Value>> set;
    std::string detail;
  };
  Result<WorkItem> transition(
      const std::string& id, const std::string& what, const std::string& actor,
      const std::function<Result<Change>(const WorkItem&, Timestamp)>& change);

  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::robotics
