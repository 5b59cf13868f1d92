// Numbered schema migrations. Each module owns its tables and lists its own migrations; the app
// hands all of them to migrate(). A migration runs in one transaction and is recorded in
// schema_migrations, so running migrate again is a no-op and a half-applied one cannot exist.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "store/store.h"

namespace peel::store {

struct Migration {
  std::string module;  // "events", "auth", ...
  int number;          // 1, 2, ... within the module; never renumber a released one
  std::string name;    // "create event log"
  std::vector<std::string> statements;           // for both engines, unless overridden below
  std::vector<std::string> postgres_statements;  // when PostgreSQL needs other SQL
};

struct MigrationReport {
  std::vector<std::string> applied;  // "events 1 create event log"
};

// Applies, in order, every migration not yet recorded. Refuses to run if the database holds a
// migration this build does not know (a newer Peel wrote it).
Result<MigrationReport> migrate(Store& store, const std::vector<Migration>& migrations,
                                const Clock& clock);

// How many of `migrations` are not applied yet (0 means ready).
Result<int> pending_migrations(Store& store, const std::vector<Migration>& migrations);

}  // namespace peel::store
