#include "store/migrations.h"

#include <set>
#include <utility>

#include "core/clock.h"

namespace peel::store {

namespace {

constexpr const char* kCreateLedger =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " module TEXT NOT NULL, number BIGINT NOT NULL, name TEXT NOT NULL,"
    " applied_at_ms BIGINT NOT NULL, PRIMARY KEY (module, number))";

Result<std::set<std::pair<std::string, int>>> applied_migrations(Store& store) {
  using Applied = std::set<std::pair<std::string, int>>;
  return in_transaction<Applied>(store, Access::kWrite, [](Session& session) -> Result<Applied> {
    auto created = session.execute(kCreateLedger);
    if (!created) return std::move(created).error();
    auto rows = session.query("SELECT module, number FROM schema_migrations");
    if (!rows) return std::move(rows).error();
    Applied applied;
    for (const auto& row : *rows) applied.emplace(row.text(0), static_cast<int>(row.integer(1)));
    return applied;
  });
}

}  // namespace

Result<MigrationReport> migrate(Store& store, const std::vector<Migration>& migrations,
                                const Clock& clock) {
  auto applied = applied_migrations(store);
  if (!applied) return std::move(applied).error();
  std::set<std::pair<std::string, int>> known;
  for (const auto& m : migrations) known.emplace(m.module, m.number);
  for (const auto& entry : *applied) {
    if (!known.count(entry)) {
      return Error::conflict("the database has migration " + entry.first + " " +
                             std::to_string(entry.second) +
                             " that this version of Peel does not know; upgrade Peel");
    }
  }
  MigrationReport report;
  for (const auto& m : migrations) {
    if (applied->count({m.module, m.number})) continue;
    Status done = store.transact(Access::kWrite, [&](Session& session) -> Status {
      const auto& statements =
          session.dialect() == Dialect::kPostgres && !m.postgres_statements.empty()
              ? m.postgres_statements
              : m.statements;
      for (const auto& sql : statements) {
        auto r = session.execute(sql);
        if (!r) return std::move(r).error();
      }
      auto recorded = session.execute(
          "INSERT INTO schema_migrations (module, number, name, applied_at_ms) VALUES ($1, $2, $3, "
          "$4)",
          {m.module, static_cast<long long>(m.number), m.name, to_unix_ms(clock.now())});
      if (!recorded) return std::move(recorded).error();
      return {};
    });
    if (!done) {
      Error e = std::move(done).error();
      e.message = "migration " + m.module + " " + std::to_string(m.number) + " (" + m.name +
                  ") failed: " + e.message;
      return e;
    }
    report.applied.push_back(m.module + " " + std::to_string(m.number) + " " + m.name);
  }
  return report;
}

Result<int> pending_migrations(Store& store, const std::vector<Migration>& migrations) {
  return in_transaction<int>(store, Access::kRead, [&](Session& session) -> Result<int> {
    auto rows = session.query("SELECT module, number FROM schema_migrations");
    if (!rows) return static_cast<int>(migrations.size());  // no ledger yet: nothing applied
    std::set<std::pair<std::string, int>> applied;
    for (const auto& row : *rows) applied.emplace(row.text(0), static_cast<int>(row.integer(1)));
    int pending = 0;
    for (const auto& m : migrations) pending += applied.count({m.module, m.number}) ? 0 : 1;
    return pending;
  });
}

}  // namespace peel::store
