// Robotics' tables, for both engines. Times are RFC 3339 UTC text with milliseconds, which sort
// as they compare.
#include "robotics/work_queue.h"

namespace peel::robotics {

// Statements span several lines, which the missing-comma check takes for a slip.
// NOLINTBEGIN(bugprone-suspicious-missing-comma)
std::vector<store::Migration> migrations() {
  return {{"robotics",
           1,
           "work items and their history, installed processes",
           {"CREATE TABLE robotics_items (id TEXT PRIMARY KEY, queue TEXT NOT NULL,"
            " process_id TEXT NOT NULL, process_version BIGINT NOT NULL, reference TEXT NOT NULL,"
            " priority BIGINT NOT NULL, deadline TEXT NOT NULL, input TEXT NOT NULL,"
            " state TEXT NOT NULL, attempts BIGINT NOT NULL, next_step BIGINT NOT NULL,"
            " outcome TEXT NOT NULL, reason TEXT, worker TEXT, lease_until TEXT, not_before TEXT,"
            " submitted_by TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
            " UNIQUE (process_id, reference))",
            "CREATE INDEX robotics_items_ready ON robotics_items (state, priority, deadline)",
            "CREATE INDEX robotics_items_queue ON robotics_items (queue, state)",
            "CREATE TABLE robotics_history (item_id TEXT NOT NULL, line BIGINT NOT NULL,"
            " at TEXT NOT NULL, what TEXT NOT NULL, actor TEXT NOT NULL, detail TEXT NOT NULL,"
            " PRIMARY KEY (item_id, line))",
            "CREATE TABLE robotics_processes (id TEXT NOT NULL, version BIGINT NOT NULL,"
            " definition TEXT NOT NULL, installed_at TEXT NOT NULL, installed_by TEXT NOT NULL,"
            " PRIMARY KEY (id, version))"},
           {}},
          {"robotics",
           2,
           "the outbox of messages processes send; items waiting for a decision",
           {"CREATE TABLE robotics_outbox (id TEXT PRIMARY KEY, item_id TEXT NOT NULL,"
            " step_id TEXT NOT NULL, recipient TEXT NOT NULL, subject TEXT NOT NULL,"
            " body TEXT NOT NULL, queued_at TEXT NOT NULL, sent_at TEXT,"
            " UNIQUE (item_id, step_id))",
            "CREATE INDEX robotics_outbox_unsent ON robotics_outbox (sent_at, queued_at)",
            "ALTER TABLE robotics_items ADD COLUMN waiting_for TEXT"},
           {}},
          {"robotics",
           3,
           "where the event trigger has read the event log to",
           {"CREATE TABLE robotics_cursors (name TEXT PRIMARY KEY, sequence BIGINT NOT NULL)"},
           {}},
          {"robotics",
           4,
           "a process version can be retired: no new items",
           {"ALTER TABLE robotics_processes ADD COLUMN retired_at TEXT",
            "ALTER TABLE robotics_processes ADD COLUMN retired_by TEXT",
            "ALTER TABLE robotics_processes ADD COLUMN retired_reason TEXT"},
           {}}};
}
// NOLINTEND(bugprone-suspicious-missing-comma)

}  // namespace peel::robotics
