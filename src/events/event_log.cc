#include "events/event_log.h"

#include <array>
#include <future>

#include "core/log.h"

namespace peel::events {

namespace {

// "INSERT ... VALUES ($1..$9), ($10..$18), ..." for `rows` rows.
std::string insert_sql(size_t rows) {
  std::string sql =
      "INSERT INTO events (sequence, at_ms, stream, type, actor, reason, payload, previous_hash, "
      "hash)"
      " VALUES ";
  for (size_t r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (size_t c = 1; c <= 9; ++c) sql += (c > 1 ? ", $" : "$") + std::to_string(r * 9 + c);
    sql += ')';
  }
  return sql;
}

Event event_from_row(const store::Row& row) {
  Event e;
  e.sequence = row.integer(0);
  e.at = from_unix_ms(row.integer(1));
  e.stream = row.text(2);
  e.type = row.text(3);
  e.actor = row.text(4);
  e.reason = row.text(5);
  e.payload = row.text(6);
  e.previous_hash = row.text(7);
  e.hash = row.text(8);
  return e;
}

}  // namespace

// Many rows per statement, in a few fixed sizes so each connection prepares at most four
// statements: one round trip per chunk instead of one per event matters most on PostgreSQL.
Status EventLog::insert_events(store::Session& session, const std::vector<const Event*>& events) {
  static const std::array<std::pair<size_t, std::string>, 4> kChunks = {
      {{64, insert_sql(64)}, {16, insert_sql(16)}, {4, insert_sql(4)}, {1, insert_sql(1)}}};
  size_t next = 0;
  store::Params params;
  for (const auto& [size, sql] : kChunks) {
    while (events.size() - next >= size) {
      params.clear();
      for (size_t i = next; i < next + size; ++i) {
        const Event& e = *events[i];
        params.insert(params.end(), {e.sequence, to_unix_ms(e.at), e.stream, e.type, e.actor,
                                     e.reason, e.payload, e.previous_hash, e.hash});
      }
      auto inserted = session.execute(sql, params);
      if (!inserted) return std::move(inserted).error();
      next += size;
    }
  }
  return {};
}

EventLog::EventLog(store::Store& store, const Clock& clock, MetricsRegistry& metrics,
                   EventLogOptions options)
    : store_(store),
      clock_(clock),
      options_(options),
      append_latency_(
          metrics.histogram("peel_event_append_seconds", "Time from append to durable, per event")),
      batch_size_(metrics.histogram("peel_event_batch_size_thousands",
                                    "Events per group commit, in thousands")),
      appended_(metrics.counter("peel_events_appended_total", "Events durably appended")),
      rejected_(metrics.counter("peel_events_rejected_total",
                                "Appends refused (their effect failed or the store did)")) {}

EventLog::~EventLog() { stop(); }

Status EventLog::start() {
  Status loaded = store_.transact(store::Access::kRead, [&](store::Session& session) -> Status {
    auto rows = session.query("SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1");
    if (!rows) return std::move(rows).error();
    head_sequence_ = rows->empty() ? 0 : (*rows)[0].integer(0);
    head_hash_ = rows->empty() ? kGenesisHash : (*rows)[0].text(1);
    return {};
  });
  if (!loaded) return loaded;
  published_sequence_ = head_sequence_;
  std::lock_guard lock(mutex_);
  stopping_ = false;
  running_ = true;
  writer_ = std::thread([this] { run(); });
  return {};
}

void EventLog::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!running_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
  std::lock_guard lock(mutex_);
  running_ = false;
}

void EventLog::subscribe(Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  subscribers_.push_back(std::move(subscriber));
}

long long EventLog::last_sequence() const { return published_sequence_.load(); }

void EventLog::append_async(EventDraft draft, Effect effect,
                            std::function<void(Result<Event>)> done) {
  {
    std::lock_guard lock(mutex_);
    if (running_ && !stopping_) {
      queue_.push_back(
          {std::move(draft), std::move(effect), std::move(done), std::chrono::steady_clock::now()});
      wake_.notify_one();
      return;
    }
  }
  done(Error::unavailable("the event log is not running"));
}

