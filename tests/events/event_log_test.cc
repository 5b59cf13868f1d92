// The event log, against SQLite and PostgreSQL alike.
#include "events/event_log.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "support/test_store.h"

namespace peel {
namespace {

using events::EventDraft;
using events::EventLog;
using store::Access;

class EventLogSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing::TestStore>(GetParam());
    if (!db_->skip_reason.empty()) GTEST_SKIP() << db_->skip_reason;
    ASSERT_TRUE(store::migrate(db_->store(), events::migrations(), clock_).ok());
    ASSERT_TRUE(db_->store()
                    .transact(Access::kWrite,
                              [](store::Session& s) -> Status {
                                auto r = s.execute("CREATE TABLE names (name TEXT PRIMARY KEY)");
                                if (!r) return std::move(r).error();
                                return {};
                              })
                    .ok());
    log_ = std::make_unique<EventLog>(db_->store(), clock_, metrics_);
    ASSERT_TRUE(log_->start().ok());
  }
  void TearDown() override { log_.reset(); }

  EventDraft draft(std::string stream, std::string payload = "{}") {
    return {std::move(stream), "Tested", "tester", "because", std::move(payload)};
  }
  Status tamper(const std::string& sql) {
    return db_->store().transact(Access::kWrite, [&](store::Session& s) -> Status {
      auto r = s.execute(sql);
      if (!r) return std::move(r).error();
      return {};
    });
  }
  events::VerifyReport verified() {
    auto report = events::verify(db_->store(), "");
    EXPECT_TRUE(report.ok());
    return report.ok() ? *report : events::VerifyReport{};
  }

  ManualClock clock_{from_unix_ms(1'790'000'000'000)};
  MetricsRegistry metrics_;
  std::unique_ptr<testing::TestStore> db_;
  std::unique_ptr<EventLog> log_;
};

TEST_P(EventLogSuite, AppendsAreNumberedChainedAndDurable) {
  auto first = log_->append(draft("user/1", R"({"name":"Ada"})"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  clock_.advance(std::chrono::seconds(1));
  auto second = log_->append(draft("user/2"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->sequence, 1);
  EXPECT_EQ(second->sequence, 2);
  EXPECT_EQ(first->previous_hash, events::kGenesisHash);
  EXPECT_EQ(second->previous_hash, first->hash);
  EXPECT_EQ(second->at, clock_.now());

  auto read = log_->read(0, 10);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].payload, R"({"name":"Ada"})");
  EXPECT_EQ((*read)[1].hash, second->hash);
  const auto report = verified();
  EXPECT_EQ(report.checked, 2);
  EXPECT_FALSE(report.first_bad.has_value()) << report.problem;
}

TEST_P(EventLogSuite, ManyConcurrentWritersShareBatchesAndLoseNothing) {
  constexpr int kThreads = 8, kEach = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        if (!log_->append(draft("writer/" + std::to_string(t))).ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(log_->last_sequence(), kThreads * kEach);
  const auto report = verified();
  EXPECT_EQ(report.checked, kThreads * kEach);
  EXPECT_FALSE(report.first_bad.has_value()) << report.problem;
}

TEST_P(EventLogSuite, AFailedEffectRejectsOnlyItsOwnEvent) {
  auto insert_name = [](std::string name) {
    return [name](store::Session& s, const events::Event&) -> Status {
      auto r = s.execute("INSERT INTO names (name) VALUES ($1)", {name});
      if (!r) return std::move(r).error();
      return {};
    };
  };
  std::vector<std::future<Result<events::Event>>> results;
  for (const char* name : {"a", "a", "b"}) {
    auto promise = std::make_shared<std::promise<Result<events::Event>>>();
    results.push_back(promise->get_future());
    log_->append_async(draft("names"), insert_name(name),
                       [promise](Result<events::Event> r) { promise->set_value(std::move(r)); });
  }
  auto a = results[0].get(), again = results[1].get(), b = results[2].get();
  EXPECT_TRUE(a.ok());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->sequence, a->sequence + 1);  // no gap where the rejected one was
  const auto report = verified();
  EXPECT_EQ(report.checked, 2);
  EXPECT_FALSE(report.first_bad.has_value()) << report.problem;
}

TEST_P(EventLogSuite, SubscribersSeeEveryEventInOrderBeforeTheCallerIsAnswered) {
  std::mutex mutex;
  std::vector<long long> seen;
  log_->subscribe([&](const events::Event& e) {
    std::lock_guard lock(mutex);
    seen.push_back(e.sequence);
  });
  for (int i = 0; i < 20; ++i) {
    auto appended = log_->append(draft("s"));
    ASSERT_TRUE(appended.ok());
    std::lock_guard lock(mutex);
    ASSERT_EQ(seen.back(), appended->sequence);
  }
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], static_cast<long long>(i + 1));
}

