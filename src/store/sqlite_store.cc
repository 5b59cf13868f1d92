// SQLite backend: one file in WAL mode, foreign keys on, a busy timeout for concurrent writers,
// synchronous=FULL so a committed transaction survives a power cut.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <unordered_map>

#include "store/backends.h"
#include "store/connection_pool.h"

namespace peel::store {

namespace {

Error sqlite_error(sqlite3* db, int code, std::string_view doing) {
  const std::string message =
      std::string(doing) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return Error::conflict(message);
    case SQLITE_FULL:
      return Error::unavailable("the store is full: " + message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Error::unavailable("the store is unavailable: " + message);
    default:
      return Error::internal(message);
  }
}

struct Prepared {
  sqlite3_stmt* statement = nullptr;
  std::vector<int> param_index;  // SQLite parameter i+1 takes params[param_index[i]]
};

class SqliteConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() {
    for (auto& [sql, prepared] : cache_) sqlite3_finalize(prepared.statement);
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result<Prepared*> prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return &it->second;
    Prepared prepared;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &prepared.statement, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db_, rc, "prepare");
    const int count = sqlite3_bind_parameter_count(prepared.statement);
    for (int i = 1; i <= count; ++i) {
      const char* name = sqlite3_bind_parameter_name(prepared.statement, i);
      // Placeholders are "$N" (the PostgreSQL spelling); SQLite treats them as named.
      const int n = name && name[0] == '$' ? std::atoi(name + 1) : i;
      prepared.param_index.push_back(n - 1);
    }
    return &cache_.emplace(std::string(sql), prepared).first->second;
  }

  // Runs a statement; rows are collected when `rows` is not null.
  Result<long long> run(std::string_view sql, const Params& params, Rows* rows) {
    auto prepared = prepare(sql);
    if (!prepared) return std::move(prepared).error();
    sqlite3_stmt* stmt = (*prepared)->statement;
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    const auto& index = (*prepared)->param_index;
    for (size_t i = 0; i < index.size(); ++i) {
      if (index[i] < 0 || static_cast<size_t>(index[i]) >= params.size()) {
        return Error::internal("statement wants parameter $" + std::to_string(index[i] + 1) +
                               " but " + std::to_string(params.size()) + " were given");
      }
      const Value& v = params[index[i]];
      const int slot = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v))
        rc = sqlite3_bind_null(stmt, slot);
      else if (const auto* n = std::get_if<long long>(&v))
        rc = sqlite3_bind_int64(stmt, slot, *n);
      else if (const auto* d = std::get_if<double>(&v))
        rc = sqlite3_bind_double(stmt, slot, *d);
      else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text(stmt, slot, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK) return sqlite_error(db_, rc, "bind");
    }
    while (true) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return sqlite_error(db_, rc, "step");
      if (!rows) continue;
      Row row;
      const int columns = sqlite3_column_count(stmt);
      row.values.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            row.values.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            row.values.emplace_back(static_cast<long long>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_FLOAT:
            row.values.emplace_back(sqlite3_column_double(stmt, c));
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.values.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
          }
        }
      }
      rows->push_back(std::move(row));
    }
    return static_cast<long long>(sqlite3_changes(db_));
  }

  sqlite3* handle() const { return db_; }

  Status plain(const char* sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      Error e = sqlite_error(db_, rc, sql);
      sqlite3_free(message);
      return e;
    }
    return {};
  }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, Prepared> cache_;
};

class SqliteSession final : public Session {
 public:
  explicit SqliteSession(SqliteConnection& connection) : connection_(connection) {}
  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<Rows> query(std::string_view sql, const Params& params) override {
    Rows rows;
    auto r = connection_.run(sql, params, &rows);
    if (!r) return std::move(r).error();
    return rows;
  }
  Result<long long> execute(std::string_view sql, const Params& params) override {
    return connection_.run(sql, params, nullptr);
  }

 private:
  SqliteConnection& connection_;
};

