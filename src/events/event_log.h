// The event log: the append-only, hash-chained history every stateful module writes to.
//
// A module turns a command into an EventDraft and appends it. One writer thread batches the
// appends that arrive together into one transaction (group commit), so durability costs one
// sync per batch, not one per event. The caller is answered only after its event is durable.
// Each event's hash covers its content and the previous event's hash, so `verify` finds any
// event altered, removed or reordered after the fact. The hash is keyed (HMAC-SHA-256 with a
// key kept outside the database, set_chain_key), so whoever can write the database cannot
// recompute the chain after rewriting an event. A log is keyed from the first event a keyed
// process writes (event_log_keying records where, and which key); events before it (written
// by a release before keying) keep their plain SHA-256 hashes.
//
// Any number of processes may append to one store (servers, the command line): each batch
// takes the next sequence from the log's head row inside its own transaction, under the store's
// write lock (SQLite's BEGIN IMMEDIATE, PostgreSQL's row lock), so two writers never collide.
// What other processes wrote is read back from the store (when a batch finds the head moved,
// and by a tail) and handed to subscribers in sequence order. The tail looks when the store
// says another process appended (PostgreSQL's NOTIFY, sent by each batch) and in any case every
// `tail_interval` (all SQLite has, and PostgreSQL's fallback while its listener reconnects).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/metrics.h"
#include "core/result.h"
#include "store/migrations.h"
#include "store/store.h"

namespace peel::events {

struct EventDraft {
  std::string stream;   // what the event is about: "user/<id>", "access", "incident/<id>"
  std::string type;     // past tense, in the domain's words: "UserCreated", "SessionRevoked"
  std::string actor;    // user id, or "system"
  std::string reason;   // why, as stated by the actor; may be empty
  std::string payload;  // a JSON object, serialised
};

struct Event {
  long long sequence = 0;  // global, gap-free, starts at 1
  Timestamp at;
  std::string stream, type, actor, reason, payload;
  std::string previous_hash;  // hex SHA-256; 64 zeros before the first event
  std::string hash;
};

// Work done in the same transaction as the append (a module's tables, the access log), so that
// an event and its effect are stored together or not at all. Failing it rejects this one event;
// the others in the batch are unaffected.
using Effect = std::function<Status(store::Session&, const Event&)>;
using Subscriber = std::function<void(const Event&)>;

struct EventLogOptions {
  size_t max_batch = 1024;  // events per transaction at most
  // How often the log looks for events that other processes wrote.
  std::chrono::milliseconds tail_interval{200};
};

class EventLog {
 public:
  EventLog(store::Store& store, const Clock& clock, MetricsRegistry& metrics,
           EventLogOptions options = {});
  ~EventLog();  // stops after writing everything already accepted
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // The chain's key (raw bytes). REQUIRES: before start().
  void set_chain_key(std::string key) { key_ = std::move(key); }
  // Reads the head of the log and starts the writer and the tail; with a key, records that the
  // log is keyed from here (once). Error::conflict when the log is keyed with another key, or
  // keyed and this process has none. REQUIRES: migrations applied.
  Status start();
  // Writes what is queued, answers every caller, hands on what others wrote, and stops.
  // Appends after this fail.
  void stop();

  // Answers `done` on the writer thread once the event is durable (or failed).
  void append_async(EventDraft draft, Effect effect, std::function<void(Result<Event>)> done);
  // Blocks until the event is durable.
  Result<Event> append(EventDraft draft, Effect effect = {});

  // Every event, this process's and others', in sequence order: this process's after each
  // batch is durable and before its callers are answered. Called on the log's own threads;
  // must be quick (hand work to your own strand) and must not take a lock that is held while
  // appending.
  void subscribe(Subscriber subscriber);
  // Events that other processes wrote, in sequence order, for a module whose state in memory
  // must follow the store. Called on the tail thread, not the writer's, so it may take the
  // module's own lock (even one held while appending) and read the store.
  void on_written_elsewhere(Subscriber subscriber);

  // Events with sequence > after, oldest first; with a non-empty prefix, only streams that
  // start with it.
  Result<std::vector<Event>> read(long long after, int limit,
                                  const std::string& stream_prefix = {});

  // The last event handed to subscribers (this process's or another's).
  long long last_sequence() const;

  // Leadership (app/leadership.h): records that `holder` is now the active server and raises
  // the store's leadership epoch, in one event; from then on this log writes only while the
  // store's epoch is still the one returned, so a server that has lost leadership without
  // knowing it cannot write after its successor has taken over.
  Result<long long> take_leadership(const std::string& holder);
  // Writes without that check again (standing by: sign-ins only).
  void give_up_leadership() { fence_ = 0; }
  // The description given by the server that took leadership last ("" before any has).
  Result<std::string> leader();

 private:
  struct Pending {
    EventDraft draft;
    Effect effect;
    std::function<void(Result<Event>)> done;
    std::chrono::steady_clock::time_point queued;
  };
  void run();
  void write_batch(std::vector<Pending>& batch);
  static Status insert_events(store::Session& session, const std::vector<const Event*>& events);
  void tail();
  // Wakes the tail when the store says another process appended (PostgreSQL).
  void listen();
  // Hands on what other processes wrote, up to `through` (or the head when null).
  // REQUIRES: publish_mutex_ held.
  Status publish_written_elsewhere(std::optional<long long> through);
  // REQUIRES: publish_mutex_ held.
  void publish(const Event& event, bool written_here);

  store::Store& store_;
  std::string key_;
  const Clock& clock_;
  EventLogOptions options_;
  Histogram& append_latency_;
  Histogram& batch_size_;
  Counter& appended_;
  Counter& rejected_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  bool running_ = false;
  std::vector<Subscriber> subscribers_;
  std::vector<Subscriber> elsewhere_subscribers_;
  std::deque<Event> written_elsewhere_;  // waiting for the tail thread to hand on
  std::condition_variable tail_wake_;
  bool tail_stopping_ = false;
  bool appended_elsewhere_ = false;  // a notice came: the tail looks now
  std::thread writer_;
  std::thread tail_;
  std::thread listener_;
  const std::string instance_;  // sent with this log's notices, so that it ignores its own
  Counter& read_back_;
  Histogram& elsewhere_lag_;

  // Held while events are handed to subscribers, so they see each sequence once, in order,
  // whichever thread found it.
  std::mutex publish_mutex_;
  std::atomic<long long> published_sequence_{0};
  std::atomic<long long> fence_{0};  // the leadership epoch this log writes under; 0: none
};

// The hash an event must carry, given its content and previous_hash: HMAC-SHA-256 under `key`,
// or plain SHA-256 with no key (events from before keying).
std::string chain_hash(const Event& event, std::string_view key);
// Names a key without revealing it: what event_log_keying records.
std::string key_id(std::string_view key);
inline const std::string kGenesisHash(64, '0');

struct VerifyReport {
  long long checked = 0;
  std::optional<long long> first_bad;  // sequence of the first event that fails
  std::string problem;                 // what is wrong with it, for a person
};
// Recomputes the chain from the first event to the head with the chain's key (empty for a log
// never keyed); Error::conflict when the key is missing or not the log's.
Result<VerifyReport> verify(store::Store& store, std::string_view key);

std::vector<store::Migration> migrations();

}  // namespace peel::events