TEST_P(EventLogSuite, ReadFiltersByStreamPrefix) {
  ASSERT_TRUE(log_->append(draft("user/1")).ok());
  ASSERT_TRUE(log_->append(draft("access")).ok());
  ASSERT_TRUE(log_->append(draft("user/2")).ok());
  auto users = log_->read(0, 10, "user/");
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[1].stream, "user/2");
  auto after = log_->read(2, 10);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].sequence, 3);
}

TEST_P(EventLogSuite, RestartContinuesTheChain) {
  ASSERT_TRUE(log_->append(draft("a")).ok());
  log_ = std::make_unique<EventLog>(db_->store(), clock_, metrics_);
  ASSERT_TRUE(log_->start().ok());
  auto next = log_->append(draft("b"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->sequence, 2);
  EXPECT_FALSE(verified().first_bad.has_value());
}

TEST_P(EventLogSuite, StopWritesWhatWasAcceptedThenRefuses) {
  std::atomic<int> answered{0};
  for (int i = 0; i < 100; ++i) {
    log_->append_async(draft("s"), {}, [&](Result<events::Event> r) { answered += r.ok(); });
  }
  log_->stop();
  EXPECT_EQ(answered.load(), 100);
  auto late = log_->append(draft("late"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kUnavailable);
}

TEST_P(EventLogSuite, VerifyFindsAnAlteredEvent) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(log_->append(draft("s")).ok());
  ASSERT_TRUE(tamper("UPDATE events SET reason = 'nothing to see' WHERE sequence = 3").ok());
  const auto report = verified();
  ASSERT_TRUE(report.first_bad.has_value());
  EXPECT_EQ(*report.first_bad, 3);
  EXPECT_NE(report.problem.find("altered"), std::string::npos);
}

TEST_P(EventLogSuite, VerifyFindsARemovedEvent) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(log_->append(draft("s")).ok());
  ASSERT_TRUE(tamper("DELETE FROM events WHERE sequence = 2").ok());
  const auto report = verified();
  ASSERT_TRUE(report.first_bad.has_value());
  EXPECT_EQ(*report.first_bad, 2);
  EXPECT_NE(report.problem.find("missing"), std::string::npos);
}

TEST_P(EventLogSuite, VerifyFindsReorderedEvents) {
  ASSERT_TRUE(log_->append(draft("first")).ok());
  ASSERT_TRUE(log_->append(draft("second")).ok());
  ASSERT_TRUE(log_->append(draft("third")).ok());
  // Swap the second and third events' places in the sequence.
  ASSERT_TRUE(tamper("UPDATE events SET sequence = 100 WHERE sequence = 2").ok());
  ASSERT_TRUE(tamper("UPDATE events SET sequence = 2 WHERE sequence = 3").ok());
  ASSERT_TRUE(tamper("UPDATE events SET sequence = 3 WHERE sequence = 100").ok());
  const auto report = verified();
  ASSERT_TRUE(report.first_bad.has_value());
  EXPECT_EQ(*report.first_bad, 2);
}

TEST_P(EventLogSuite, VerifyFindsEventsRemovedFromTheEnd) {
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(log_->append(draft("s")).ok());
  ASSERT_TRUE(tamper("DELETE FROM events WHERE sequence = 4").ok());
  const auto report = verified();
  ASSERT_TRUE(report.first_bad.has_value());
  EXPECT_EQ(*report.first_bad, 4);
}

// A second process on the same store: its own connections, its own log, its own clock.
struct OtherProcess {
  explicit OtherProcess(const std::string& url, const Clock& clock) {
    auto opened = store::Store::open(url);
    if (!opened) throw std::runtime_error(opened.error().message);
    store = std::move(opened).value();
    log = std::make_unique<EventLog>(*store, clock, metrics);
    if (!log->start()) throw std::runtime_error("the second log did not start");
  }
  ~OtherProcess() { log.reset(); }
  MetricsRegistry metrics;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<EventLog> log;
};

