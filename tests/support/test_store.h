// Fresh, isolated stores for tests, on either backend. The store suites run once per backend:
// SQLite always; PostgreSQL when PEEL_TEST_POSTGRES_URL names a server (scripts/with-postgres
// starts one, and `make test` always uses it).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace peel::testing {

// A fresh temporary directory, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// "sqlite" and "postgres".
std::vector<std::string> store_backends();

// A new empty database for one test: a file in a temporary directory for SQLite, a schema of
// its own for PostgreSQL. Dropped when the object goes away.
class TestStore {
 public:
  explicit TestStore(const std::string& backend, store::StoreOptions options = {});
  ~TestStore();
  // Empty when the backend is not available here (the caller skips).
  const std::string& url() const { return url_; }
  store::Store& store() { return *store_; }
  // PostgreSQL: the schema, which is also the connections' application_name. Empty for SQLite.
  const std::string& schema() const { return schema_; }
  std::string skip_reason;

 private:
  std::string backend_, url_, schema_;
  std::unique_ptr<TempDir> directory_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace peel::testing