Result<Event> EventLog::append(EventDraft draft, Effect effect) {
  std::promise<Result<Event>> promise;
  auto future = promise.get_future();
  append_async(std::move(draft), std::move(effect),
               [&promise](Result<Event> r) { promise.set_value(std::move(r)); });
  return future.get();
}

void EventLog::run() {
  std::vector<Pending> batch;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything accepted is written
      const size_t take = std::min(queue_.size(), options_.max_batch);
      batch.clear();
      for (size_t i = 0; i < take; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    write_batch(batch);
  }
}

void EventLog::write_batch(std::vector<Pending>& batch) {
  std::vector<std::optional<Result<Event>>> outcomes(batch.size());
  std::vector<Event> written;
  written.reserve(batch.size());
  const long long start_sequence = head_sequence_;
  const std::string start_hash = head_hash_;

  Status committed = store_.transact(store::Access::kWrite, [&](store::Session& session) -> Status {
    for (size_t i = 0; i < batch.size(); ++i) {
      auto& item = batch[i];
      Event e;
      e.sequence = head_sequence_ + 1;
      e.at = clock_.now();
      e.stream = std::move(item.draft.stream);
      e.type = std::move(item.draft.type);
      e.actor = std::move(item.draft.actor);
      e.reason = std::move(item.draft.reason);
      e.payload = std::move(item.draft.payload);
      e.previous_hash = head_hash_;
      e.hash = chain_hash(e);
      if (item.effect) {
        // Only an effect can fail for one item alone; a savepoint undoes just that item.
        if (Status s = session.savepoint("item"); !s) return s;
        if (Status s = insert_events(session, {&e}); !s) return s;
        Status effect = item.effect(session, e);
        if (!effect) {
          if (Status undone = session.rollback_to("item"); !undone) return undone;
          outcomes[i] = std::move(effect).error();
          continue;
        }
        if (Status released = session.release("item"); !released) return released;
      }
      head_sequence_ = e.sequence;
      head_hash_ = e.hash;
      written.push_back(e);
      outcomes[i] = std::move(e);
    }
    if (written.empty()) return {};
    // Events without an effect are inserted together, many rows per statement.
    std::vector<const Event*> plain;
    for (size_t i = 0, w = 0; i < batch.size(); ++i) {
      if (!outcomes[i]->ok()) continue;
      if (!batch[i].effect) plain.push_back(&written[w]);
      ++w;
    }
    if (Status s = insert_events(session, plain); !s) return s;
    auto head = session.execute("UPDATE event_log_head SET sequence = $1, hash = $2",
                                {head_sequence_, head_hash_});
    if (!head) return std::move(head).error();
    return {};
  });

  if (!committed) {
    head_sequence_ = start_sequence;
    head_hash_ = start_hash;
    log::error("events.batch_failed",
               {{"events", batch.size()}, {"reason", committed.error().message}});
    for (auto& item : batch) item.done(committed.error());
    rejected_.add(batch.size());
    return;
  }
  if (!written.empty()) {
    // Published before subscribers run, so a reader that sees this sequence can find it stored.
    published_sequence_ = head_sequence_;
    std::vector<Subscriber> subscribers;
    {
      std::lock_guard lock(mutex_);
      subscribers = subscribers_;
    }
    for (const auto& e : written) {
      for (const auto& s : subscribers) s(e);
    }
  }
  batch_size_.observe(static_cast<double>(batch.size()) / 1000.0);
  appended_.add(written.size());
  rejected_.add(batch.size() - written.size());
  const auto now = std::chrono::steady_clock::now();
  for (size_t i = 0; i < batch.size(); ++i) {
    append_latency_.observe(std::chrono::duration<double>(now - batch[i].queued).count());
    batch[i].done(std::move(*outcomes[i]));
  }
}

Result<std::vector<Event>> EventLog::read(long long after, int limit,
                                          const std::string& stream_prefix) {
  using Events = std::vector<Event>;
  return store::in_transaction<Events>(
      store_, store::Access::kRead, [&](store::Session& session) -> Result<Events> {
        auto rows =
            stream_prefix.empty()
                ? session.query(
                      "SELECT sequence, at_ms, stream, type, actor, reason, payload, previous_hash,"
                      " hash FROM events WHERE sequence > $1 ORDER BY sequence LIMIT $2",
                      {after, static_cast<long long>(limit)})
                : session.query(
                      "SELECT sequence, at_ms, stream, type, actor, reason, payload, previous_hash,"
                      " hash FROM events WHERE sequence > $1 AND substr(stream, 1, $2) = $3"
                      " ORDER BY sequence LIMIT $4",
                      {after, static_cast<long long>(stream_prefix.size()), stream_prefix,
                       static_cast<long long>(limit)});
        if (!rows) return std::move(rows).error();
        Events events;
        events.reserve(rows->size());
        for (const auto& row : *rows) events.push_back(event_from_row(row));
        return events;
      });
}

Result<VerifyReport> verify(store::Store& store) {
  VerifyReport report;
  std::string expected_previous = kGenesisHash;
  long long expected_sequence = 1;
  constexpr long long kChunk = 5000;
  while (true) {
    auto rows = store::in_transaction<store::Rows>(
        store, store::Access::kRead, [&](store::Session& session) {
          return session.query(
              "SELECT sequence, at_ms, stream, type, actor, reason, payload,"
              " previous_hash, hash FROM events WHERE sequence >= $1"
              " ORDER BY sequence LIMIT $2",
              {expected_sequence, kChunk});
        });
    if (!rows) return std::move(rows).error();
    for (const auto& row : *rows) {
      const Event e = event_from_row(row);
      auto fail = [&](long long sequence, std::string problem) {
        report.first_bad = sequence;
        report.problem = std::move(problem);
        return report;
      };
      if (e.sequence != expected_sequence) {
        return fail(expected_sequence, "event " + std::to_string(expected_sequence) +
                                           " is missing: the log jumps from " +
                                           std::to_string(expected_sequence - 1) + " to " +
                                           std::to_string(e.sequence));
      }
      if (e.previous_hash != expected_previous) {
        return fail(e.sequence, "event " + std::to_string(e.sequence) +
                                    " does not follow the event before it (reordered, or the one"
                                    " before was removed or altered)");
      }
      if (chain_hash(e) != e.hash) {
        return fail(e.sequence, "event " + std::to_string(e.sequence) +
                                    " was altered: its content does not match its hash");
      }
      expected_previous = e.hash;
      ++expected_sequence;
      ++report.checked;
    }
    if (static_cast<long long>(rows->size()) < kChunk) break;
  }
  // The head records the last event written, so removing events from the end shows too.
  auto head = store::in_transaction<store::Rows>(
      store, store::Access::kRead,
      [](store::Session& s) { return s.query("SELECT sequence, hash FROM event_log_head"); });
  if (!head) return std::move(head).error();
  if (!head->empty()) {
    const long long head_sequence = (*head)[0].integer(0);
    if (head_sequence != report.checked || (*head)[0].text(1) != expected_previous) {
      report.first_bad = report.checked + 1;
      report.problem = "the log ends at event " + std::to_string(report.checked) +
                       " but its head records event " + std::to_string(head_sequence) +
                       ": events were removed from the end, or the head was altered";
    }
  }
  return report;
}

std::vector<store::Migration> migrations() {
  return {
      {"events",
       1,
       "create event log",
       {"CREATE TABLE events ("
        " sequence BIGINT PRIMARY KEY, at_ms BIGINT NOT NULL, stream TEXT NOT NULL,"
        " type TEXT NOT NULL, actor TEXT NOT NULL, reason TEXT NOT NULL, payload TEXT NOT NULL,"
        " previous_hash TEXT NOT NULL, hash TEXT NOT NULL)",
        "CREATE INDEX events_by_stream ON events (stream, sequence)",
        "CREATE TABLE event_log_head (sequence BIGINT NOT NULL, hash TEXT NOT NULL)",
        "INSERT INTO event_log_head (sequence, hash) VALUES (0, "
        "'0000000000000000000000000000000000000000000000000000000000000000')"},
       {}},
  };
}

}  // namespace peel::events
