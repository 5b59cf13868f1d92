// PostgreSQL backend through libpq: a bounded pool of connections, each with its own cache of
// server-side prepared statements. A connection that breaks is dropped and replaced.
#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/backends.h"
#include "store/connection_pool.h"

namespace peel::store {

namespace {

// OIDs of the built-in types we read back as numbers (src/include/catalog/pg_type.dat).
constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kFloat4Oid = 700,
              kFloat8Oid = 701;

Error postgres_error(PGconn* connection, const PGresult* result, std::string_view doing) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = std::string(doing) + ": " +
                        (result ? PQresultErrorMessage(result) : PQerrorMessage(connection));
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  const std::string sqlstate = state ? state : "";
  if (sqlstate.rfind("23", 0) == 0) return Error::conflict(message);  // integrity violation
  if (sqlstate == "53100") return Error::unavailable("the store is full: " + message);
  // A standby (the old primary come back after a failover) takes no writes: try again, on a
  // fresh connection, which target_session_attrs=read-write sends to the new primary.
  if (sqlstate == "25006") return Error::unavailable("the store is read-only here: " + message);
  if (sqlstate.rfind("08", 0) == 0 || sqlstate.rfind("53", 0) == 0 ||
      sqlstate.rfind("57", 0) == 0 || PQstatus(connection) != CONNECTION_OK) {
    return Error::unavailable("the store is unavailable: " + message);
  }
  if (sqlstate == "40001" || sqlstate == "40P01") return Error::conflict(message);
  return Error::internal(message);
}

// libpq's message about the connection, without its trailing newlines.
std::string connection_message(PGconn* connection) {
  std::string message = PQerrorMessage(connection);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  return message;
}

class PostgresConnection {
 public:
  explicit PostgresConnection(PGconn* connection) : connection_(connection) {}
  ~PostgresConnection() { PQfinish(connection_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Closed, or on a server that is going away or no longer takes writes: not worth keeping.
  bool broken() const { return stale_ || PQstatus(connection_) != CONNECTION_OK; }
  // For what libpq does outside statements: notices (ChangeListener).
  PGconn* handle() { return connection_; }

  Result<long long> run(std::string_view sql, const Params& params, Rows* rows) {
    auto name = prepare(sql, params.size());
    if (!name) return std::move(name).error();
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) continue;
      if (const auto* n = std::get_if<long long>(&v))
        texts[i] = std::to_string(*n);
      else if (const auto* d = std::get_if<double>(&v))
        texts[i] = format_double(*d);
      else
        texts[i] = std::get<std::string>(v);
      values[i] = texts[i].c_str();
    }
    PGresult* result = PQexecPrepared(connection_, name->c_str(), static_cast<int>(params.size()),
                                      values.data(), nullptr, nullptr, 0);
    struct Clear {
      PGresult* r;
      ~Clear() { PQclear(r); }
    } clear{result};
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return failed(result, "execute");
    }
    if (rows && status == PGRES_TUPLES_OK) read_rows(result, *rows);
    const char* changed = PQcmdTuples(result);
    return changed && *changed ? std::atoll(changed) : 0LL;
  }

  Status plain(const char* sql) {
    PGresult* result = PQexec(connection_, sql);
    const auto status = PQresultStatus(result);
    Status outcome;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      outcome = failed(result, sql);
    }
    PQclear(result);
    return outcome;
  }

 private:
  Error failed(const PGresult* result, std::string_view doing) {
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const std::string_view sqlstate = state ? state : "";
    if (sqlstate == "25006" || sqlstate.starts_with("57P")) stale_ = true;
    return postgres_error(connection_, result, doing);
  }

  static std::string format_double(double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
  }

  Result<std::string> prepare(std::string_view sql, size_t param_count) {
    const std::string key(sql);
    auto it = prepared_.find(key);
    if (it != prepared_.end()) return it->second;
    std::string name = "peel_" + std::to_string(prepared_.size() + 1);
    PGresult* result =
        PQprepare(connection_, name.c_str(), key.c_str(), static_cast<int>(param_count), nullptr);
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    Error error = ok ? Error{} : failed(result, "prepare");
    PQclear(result);
    if (!ok) return error;
    prepared_.emplace(key, name);
    return name;
  }

  static void read_rows(const PGresult* result, Rows& rows) {
    const int count = PQntuples(result), columns = PQnfields(result);
    rows.reserve(rows.size() + count);
    for (int r = 0; r < count; ++r) {
      Row row;
      row.values.reserve(columns);
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result, r, c)) {
          row.values.emplace_back(std::monostate{});
          continue;
        }
        const char* text = PQgetvalue(result, r, c);
        switch (PQftype(result, c)) {
          case kInt8Oid:
          case kInt4Oid:
          case kInt2Oid:
            row.values.emplace_back(std::atoll(text));
            break;
          case kBoolOid:
            row.values.emplace_back(text[0] == 't' ? 1LL : 0LL);
            break;
          case kFloat4Oid:
          case kFloat8Oid:
            row.values.emplace_back(std::strtod(text, nullptr));
            break;
          default:
            row.values.emplace_back(std::string(text, PQgetlength(result, r, c)));
        }
      }
      rows.push_back(std::move(row));
    }
  }

  PGconn* connection_;
  std::unordered_map<std::string, std::string> prepared_;
  bool stale_ = false;
};

class PostgresSession final : public Session {
 public:
  explicit PostgresSession(PostgresConnection& connection) : connection_(connection) {}
  Dialect dialect() const override { return Dialect::kPostgres; }
  Result<Rows> query(std::string_view sql, const Params& params) override {
    Rows rows;
    auto r = connection_.run(sql, params, &rows);
    if (!r) return std::move(r).error();
    return rows;
  }
  Result<long long> execute(std::string_view sql, const Params& params) override {
    return connection_.run(sql, params, nullptr);
  }
  Status notify(std::string_view channel, std::string_view payload) override {
    auto sent = connection_.run("SELECT pg_notify(current_schema() || '/' || $1, $2)",
                                {std::string(channel), std::string(payload)}, nullptr);
    if (!sent) return std::move(sent).error();
    return {};
  }

 private:
  PostgresConnection& connection_;
};

// "postgresql://user:secret@host/db" -> "postgresql://user@host/db"
std::string without_password(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto at = url.find('@');
  if (scheme_end == std::string::npos || at == std::string::npos) return url;
  const auto colon = url.find(':', scheme_end + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

// A session-level advisory lock, held on a connection of its own: PostgreSQL releases it when
// that connection ends, so a server that dies (or a primary that fails over) frees it.
class AdvisoryLock final : public StoreLock {
 public:
  explicit AdvisoryLock(std::unique_ptr<PostgresConnection> connection)
      : connection_(std::move(connection)) {}
  bool held() override {
    if (lost_) return false;
    lost_ = connection_->broken() || !connection_->plain("SELECT 1").ok();
    return !lost_;
  }

 private:
  std::unique_ptr<PostgresConnection> connection_;
  bool lost_ = false;
};

// LISTEN on a connection of its own, woken by the socket: a notice arrives when the
// notifying transaction commits, so a change is seen in milliseconds instead of at the next look.
class NoticeListener final : public ChangeListener {
 public:
  NoticeListener(std::unique_ptr<PostgresConnection> connection, std::string own)
      : connection_(std::move(connection)), own_(std::move(own)) {}

  Result<bool> wait(std::chrono::milliseconds timeout) override {
    PGconn* raw = connection_->handle();
    if (take_notices()) return true;
    pollfd socket{PQsocket(raw), POLLIN, 0};
    if (socket.fd < 0 || connection_->broken()) return lost();
    const int ready = ::poll(&socket, 1, static_cast<int>(timeout.count()));
    if (ready < 0 && errno != EINTR) return lost();
    if (ready > 0 && PQconsumeInput(raw) == 0) return lost();
    return take_notices();
  }

 private:
  bool take_notices() {
    bool from_elsewhere = false;
    while (PGnotify* notice = PQnotifies(connection_->handle())) {
      if (own_ != notice->extra) from_elsewhere = true;
      PQfreemem(notice);
    }
    return from_elsewhere;
  }
  Error lost() {
    return Error::unavailable("the store's notices stopped: " +
                              connection_message(connection_->handle()));
  }

  std::unique_ptr<PostgresConnection> connection_;
  std::string own_;
};

class PostgresStore final : public Store {
 public:
  PostgresStore(std::string url, const StoreOptions& options)
      : url_(std::move(url)),
        max_connections_(options.max_connections),
        pool_([this] { return connect(); }, options.max_connections,
              std::chrono::milliseconds(options.acquire_timeout_ms)) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string description() const override { return without_password(url_); }
  PoolStats pool_stats() const override { return pool_.stats(); }

  Result<std::unique_ptr<StoreLock>> try_lock(const std::string& name) override {
    auto connection = connect(kKeepalives);
    if (!connection) return std::move(connection).error();
    Rows rows;
    // Keyed by schema too: databases for tests share a server, each in a schema of its own.
    auto taken =
        (*connection)
            ->run(
                "SELECT pg_try_advisory_lock(1346716492, hashtext(current_schema() || '/' || $1))",
                {name}, &rows);
    if (!taken) return std::move(taken).error();
    if (rows.empty() || rows[0].integer(0) == 0) return std::unique_ptr<StoreLock>();
    return std::unique_ptr<StoreLock>(std::make_unique<AdvisoryLock>(std::move(*connection)));
  }

  Result<std::unique_ptr<ChangeListener>> listen(const std::string& channel,
                                                 const std::string& own) override {
    auto connection = connect(kKeepalives);
    if (!connection) return std::move(connection).error();
    Rows rows;
    // Per schema, as notify sends it: databases for tests share a server.
    auto schema = (*connection)->run("SELECT current_schema() || '/' || $1", {channel}, &rows);
    if (!schema) return std::move(schema).error();
    const std::string& name = rows.at(0).text(0);
    char* quoted = PQescapeIdentifier((*connection)->handle(), name.c_str(), name.size());
    if (!quoted) return Error::internal("cannot quote the channel " + name);
    const std::string statement = std::string("LISTEN ") + quoted;
    PQfreemem(quoted);
    if (Status listening = (*connection)->plain(statement.c_str()); !listening)
      return std::move(listening).error();
    return std::unique_ptr<ChangeListener>(
        std::make_unique<NoticeListener>(std::move(*connection), own));
  }

  Status backup_to(const std::string&) override {
    return Error::invalid("db",
                          "a PostgreSQL store is backed up with pgBackRest (continuous, with "
                          "point-in-time recovery): see docs/operations.md, Backups");
  }

  Status transact(Access access, const std::function<Status(Session&)>& work) override {
    // After a failover every idle connection is to a server that is gone: each fails at BEGIN
    // and is dropped, and the work runs on a fresh one rather than failing for the caller.
    Status outcome;
    for (int attempt = 0; attempt <= max_connections_; ++attempt) {
      auto lease = pool_.acquire();
      if (!lease) return std::move(lease).error();
      PostgresConnection& connection = **lease;
      PostgresSession session(connection);
      bool began = false;
      outcome = run_transaction(connection, access == Access::kWrite ? "BEGIN" : "BEGIN READ ONLY",
                                session, work, &began);
      if (!connection.broken()) return outcome;
      lease->mark_broken();
      if (began) return outcome;
    }
    return outcome;
  }

 private:
  // For a connection held for long (a lock, a listener): a server that vanished is known lost
  // in seconds rather than at the operating system's TCP timeout.
  static inline const std::vector<std::pair<const char*, const char*>> kKeepalives{
      {"keepalives", "1"},
      {"keepalives_idle", "2"},
      {"keepalives_interval", "1"},
      {"keepalives_count", "3"},
      {"tcp_user_timeout", "5000"}};

  Result<std::unique_ptr<PostgresConnection>> connect(
      const std::vector<std::pair<const char*, const char*>>& extra = {}) {
    // The URL first, expanded into its parts; then the extra keywords.
    std::vector<const char*> keywords{"dbname"}, values{url_.c_str()};
    for (const auto& [keyword, value] : extra) {
      keywords.push_back(keyword);
      values.push_back(value);
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    PGconn* raw = PQconnectdbParams(keywords.data(), values.data(), 1);
    auto connection = std::make_unique<PostgresConnection>(raw);
    if (PQstatus(raw) != CONNECTION_OK) {
      return Error::unavailable("cannot connect to " + description() + ": " +
                                connection_message(raw));
    }
    Status quiet = connection->plain("SET client_min_messages = warning");
    if (!quiet) return std::move(quiet).error();
    return connection;
  }

  std::string url_;
  int max_connections_;
  mutable ConnectionPool<PostgresConnection> pool_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres(const std::string& url, const StoreOptions& options) {
  auto store = std::make_unique<PostgresStore>(url, options);
  Status reachable = store->ping();
  if (!reachable) return std::move(reachable).error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace peel::store
