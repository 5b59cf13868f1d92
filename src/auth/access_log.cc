// The personal-data access log (Data Protection Act 2018 s.62). Each record is an event in the
// hash-chained log, so it cannot be quietly edited, and a row in access_log for querying.
#include <boost/json.hpp>
#include <condition_variable>
#include <mutex>

#include "auth/auth.h"
#include "core/id.h"
#include "core/json_text.h"

namespace peel::auth {

namespace json = boost::json;

namespace {

std::optional<AccessAction> parse_action(std::string_view name) {
  for (auto a : {AccessAction::kCollection, AccessAction::kAlteration, AccessAction::kConsultation,
                 AccessAction::kDisclosure, AccessAction::kCombination, AccessAction::kErasure}) {
    if (name == access_action_name(a)) return a;
  }
  return std::nullopt;
}

Status check_purpose(const std::string& purpose) {
  if (purpose.empty())
    return Error::invalid("purpose", "state why you are accessing this personal data");
  if (purpose.size() > 500) return Error::invalid("purpose", "must be at most 500 characters");
  return {};
}

// The event and the access_log row of one access, stored together.
struct Entry {
  events::EventDraft draft;
  events::Effect effect;
};

Entry entry_of(AccessRecord record) {
  events::EventDraft draft{"access", "PersonalDataAccessed", record.actor_id, record.purpose,
                           json_text(json::object{{"id", record.id},
                                                  {"action", access_action_name(record.action)},
                                                  {"subject_type", record.subject_type},
                                                  {"subject_id", record.subject_id},
                                                  {"detail", record.detail},
                                                  {"origin", record.ip}})};
  auto effect = [record = std::move(record)](store::Session& s, const events::Event& e) -> Status {
    auto r = s.execute(
        "INSERT INTO access_log (id, sequence, at_ms, actor_id, actor_username, ip, action,"
        " subject_type, subject_id, purpose, detail)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        {record.id, e.sequence, to_unix_ms(e.at), record.actor_id, record.actor_username, record.ip,
         std::string(access_action_name(record.action)), record.subject_type, record.subject_id,
         record.purpose, record.detail});
    if (!r) return std::move(r).error();
    return {};
  };
  return {std::move(draft), std::move(effect)};
}

}  // namespace

Status AuthService::record_access(const Actor& by, AccessAction action, std::string subject_type,
                                  std::string subject_id, const std::string& purpose,
                                  const std::string& detail) {
  return record_accesses(by, {{action, std::move(subject_type), std::move(subject_id)}}, purpose,
                         detail);
}

Status AuthService::record_accesses(const Actor& by, const std::vector<Subject>& subjects,
                                    const std::string& purpose, const std::string& detail) {
  if (Status s = check_purpose(purpose); !s) return s;
  // Appended together, the log's writer puts them in one transaction (group commit).
  std::mutex mutex;
  std::condition_variable answered;
  size_t waiting = subjects.size();
  Status first_failure;
  for (const auto& subject : subjects) {
    Entry entry = entry_of({new_id(clock_),
                            {},
                            by.id,
                            by.username,
                            by.origin.ip,
                            subject.action,
                            subject.type,
                            subject.id,
                            purpose,
                            detail});
    log_.append_async(std::move(entry.draft), std::move(entry.effect),
                      [&](Result<events::Event> done) {
                        std::lock_guard lock(mutex);
                        if (!done && first_failure) first_failure = std::move(done).error();
                        if (--waiting == 0) answered.notify_all();
                      });
  }
  std::unique_lock lock(mutex);
  answered.wait(lock, [&] { return waiting == 0; });
  return first_failure;
}

Result<Page> AuthService::access_log(const AccessQuery& query) {
  if (query.limit < 1 || query.limit > 1000) return Error::invalid("limit", "must be 1 to 1000");
  long long before = 0;
  if (!query.cursor.empty()) {
    try {
      before = std::stoll(query.cursor);
    } catch (...) {
      return Error::invalid("cursor", "is not a cursor this server gave out");
    }
  }
  // Filters are bound as parameters; only the shape of the WHERE clause varies.
  std::string sql =
      "SELECT id, at_ms, actor_id, actor_username, ip, action, subject_type, subject_id, purpose,"
      " detail, sequence FROM access_log WHERE 1 = 1";
  store::Params params;
  auto add = [&](const char* condition, store::Value value) {
    params.push_back(std::move(value));
    sql += std::string(" AND ") + condition + " $" + std::to_string(params.size());
  };
  if (query.actor_id) add("actor_id =", *query.actor_id);
  if (query.subject_type) add("subject_type =", *query.subject_type);
  if (query.subject_id) add("subject_id =", *query.subject_id);
  if (query.from) add("at_ms >=", to_unix_ms(*query.from));
  if (query.to) add("at_ms <", to_unix_ms(*query.to));
  if (before > 0) add("sequence <", before);
  params.emplace_back(std::in_place_type<long long>, query.limit + 1);
  sql += " ORDER BY sequence DESC LIMIT $" + std::to_string(params.size());

  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead, [&](store::Session& s) { return s.query(sql, params); });
  if (!rows) return std::move(rows).error();
  Page page;
  for (const auto& row : *rows) {
    if (static_cast<int>(page.items.size()) == query.limit) {
      page.next_cursor =
          std::to_string(page.items.empty() ? 0 : (*rows)[page.items.size() - 1].integer(10));
      break;
    }
    page.items.push_back({row.text(0), from_unix_ms(row.integer(1)), row.text(2), row.text(3),
                          row.text(4),
                          parse_action(row.text(5)).value_or(AccessAction::kConsultation),
                          row.text(6), row.text(7), row.text(8), row.text(9)});
  }
  return page;
}

