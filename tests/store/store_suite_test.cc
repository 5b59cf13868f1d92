// The store contract, run against SQLite and PostgreSQL alike.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/clock.h"
#include "store/migrations.h"
#include "store/store.h"
#include "support/test_store.h"

namespace peel {
namespace {

using store::Access;
using store::Session;

class StoreSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing::TestStore>(GetParam());
    if (!db_->skip_reason.empty()) GTEST_SKIP() << db_->skip_reason;
    ASSERT_TRUE(exec("CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
                     " age BIGINT, score DOUBLE PRECISION)")
                    .ok());
  }
  store::Store& store() { return db_->store(); }
  Status exec(const std::string& sql, const store::Params& params = {}) {
    return store().transact(Access::kWrite, [&](Session& s) -> Status {
      auto r = s.execute(sql, params);
      if (!r) return std::move(r).error();
      return {};
    });
  }
  store::Rows all() {
    auto rows = store::in_transaction<store::Rows>(store(), Access::kRead, [](Session& s) {
      return s.query("SELECT id, name, age, score FROM people ORDER BY id");
    });
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : store::Rows{};
  }
  std::unique_ptr<testing::TestStore> db_;
};

TEST_P(StoreSuite, RoundTripsEveryValueType) {
  ASSERT_TRUE(exec("INSERT INTO people VALUES ($1, $2, $3, $4)",
                   {std::string("a"), std::string("Ada Lovelace"), 36LL, 2.5})
                  .ok());
  ASSERT_TRUE(exec("INSERT INTO people VALUES ($1, $2, $3, $4)",
                   {std::string("b"), std::string("Zoë O'Brien; DROP TABLE people;--"),
                    std::monostate{}, std::monostate{}})
                  .ok());
  const auto rows = all();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].text(1), "Ada Lovelace");
  EXPECT_EQ(rows[0].integer(2), 36);
  EXPECT_DOUBLE_EQ(rows[0].real(3), 2.5);
  EXPECT_EQ(rows[1].text(1), "Zoë O'Brien; DROP TABLE people;--");
  EXPECT_TRUE(rows[1].is_null(2));
  EXPECT_FALSE(rows[1].optional_integer(2).has_value());
}

TEST_P(StoreSuite, PlaceholdersMayRepeatAndComeOutOfOrder) {
  ASSERT_TRUE(exec("INSERT INTO people (name, id, age) VALUES ($2, $1, $3)",
                   {std::string("x"), std::string("Xavier"), 7LL})
                  .ok());
  auto rows = store::in_transaction<store::Rows>(store(), Access::kRead, [](Session& s) {
    return s.query("SELECT name FROM people WHERE id = $1 AND (age = $2 OR age = $2 + 1)",
                   {std::string("x"), 7LL});
  });
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].text(0), "Xavier");
}

TEST_P(StoreSuite, FailedWorkRollsBackEverything) {
  Status failed = store().transact(Access::kWrite, [](Session& s) -> Status {
    auto r = s.execute("INSERT INTO people (id, name) VALUES ($1, $2)",
                       {std::string("a"), std::string("A")});
    if (!r) return std::move(r).error();
    return Error::invalid("name", "refused on purpose");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalid);
  EXPECT_TRUE(all().empty());
}

TEST_P(StoreSuite, ThrowingWorkRollsBack) {
  EXPECT_THROW(
      (void)store().transact(Access::kWrite,
                             [](Session& s) -> Status {
                               (void)s.execute("INSERT INTO people (id, name) VALUES ('a', 'A')");
                               throw std::runtime_error("bug");
                             }),
      std::runtime_error);
  EXPECT_TRUE(all().empty());
  EXPECT_TRUE(exec("INSERT INTO people (id, name) VALUES ('b', 'B')").ok());  // pool still usable
}

TEST_P(StoreSuite, DuplicateKeyIsAConflict) {
  ASSERT_TRUE(exec("INSERT INTO people (id, name) VALUES ('a', 'A')").ok());
  Status again = exec("INSERT INTO people (id, name) VALUES ('a', 'B')");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(all().size(), 1u);
}

TEST_P(StoreSuite, SavepointUndoesOnlyItsPart) {
  Status done = store().transact(Access::kWrite, [](Session& s) -> Status {
    (void)s.execute("INSERT INTO people (id, name) VALUES ('a', 'A')");
    (void)s.savepoint("item");
    auto dup = s.execute("INSERT INTO people (id, name) VALUES ('a', 'again')");
    EXPECT_FALSE(dup.ok());
    Status back = s.rollback_to("item");
    if (!back) return back;
    auto r = s.execute("INSERT INTO people (id, name) VALUES ('b', 'B')");
    if (!r) return std::move(r).error();
    return {};
  });
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(all().size(), 2u);
}

TEST_P(StoreSuite, BadSqlIsAnErrorNotACrash) {
  Status bad = exec("SELEKT nonsense");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInternal);
  EXPECT_TRUE(exec("INSERT INTO people (id, name) VALUES ('a', 'A')").ok());
}

TEST_P(StoreSuite, ConcurrentWritersAllLand) {
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        Status s = exec("INSERT INTO people (id, name) VALUES ($1, 'n')",
                        {std::to_string(t) + "-" + std::to_string(i)});
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(all().size(), static_cast<size_t>(kThreads * kEach));
}

TEST_P(StoreSuite, PoolIsBoundedAndReportsUse) {
  const auto stats = store().pool_stats();
  EXPECT_GE(stats.open, 1);
  EXPECT_EQ(stats.in_use, 0);
  EXPECT_EQ(stats.max, store::StoreOptions{}.max_connections);
}

TEST_P(StoreSuite, MigrationsApplyOnceInOrder) {
  ManualClock clock(from_unix_ms(1'700'000'000'000));
  std::vector<store::Migration> migrations = {
      {"demo", 1, "create things", {"CREATE TABLE things (id TEXT PRIMARY KEY)"}, {}},
      {"demo", 2, "add colour", {"ALTER TABLE things ADD COLUMN colour TEXT"}, {}},
  };
  auto pending = store::pending_migrations(store(), migrations);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(*pending, 2);
  auto first = store::migrate(store(), migrations, clock);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->applied.size(), 2u);
  auto second = store::migrate(store(), migrations, clock);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->applied.empty());
  EXPECT_EQ(*store::pending_migrations(store(), migrations), 0);
  EXPECT_TRUE(exec("INSERT INTO things (id, colour) VALUES ('t', 'blue')").ok());
}

TEST_P(StoreSuite, FailedMigrationLeavesNothingBehind) {
  ManualClock clock(from_unix_ms(0));
  std::vector<store::Migration> migrations = {
      {"demo", 1, "half good", {"CREATE TABLE good (id TEXT)", "CREATE TABLE (broken"}, {}},
  };
  auto applied = store::migrate(store(), migrations, clock);
  ASSERT_FALSE(applied.ok());
  EXPECT_NE(applied.error().message.find("demo 1"), std::string::npos);
  EXPECT_FALSE(exec("INSERT INTO good (id) VALUES ('x')").ok());  // rolled back with it
  EXPECT_EQ(*store::pending_migrations(store(), migrations), 1);
}

TEST_P(StoreSuite, RefusesADatabaseFromANewerVersion) {
  ManualClock clock(from_unix_ms(0));
  std::vector<store::Migration> newer = {
      {"demo", 1, "one", {"CREATE TABLE one (id TEXT)"}, {}},
      {"demo", 2, "two", {"CREATE TABLE two (id TEXT)"}, {}},
  };
  ASSERT_TRUE(store::migrate(store(), newer, clock).ok());
  newer.pop_back();
  auto older = store::migrate(store(), newer, clock);
  ASSERT_FALSE(older.ok());
  EXPECT_EQ(older.error().code, ErrorCode::kConflict);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSuite, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

TEST(StoreOpen, RejectsAnUnknownUrl) {
  auto opened = store::Store::open("mysql://nope");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().fields.at(0).field, "db");
}

TEST(StoreOpen, UnreachablePostgresIsUnavailable) {
  auto opened = store::Store::open("postgresql://peel@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(opened.error().message.find("password"), std::string::npos);
}

TEST(StoreOpen, SqliteInAnUnwritablePlaceIsUnavailable) {
  auto opened = store::Store::open("sqlite:/proc/peel/cannot.db");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace peel

namespace peel {
namespace {

TEST(SqliteStore, AFullDatabaseIsUnavailableNotACrash) {
  testing::TestStore db("sqlite", {.max_connections = 1});
  auto exec = [&](const std::string& sql, const store::Params& params = {}) {
    return db.store().transact(store::Access::kWrite, [&](store::Session& s) -> Status {
      auto r = s.execute(sql, params);
      if (!r) return std::move(r).error();
      return {};
    });
  };
  ASSERT_TRUE(exec("CREATE TABLE blobs (id BIGINT PRIMARY KEY, body TEXT)").ok());
  // One pooled connection, so this per-connection limit holds for every later transaction.
  ASSERT_TRUE(exec("PRAGMA max_page_count = 20").ok());
  Status last;
  for (long long i = 0; i < 100 && last.ok(); ++i) {
    last = exec("INSERT INTO blobs (id, body) VALUES ($1, $2)", {i, std::string(4000, 'x')});
  }
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(last.error().message.find("full"), std::string::npos);
  EXPECT_TRUE(exec("DELETE FROM blobs WHERE id < 3").ok()) << "still usable";
}

}  // namespace
}  // namespace peel
