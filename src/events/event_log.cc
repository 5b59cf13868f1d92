#include "events/event_log.h"

#include <array>
#include <boost/json.hpp>
#include <future>
#include <limits>
#include <utility>

#include "core/crypto.h"
#include "core/json_text.h"
#include "core/log.h"

namespace peel::events {

namespace {

// Each batch's NOTIFY (PostgreSQL), which wakes the other processes' tails.
constexpr std::string_view kAppendedChannel = "events_appended";
// How long to wait before listening again after the listener's connection broke.
constexpr std::chrono::seconds kListenRetry{1};

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
                                "Appends refused (their effect failed or the store did)")),
      instance_(to_hex(random_bytes(8))),
      read_back_(metrics.counter("peel_events_written_elsewhere_total",
                                 "Events written by other processes and read back from the store")),
      elsewhere_lag_(metrics.histogram(
          "peel_event_written_elsewhere_lag_seconds",
          "From another process's append to this one handing the event on (clocks of both)")) {}

EventLog::~EventLog() { stop(); }

namespace {

struct Head {
  long long sequence = 0;
  std::string hash;
};

// The last event written by any process. With `for_update`, inside a write transaction, the
// head row stays locked until it ends, so no other process can append in between (PostgreSQL's
// row lock; SQLite's BEGIN IMMEDIATE already holds the whole database).
Result<Head> read_head(store::Session& session, bool for_update) {
  auto rows = session.query(for_update && session.dialect() == store::Dialect::kPostgres
                                ? "SELECT sequence, hash FROM event_log_head FOR UPDATE"
                                : "SELECT sequence, hash FROM event_log_head");
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::unavailable("the event log has no head row: run peel migrate");
  return Head{(*rows)[0].integer(0), (*rows)[0].text(1)};
}

}  // namespace

Status EventLog::start() {
  // Keyed from the next event, once; every process after must hold the same key.
  Status keyed = store_.transact(store::Access::kWrite, [&](store::Session& s) -> Status {
    auto head = read_head(s, true);
    if (!head) return std::move(head).error();
    auto keying = s.query("SELECT from_sequence, key_id FROM event_log_keying");
    if (!keying) return std::move(keying).error();
    if (keying->empty()) {
      if (key_.empty()) return {};
      auto made = s.execute("INSERT INTO event_log_keying (from_sequence, key_id) VALUES ($1, $2)",
                            {head->sequence + 1, key_id(key_)});
      if (!made) return std::move(made).error();
      return {};
    }
    if (key_.empty())
      return Error::conflict(
          "the event log is keyed: this process needs the key (audit.key_file) to write to it");
    if (keying->front().text(1) != key_id(key_))
      return Error::conflict(
          "the audit key (audit.key_file) is not the one this event log is"
          " chained with (key " +
          keying->front().text(1) + "): copy the right key file here");
    return {};
  });
  if (!keyed) return keyed;
  auto head = store::in_transaction<Head>(store_, store::Access::kRead,
                                          [](store::Session& s) { return read_head(s, false); });
  if (!head) return std::move(head).error();
  published_sequence_ = head->sequence;
  std::lock_guard lock(mutex_);
  stopping_ = false;
  tail_stopping_ = false;
  running_ = true;
  writer_ = std::thread([this] { run(); });
  tail_ = std::thread([this] { tail(); });
  listener_ = std::thread([this] { listen(); });
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
  {
    std::lock_guard lock(mutex_);
    tail_stopping_ = true;
  }
  tail_wake_.notify_all();
  if (tail_.joinable()) tail_.join();
  if (listener_.joinable()) listener_.join();
  std::lock_guard lock(mutex_);
  running_ = false;
}

void EventLog::subscribe(Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  subscribers_.push_back(std::move(subscriber));
}

void EventLog::on_written_elsewhere(Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  elsewhere_subscribers_.push_back(std::move(subscriber));
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
  long long found_head = 0;  // where the log stood when this batch took the write lock

  // Held from before the transaction, so the tail cannot read this batch back as another's.
  std::lock_guard publishing(publish_mutex_);
  const long long fence = fence_.load();
  Status committed = store_.transact(store::Access::kWrite, [&](store::Session& session) -> Status {
    auto head = read_head(session, true);
    if (!head) return std::move(head).error();
    if (fence) {
      // After the head's lock, so no successor can take over between this check and the commit.
      auto epoch = session.query("SELECT epoch FROM leadership");
      if (!epoch) return std::move(epoch).error();
      if (epoch->empty() || (*epoch)[0].integer(0) != fence) {
        return Error::unavailable(
            "this server is no longer the active one: another has taken over; send the change "
            "there");
      }
    }
    found_head = head->sequence;
    long long sequence = head->sequence;
    std::string previous_hash = head->hash;
    for (size_t i = 0; i < batch.size(); ++i) {
      auto& item = batch[i];
      Event e;
      e.sequence = sequence + 1;
      e.at = clock_.now();
      e.stream = std::move(item.draft.stream);
      e.type = std::move(item.draft.type);
      e.actor = std::move(item.draft.actor);
      e.reason = std::move(item.draft.reason);
      e.payload = std::move(item.draft.payload);
      e.previous_hash = previous_hash;
      e.hash = chain_hash(e, key_);
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
      sequence = e.sequence;
      previous_hash = e.hash;
      outcomes[i] = e;
      written.push_back(std::move(e));
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
    auto moved = session.execute("UPDATE event_log_head SET sequence = $1, hash = $2",
                                 {sequence, previous_hash});
    if (!moved) return std::move(moved).error();
    return session.notify(kAppendedChannel, instance_);
  });

  if (!committed) {
    log::error("events.batch_failed",
               {{"events", batch.size()}, {"reason", committed.error().message}});
    for (auto& item : batch) item.done(committed.error());
    rejected_.add(batch.size());
    return;
  }
  if (!written.empty()) {
    // Another process appended since this one last looked: its events come first.
    if (Status caught_up = publish_written_elsewhere(found_head); !caught_up)
      log::warn("events.read_back_failed", {{"reason", caught_up.error().message}});
    for (const auto& e : written) publish(e, true);
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

void EventLog::publish(const Event& event, bool written_here) {
  // Published before subscribers run, so a reader that sees this sequence can find it stored.
  published_sequence_ = event.sequence;
  std::vector<Subscriber> subscribers;
  {
    std::lock_guard lock(mutex_);
    subscribers = subscribers_;
    if (!written_here) {
      written_elsewhere_.push_back(event);
      tail_wake_.notify_one();
    }
  }
  for (const auto& s : subscribers) s(event);
}

Status EventLog::publish_written_elsewhere(std::optional<long long> through) {
  constexpr int kPage = 1000;
  while (true) {
    const long long after = published_sequence_.load();
    if (through && after >= *through) return {};
    auto page = read(
        after, through ? static_cast<int>(std::min<long long>(kPage, *through - after)) : kPage);
    if (!page) return std::move(page).error();
    const auto now = clock_.now();
    for (const auto& e : *page) {
      if (through && e.sequence > *through) return {};
      if (e.sequence != published_sequence_.load() + 1) {
        return Error::internal("the event log jumps from " +
                               std::to_string(published_sequence_.load()) + " to " +
                               std::to_string(e.sequence));
      }
      elsewhere_lag_.observe(std::chrono::duration<double>(now - e.at).count());
      read_back_.add(1);
      publish(e, false);
    }
    if (page->size() < static_cast<size_t>(kPage)) return {};
  }
}

void EventLog::tail() {
  auto next_look = std::chrono::steady_clock::now();
  while (true) {
    std::deque<Event> arrived;
    std::vector<Subscriber> subscribers;
    bool stopping = false, noticed = false;
    {
      std::unique_lock lock(mutex_);
      tail_wake_.wait_until(lock, next_look, [&] {
        return tail_stopping_ || !written_elsewhere_.empty() || appended_elsewhere_;
      });
      arrived.swap(written_elsewhere_);
      subscribers = elsewhere_subscribers_;
      stopping = tail_stopping_;
      noticed = std::exchange(appended_elsewhere_, false);
    }
    for (const auto& e : arrived) {
      for (const auto& s : subscribers) s(e);
    }
    if (stopping) return;
    if (!noticed && std::chrono::steady_clock::now() < next_look) continue;
    next_look = std::chrono::steady_clock::now() + options_.tail_interval;
    // A cheap look at the head first; the lock only when there is something to read.
    auto head = store::in_transaction<Head>(store_, store::Access::kRead,
                                            [](store::Session& s) { return read_head(s, false); });
    if (!head) {
      log::debug("events.tail_failed", {{"reason", head.error().message}});
      continue;
    }
    if (head->sequence <= published_sequence_.load()) continue;
    std::lock_guard publishing(publish_mutex_);
    if (Status s = publish_written_elsewhere(std::nullopt); !s)
      log::warn("events.read_back_failed", {{"reason", s.error().message}});
  }
}

void EventLog::listen() {
  auto stopping = [this] {
    std::lock_guard lock(mutex_);
    return tail_stopping_;
  };
  std::unique_ptr<store::ChangeListener> listener;
  bool reported_loss = false;
  while (!stopping()) {
    if (!listener) {
      auto opened = store_.listen(std::string(kAppendedChannel), instance_);
      if (opened && !*opened) return;  // no notices from this store: the tail's looks suffice
      if (!opened) {
        std::unique_lock lock(mutex_);
        tail_wake_.wait_for(lock, kListenRetry, [this] { return tail_stopping_; });
        continue;
      }
      listener = std::move(*opened);
      reported_loss = false;
      // Whatever was appended while nobody listened.
      std::lock_guard lock(mutex_);
      appended_elsewhere_ = true;
      tail_wake_.notify_all();
    }
    // Short, so that stop() is not held up for long.
    auto noticed = listener->wait(std::chrono::milliseconds(250));
    if (!noticed) {
      if (!reported_loss) log::warn("events.listen_lost", {{"reason", noticed.error().message}});
      reported_loss = true;
      listener.reset();
      continue;
    }
    if (!*noticed) continue;
    std::lock_guard lock(mutex_);
    appended_elsewhere_ = true;
    tail_wake_.notify_all();
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

Result<VerifyReport> verify(store::Store& store, std::string_view key) {
  auto keying =
      store::in_transaction<store::Rows>(store, store::Access::kRead, [](store::Session& s) {
        return s.query("SELECT from_sequence, key_id FROM event_log_keying");
      });
  if (!keying) return std::move(keying).error();
  long long keyed_from = std::numeric_limits<long long>::max();
  if (!keying->empty()) {
    keyed_from = keying->front().integer(0);
    if (key.empty())
      return Error::conflict("the event log is keyed: verifying it needs the key (audit.key_file)");
    if (keying->front().text(1) != key_id(key))
      return Error::conflict("the audit key given is not the one this event log is chained with");
  }
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
      if (chain_hash(e, e.sequence >= keyed_from ? key : std::string_view()) != e.hash) {
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

Result<long long> EventLog::take_leadership(const std::string& holder) {
  fence_ = 0;
  long long epoch = 0;
  auto taken = append({"server", "ServerBecameActive", "system", "",
                       json_text(boost::json::object{{"holder", holder}})},
                      [&](store::Session& session, const Event& e) -> Status {
                        auto raised = session.execute(
                            "UPDATE leadership SET epoch = epoch + 1, holder = $1, since_ms = $2",
                            {holder, to_unix_ms(e.at)});
                        if (!raised) return std::move(raised).error();
                        auto rows = session.query("SELECT epoch FROM leadership");
                        if (!rows) return std::move(rows).error();
                        if (rows->empty())
                          return Error::unavailable("no leadership row: run peel migrate");
                        epoch = (*rows)[0].integer(0);
                        return {};
                      });
  if (!taken) return std::move(taken).error();
  fence_ = epoch;
  return epoch;
}

Result<std::string> EventLog::leader() {
  return store::in_transaction<std::string>(
      store_, store::Access::kRead, [](store::Session& session) -> Result<std::string> {
        auto rows = session.query("SELECT holder, since_ms FROM leadership");
        if (!rows) return std::move(rows).error();
        if (rows->empty() || rows->front().text(0).empty()) return std::string();
        return rows->front().text(0) + ", active since " +
               format_rfc3339(from_unix_ms(rows->front().integer(1)));
      });
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
      {"events",
       2,
       "leadership epoch: which server is active, fencing off the one before",
       {"CREATE TABLE leadership (epoch BIGINT NOT NULL, holder TEXT NOT NULL,"
        " since_ms BIGINT NOT NULL)",
        "INSERT INTO leadership (epoch, holder, since_ms) VALUES (0, '', 0)"},
       {}},
      {"events",
       3,
       "a keyed chain: from which event, under which key",
       {"CREATE TABLE event_log_keying (from_sequence BIGINT NOT NULL, key_id TEXT NOT NULL)"},
       {}},
  };
}

}  // namespace peel::events