// Waits up to two seconds for `done`.
template <typename Predicate>
bool eventually(Predicate done) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

TEST_P(EventLogSuite, TwoProcessesAppendingAtOnceNeverCollide) {
  OtherProcess other(db_->url(), clock_);
  constexpr int kThreads = 4, kEach = 100;
  std::atomic<int> failed{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    for (EventLog* log : {log_.get(), other.log.get()}) {
      writers.emplace_back([&, log, t] {
        for (int i = 0; i < kEach; ++i) {
          if (!log->append(draft("thing/" + std::to_string(t))).ok()) ++failed;
        }
      });
    }
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(failed.load(), 0);
  const auto report = verified();
  EXPECT_EQ(report.checked, 2 * kThreads * kEach);
  EXPECT_FALSE(report.first_bad) << report.problem;
}

TEST_P(EventLogSuite, EventsWrittenElsewhereReachSubscribersInOrderOnce) {
  std::mutex mutex;
  std::vector<long long> all, elsewhere;
  log_->subscribe([&](const events::Event& e) {
    std::lock_guard lock(mutex);
    all.push_back(e.sequence);
  });
  log_->on_written_elsewhere([&](const events::Event& e) {
    std::lock_guard lock(mutex);
    elsewhere.push_back(e.sequence);
  });
  OtherProcess other(db_->url(), clock_);
  ASSERT_TRUE(other.log->append(draft("user/9")).ok());  // 1: seen by the tail
  ASSERT_TRUE(eventually([&] { return log_->last_sequence() == 1; }));
  ASSERT_TRUE(other.log->append(draft("user/9")).ok());  // 2: found by this log's next batch
  auto mine = log_->append(draft("user/1"));
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->sequence, 3);
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(mutex);
    return elsewhere.size() == 2;
  }));
  std::lock_guard lock(mutex);
  EXPECT_EQ(all, (std::vector<long long>{1, 2, 3}));
  EXPECT_EQ(elsewhere, (std::vector<long long>{1, 2}));
  EXPECT_EQ(log_->last_sequence(), 3);
}

TEST_P(EventLogSuite, AnEffectSeesWhatAnotherProcessWrote) {
  OtherProcess other(db_->url(), clock_);
  auto insert = [](std::string name) {
    return [name](store::Session& s, const events::Event&) -> Status {
      auto r = s.execute("INSERT INTO names (name) VALUES ($1)", {name});
      if (!r) return std::move(r).error();
      return {};
    };
  };
  ASSERT_TRUE(other.log->append(draft("name/ada"), insert("ada")).ok());
  // The same name again from this process: refused by the table, in words, not a clash of
  // sequence numbers; the log goes on.
  auto again = log_->append(draft("name/ada"), insert("ada"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().message.find("events.sequence"), std::string::npos);
  ASSERT_TRUE(log_->append(draft("name/bea"), insert("bea")).ok());
  EXPECT_EQ(verified().checked, 2);
}

TEST_P(EventLogSuite, OnPostgresANoticeBringsWhatAnotherProcessWroteAtOnce) {
  if (db_->store().dialect() != store::Dialect::kPostgres)
    GTEST_SKIP() << "SQLite has no notices: its tail looks every tail_interval";
  // A tail that looks once a minute: only the notice can bring the event within two seconds.
  log_.reset();
  log_ =
      std::make_unique<EventLog>(db_->store(), clock_, metrics_,
                                 events::EventLogOptions{.tail_interval = std::chrono::minutes(1)});
  ASSERT_TRUE(log_->start().ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the first look and LISTEN
  OtherProcess other(db_->url(), clock_);
  ASSERT_TRUE(other.log->append(draft("user/9")).ok());
  EXPECT_TRUE(eventually([&] { return log_->last_sequence() == 1; }));
  // Its own batches wake nobody else, and it does not take them for another's.
  ASSERT_TRUE(log_->append(draft("user/1")).ok());
  ASSERT_TRUE(other.log->append(draft("user/9")).ok());
  EXPECT_TRUE(eventually([&] { return log_->last_sequence() == 3; }));
}

INSTANTIATE_TEST_SUITE_P(Backends, EventLogSuite, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel
