// The store: one interface over SQLite (embedded default) and PostgreSQL (production).
// SQL is written once with $1, $2, ... placeholders and types both engines accept (BIGINT, TEXT,
// DOUBLE PRECISION); every statement is prepared and cached per connection, never built by
// pasting values into SQL.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace peel::store {

using Value = std::variant<std::monostate, long long, double, std::string>;
using Params = std::vector<Value>;

struct Row {
  std::vector<Value> values;

  bool is_null(size_t i) const { return std::holds_alternative<std::monostate>(values.at(i)); }
  // REQUIRES: column i holds an integer (or a text of digits, as PostgreSQL NUMERIC may).
  long long integer(size_t i) const;
  double real(size_t i) const;
  // REQUIRES: column i holds text.
  const std::string& text(size_t i) const { return std::get<std::string>(values.at(i)); }
  std::optional<std::string> optional_text(size_t i) const;
  std::optional<long long> optional_integer(size_t i) const;
};
using Rows = std::vector<Row>;

enum class Dialect { kSqlite, kPostgres };

// A connection inside an open transaction. Only valid inside Store::transact.
class Session {
 public:
  virtual ~Session() = default;
  virtual Dialect dialect() const = 0;
  virtual Result<Rows> query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual Result<long long> execute(std::string_view sql, const Params& params = {}) = 0;
  // A nested point to roll back to without losing the whole transaction (group commit uses it
  // so that one bad item does not fail its batch).
  Status savepoint(std::string_view name);
  Status release(std::string_view name);
  Status rollback_to(std::string_view name);
  // Tells whoever listens on `channel` (Store::listen) that something changed, once this
  // transaction commits. PostgreSQL: NOTIFY. SQLite has no notifications: its listeners poll.
  virtual Status notify(std::string_view channel, std::string_view payload);
};

enum class Access {
  kRead,   // may run beside other readers
  kWrite,  // takes the write lock at the start (SQLite BEGIN IMMEDIATE), so it cannot deadlock
};

struct PoolStats {
  int open = 0;                     // connections open now
  int in_use = 0;                   // of which lent out
  int max = 0;                      // the pool's limit
  unsigned long long waits = 0;     // acquisitions that had to wait for a connection
  unsigned long long timeouts = 0;  // acquisitions that gave up
};

struct StoreOptions {
  int max_connections = 8;
  int acquire_timeout_ms = 5000;  // then the caller gets 503 rather than hanging
  int busy_timeout_ms = 5000;     // SQLite: how long to wait for another writer
};

// A lock that one process alone may hold among all that use a store: the active server's, for
// state with one owner. Released when destroyed, and when the process dies.
class StoreLock {
 public:
  virtual ~StoreLock() = default;
  // False once the lock is lost (PostgreSQL: its connection broke, or the server failed over);
  // it is not taken back: take a new one.
  virtual bool held() = 0;
};

// Hears that another process changed the store (Store::listen).
class ChangeListener {
 public:
  virtual ~ChangeListener() = default;
  // Waits up to `timeout`; true when a notice came from another process. An error once the
  // listener's connection is lost (a failover): listen again.
  virtual Result<bool> wait(std::chrono::milliseconds timeout) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // "sqlite:PATH" (the directory is created) or "postgresql://user@host:port/db".
  static Result<std::unique_ptr<Store>> open(const std::string& url,
                                             const StoreOptions& options = {});

  virtual Dialect dialect() const = 0;
  // Runs `work` in one transaction on a pooled connection: commits when it returns ok, rolls
  // back when it fails or throws. A store that is down or full gives kUnavailable.
  virtual Status transact(Access access, const std::function<Status(Session&)>& work) = 0;
  virtual PoolStats pool_stats() const = 0;
  // The URL with any password removed, for logs and `peel version`.
  virtual std::string description() const = 0;
  // Takes the named lock when no other process holds it; null when another does. PostgreSQL:
  // an advisory lock on a connection of its own (per schema); SQLite: a lock on a file beside
  // the database.
  virtual Result<std::unique_ptr<StoreLock>> try_lock(const std::string& name) = 0;
  // A consistent copy of the whole database in a new file, while others go on reading and
  // writing (SQLite's online backup). PostgreSQL is backed up with pgBackRest instead
  // (docs/operations.md): kInvalid saying so.
  virtual Status backup_to(const std::string& path) = 0;
  // Hears the notices sent on `channel` (Session::notify), except those whose payload is `own`
  // (this process's). PostgreSQL: LISTEN on a connection of its own (per schema). Null when
  // the store has no notifications (SQLite): look for changes every so often instead.
  virtual Result<std::unique_ptr<ChangeListener>> listen(const std::string& channel,
                                                         const std::string& own) = 0;

  Status ping();
};

// Runs `work` in a transaction and returns what it produced.
template <typename T>
Result<T> in_transaction(Store& store, Access access,
                         const std::function<Result<T>(Session&)>& work) {
  std::optional<Result<T>> produced;
  Status status = store.transact(access, [&](Session& session) -> Status {
    produced.emplace(work(session));
    if (!produced->ok()) return produced->error();
    return {};
  });
  if (!status.ok()) return std::move(status).error();
  return std::move(*produced);
}

}  // namespace peel::store