std::vector<store::Migration> migrations() {
  return {
      {"auth",
       1,
       "create users, sessions and the access log",
       {"CREATE TABLE users ("
        " id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,"
        " role TEXT NOT NULL, password_hash TEXT NOT NULL, disabled BIGINT NOT NULL,"
        " must_change_password BIGINT NOT NULL, failed_logins BIGINT NOT NULL,"
        " locked_until_ms BIGINT, created_at_ms BIGINT NOT NULL)",
        "CREATE TABLE sessions ("
        " id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,"
        " user_id TEXT NOT NULL REFERENCES users (id), created_at_ms BIGINT NOT NULL,"
        " last_seen_ms BIGINT NOT NULL, expires_at_ms BIGINT NOT NULL, ended_at_ms BIGINT,"
        " ended_reason TEXT, ip TEXT NOT NULL)",
        "CREATE INDEX sessions_by_user ON sessions (user_id)",
        "CREATE TABLE access_log ("
        " id TEXT PRIMARY KEY, sequence BIGINT NOT NULL UNIQUE, at_ms BIGINT NOT NULL,"
        " actor_id TEXT NOT NULL, actor_username TEXT NOT NULL, ip TEXT NOT NULL,"
        " action TEXT NOT NULL, subject_type TEXT NOT NULL, subject_id TEXT NOT NULL,"
        " purpose TEXT NOT NULL, detail TEXT NOT NULL)",
        "CREATE INDEX access_log_by_actor ON access_log (actor_id, sequence)",
        "CREATE INDEX access_log_by_subject ON access_log (subject_type, subject_id, sequence)"},
       {}},
  };
}

Result<AccessLogCheck> check_access_log(store::Store& store) {
  AccessLogCheck check;
  constexpr long long kChunk = 5000;
  // Rows with no event, or an event of another kind: added (or moved) outside Peel.
  auto orphan = store::in_transaction<store::Rows>(store, store::Access::kRead, [](auto& s) {
    return s.query(
        "SELECT a.id, a.sequence FROM access_log a LEFT JOIN events e ON e.sequence = a.sequence"
        " AND e.type = 'PersonalDataAccessed' WHERE e.sequence IS NULL ORDER BY a.sequence"
        " LIMIT 1");
  });
  if (!orphan) return std::move(orphan).error();
  if (!orphan->empty()) {
    check.problem = "access log row " + orphan->front().text(0) + " (event " +
                    std::to_string(orphan->front().integer(1)) +
                    ") has no PersonalDataAccessed event: it was added outside Peel";
    return check;
  }
  for (long long after = 0;;) {
    auto rows = store::in_transaction<store::Rows>(store, store::Access::kRead, [&](auto& s) {
      return s.query(
          "SELECT e.sequence, e.at_ms, e.actor, e.reason, e.payload, a.id, a.at_ms, a.actor_id,"
          " a.ip, a.action, a.subject_type, a.subject_id, a.purpose, a.detail FROM events e"
          " LEFT JOIN access_log a ON a.sequence = e.sequence WHERE e.type ="
          " 'PersonalDataAccessed' AND e.sequence > $1 ORDER BY e.sequence LIMIT $2",
          {after, kChunk});
    });
    if (!rows) return std::move(rows).error();
    for (const auto& r : *rows) {
      const long long sequence = r.integer(0);
      after = sequence;
      if (!r.optional_text(5)) {
        check.problem = "the access log row of event " + std::to_string(sequence) +
                        " is missing: it was deleted";
        return check;
      }
      std::error_code ec;
      const json::value payload = json::parse(r.text(4), ec);
      const json::object* p = ec ? nullptr : payload.if_object();
      const auto member = [&](const char* name) -> std::string {
        const json::value* v = p ? p->if_contains(name) : nullptr;
        return v && v->is_string() ? std::string(v->as_string()) : std::string();
      };
      const bool same = p && member("id") == r.text(5) && r.integer(1) == r.integer(6) &&
                        r.text(2) == r.text(7) && member("origin") == r.text(8) &&
                        member("action") == r.text(9) && member("subject_type") == r.text(10) &&
                        member("subject_id") == r.text(11) && r.text(3) == r.text(12) &&
                        member("detail") == r.text(13);
      if (!same) {
        check.problem = "access log row " + r.text(5) + " differs from its event " +
                        std::to_string(sequence) + ": it was edited";
        return check;
      }
      ++check.checked;
    }
    if (static_cast<long long>(rows->size()) < kChunk) break;
  }
  return check;
}

}  // namespace peel::auth
