#include "support/test_store.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "core/clock.h"
#include "core/crypto.h"

namespace peel::testing {

namespace {

const char* postgres_url() {
  const char* url = std::getenv("PEEL_TEST_POSTGRES_URL");
  return url && *url ? url : nullptr;
}

bool postgres_required() {
  const char* required = std::getenv("PEEL_REQUIRE_POSTGRES");
  return required && std::string(required) == "1";
}

}  // namespace

std::vector<std::string> store_backends() {
  // Both always, so that test discovery (which runs without a server) lists the PostgreSQL
  // cases too; they skip at run time when no server is configured and none is required.
  return {"sqlite", "postgres"};
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "peel-test.XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

TestStore::TestStore(const std::string& backend, store::StoreOptions options) : backend_(backend) {
  if (backend == "sqlite") {
    directory_ = std::make_unique<TempDir>();
    url_ = "sqlite:" + directory_->path() + "/peel.db";
  } else {
    const char* base = postgres_url();
    if (!base) {
      if (postgres_required())
        throw std::runtime_error("PEEL_REQUIRE_POSTGRES=1 but PEEL_TEST_POSTGRES_URL is not set");
      skip_reason = "no PostgreSQL server (run under scripts/with-postgres)";
      return;
    }
    schema_ = "test_" + to_hex(random_bytes(6));
    auto admin = store::Store::open(base, {});
    if (!admin) throw std::runtime_error("cannot reach PostgreSQL: " + admin.error().message);
    Status created = (*admin)->transact(store::Access::kWrite, [&](store::Session& s) -> Status {
      auto r = s.execute("CREATE SCHEMA " + schema_);
      if (!r) return std::move(r).error();
      return {};
    });
    if (!created) throw std::runtime_error("cannot create schema: " + created.error().message);
    const std::string separator = std::string(base).find('?') == std::string::npos ? "?" : "&";
    // The application name lets a test find (and cut) its own connections on a shared server.
    url_ = std::string(base) + separator + "options=-csearch_path%3D" + schema_ +
           "&application_name=" + schema_;
  }
  auto opened = store::Store::open(url_, options);
  if (!opened)
    throw std::runtime_error("cannot open test store " + url_ + ": " + opened.error().message);
  store_ = std::move(opened).value();
}

TestStore::~TestStore() {
  store_.reset();
  if (!schema_.empty()) {
    if (auto admin = store::Store::open(postgres_url(), {})) {
      (void)(*admin)->transact(store::Access::kWrite, [&](store::Session& s) -> Status {
        (void)s.execute("DROP SCHEMA " + schema_ + " CASCADE");
        return {};
      });
    }
  }
}

}  // namespace peel::testing
