// A fresh database for one benchmark run: a file in a temporary directory for SQLite, a schema of
// its own on the server PEEL_TEST_POSTGRES_URL names for PostgreSQL (make bench starts one);
// removed when the BenchStore goes.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "core/crypto.h"
#include "store/store.h"

namespace peel::bench {

class BenchStore {
 public:
  // "sqlite" or "postgres"; store() is null when the backend is not available here.
  explicit BenchStore(const std::string& backend, int max_connections = 4) {
    if (backend == "sqlite") {
      dir_ = (std::filesystem::temp_directory_path() / ("peel-bench-" + to_hex(random_bytes(4))))
                 .string();
      url_ = "sqlite:" + dir_ + "/bench.db";
    } else {
      const char* base = std::getenv("PEEL_TEST_POSTGRES_URL");
      if (!base) return;
      schema_ = "bench_" + to_hex(random_bytes(4));
      if (!on_server("CREATE SCHEMA " + schema_)) return;
      url_ = std::string(base) + "?options=-csearch_path%3D" + schema_ + "%2Cpublic";
    }
    if (auto opened = store::Store::open(url_, {.max_connections = max_connections}))
      store_ = std::move(opened).value();
  }
  ~BenchStore() {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (!schema_.empty()) on_server("DROP SCHEMA " + schema_ + " CASCADE");
  }
  BenchStore(const BenchStore&) = delete;
  BenchStore& operator=(const BenchStore&) = delete;

  store::Store* store() { return store_.get(); }
  const std::string& url() const { return url_; }

 private:
  static bool on_server(const std::string& sql) {
    auto admin = store::Store::open(std::getenv("PEEL_TEST_POSTGRES_URL"));
    return admin && (*admin)->transact(store::Access::kWrite, [&](store::Session& s) -> Status {
      auto done = s.execute(sql);
      if (!done) return std::move(done).error();
      return {};
    });
  }

  std::string url_, dir_, schema_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace peel::bench