// flock(2): held by one open file in one process, released by the kernel when the process
// ends however it ends.
class FileLock final : public StoreLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {}
  ~FileLock() override { ::close(fd_); }
  bool held() override { return true; }

 private:
  int fd_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, const StoreOptions& options)
      : path_(std::move(path)),
        pool_([this, busy = options.busy_timeout_ms] { return connect(busy); },
              options.max_connections, std::chrono::milliseconds(options.acquire_timeout_ms)) {}

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string description() const override { return "sqlite:" + path_; }
  PoolStats pool_stats() const override { return pool_.stats(); }

  Result<std::unique_ptr<StoreLock>> try_lock(const std::string& name) override {
    const std::string lock_path = path_ + "." + name + ".lock";
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return Error::unavailable("cannot open " + lock_path + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd);
      if (error == EWOULDBLOCK) return std::unique_ptr<StoreLock>();
      return Error::unavailable("cannot lock " + lock_path + ": " + std::strerror(error));
    }
    return std::unique_ptr<StoreLock>(std::make_unique<FileLock>(fd));
  }

  // One file has no notices: the event log's tail looks at the head every so often instead.
  Result<std::unique_ptr<ChangeListener>> listen(const std::string&, const std::string&) override {
    return std::unique_ptr<ChangeListener>();
  }

  Status backup_to(const std::string& target) override {
    std::error_code ec;
    if (std::filesystem::exists(target, ec))
      return Error::conflict("backup: " + target + " already exists; name a new file");
    // Written beside the target and renamed at the end, so a file of that name is whole.
    const std::string partial = target + ".partial";
    std::filesystem::remove(partial, ec);
    auto lease = pool_.acquire();
    if (!lease) return std::move(lease).error();
    sqlite3* copy = nullptr;
    int rc = sqlite3_open_v2(partial.c_str(), &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                             nullptr);
    Status outcome;
    if (rc != SQLITE_OK) {
      outcome = sqlite_error(copy, rc, "backup: open " + partial);
    } else {
      sqlite3_backup* backup = sqlite3_backup_init(copy, "main", (*lease)->handle(), "main");
      if (!backup) {
        outcome = sqlite_error(copy, sqlite3_errcode(copy), "backup");
      } else {
        // All pages in one step: under WAL a reader does not hold writers up, and a backup in
        // small steps starts again whenever another connection writes, so on a busy server it
        // might never finish.
        do {
          rc = sqlite3_backup_step(backup, -1);
          if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(backup);
        if (rc != SQLITE_DONE) outcome = sqlite_error(copy, rc, "backup");
      }
    }
    sqlite3_close_v2(copy);
    if (outcome.ok()) {
      std::filesystem::rename(partial, target, ec);
      if (ec)
        outcome = Error::unavailable("backup: cannot rename to " + target + ": " + ec.message());
    }
    if (!outcome.ok()) std::filesystem::remove(partial, ec);
    return outcome;
  }

  Status transact(Access access, const std::function<Status(Session&)>& work) override {
    auto lease = pool_.acquire();
    if (!lease) return std::move(lease).error();
    SqliteConnection& connection = **lease;
    SqliteSession session(connection);
    return run_transaction(connection, access == Access::kWrite ? "BEGIN IMMEDIATE" : "BEGIN",
                           session, work);
  }

  Result<std::unique_ptr<SqliteConnection>> connect(int busy_timeout_ms) {
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path_.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      Error e = sqlite_error(db, rc, "open " + path_);
      sqlite3_close_v2(db);
      return e;
    }
    // A database made by an older release (or another tool) becomes Peel's alone; SQLite gives
    // its WAL and shared-memory files the database's mode.
    if (struct stat info{}; ::stat(path_.c_str(), &info) == 0 && (info.st_mode & 077) != 0 &&
                            info.st_uid == ::geteuid()) {
      ::chmod(path_.c_str(), 0600);
    }
    auto connection = std::make_unique<SqliteConnection>(db);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
      Status s = connection->plain(pragma);
      if (!s) return std::move(s).error();
    }
    return connection;
  }

 private:
  std::string path_;
  mutable ConnectionPool<SqliteConnection> pool_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite(const std::string& path, const StoreOptions& options) {
  if (path.empty())
    return Error::invalid("db", "sqlite: needs a file path, e.g. sqlite:var/peel.db");
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return Error::unavailable("cannot create " + parent.string() + ": " + ec.message());
  auto store = std::make_unique<SqliteStore>(path, options);
  Status reachable = store->ping();
  if (!reachable) return std::move(reachable).error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace peel::store
