// Person search over generated people with realistic name frequencies (a Zipf curve over common
// British surnames and forenames, and a long tail of rarer surnames), on SQLite and on
// PostgreSQL, beside PostgreSQL's pg_trgm similarity search over the same names in the same run.
// Four kinds of query, from people who are in the store: full name; full name with a typo in
// the surname; surname with year of birth; initial and surname. p50/p99 and how often the person
// sought is in the first 20. Target: p99 <= 50 ms at 10 million people.
//   PEEL_BENCH_PERSONS=N (default 10,000,000) [PEEL_BENCH_BACKENDS=sqlite|postgres]
//   scripts/with-postgres bench_pole_search
// The people are written straight into the module's tables (with its own keys), not through the
// event log: this measures search, not recording.
#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "bench_store.h"
#include "core/clock.h"
#include "events/event_log.h"
#include "pole/common_names.h"
#include "pole/persons.h"
#include "pole/register.h"
#include "pole/text_similarity.h"
#include "store/migrations.h"

namespace peel::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Surnames beyond the commonest: made of English surname parts (Ash + er + ford + by), about
// 250,000 different ones, as many as Britain has.
std::vector<std::string> tail_surnames(std::mt19937_64& random, size_t n) {
  static const std::vector<std::string> first = {
      "Ash",  "Brad", "Cal",  "Dun",  "Elm",  "Fair", "Gar",   "Hol",  "Kirk", "Lang",
      "Mar",  "Nor",  "Ord",  "Pen",  "Rad",  "Sel",  "Thorn", "Wex",  "Yar",  "Bram",
      "Cran", "Dal",  "Ever", "Fen",  "Grim", "Hath", "Ing",   "Lock", "Mel",  "Nether",
      "Oak",  "Pick", "Quen", "Rush", "Stan", "Tal",  "Up",    "Ven",  "Wint", "Alder"};
  static const std::vector<std::string> middle = {
      "", "er", "in", "ing", "el", "ow", "ar", "ett", "bur", "ham", "ley", "es", "ard", "um", "is"};
  static const std::vector<std::string> last = {
      "ford",  "ton",   "ley",  "well",  "by",    "ham",    "wick",  "stead", "more", "dale",
      "croft", "worth", "man",  "son",   "field", "hurst",  "combe", "den",   "gate", "hill",
      "holm",  "land",  "mere", "ridge", "shaw",  "thorpe", "wood",  "brook", "cott", "dge",
      "ings",  "ney",   "ock",  "rick",  "sey",   "tree",   "wall",  "win",   "yard", "cliffe"};
  auto pick = [&](const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(random)];
  };
  std::set<std::string> seen;
  std::vector<std::string> out;
  while (out.size() < n) {
    std::string name = pick(first) + pick(middle) + pick(middle) + pick(last);
    if (seen.insert(name).second) out.push_back(std::move(name));
  }
  return out;
}

// A draw from 0..n-1 with probability proportional to 1/(rank+1+offset)^s (Zipf-Mandelbrot).
class Zipf {
 public:
  Zipf(size_t n, double s, double offset = 0) {
    double total = 0;
    for (size_t r = 0; r < n; ++r)
      cumulative_.push_back(total += 1 / std::pow(static_cast<double>(r) + 1.0 + offset, s));
    for (auto& c : cumulative_) c /= total;
  }
  size_t operator()(std::mt19937_64& random) const {
    const double u = std::uniform_real_distribution<double>(0, 1)(random);
    return static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), u) -
                               cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

struct Generated {
  std::string id, surname, forename;
  pole::Date born;
};

std::vector<Generated> generate(size_t n) {
  std::mt19937_64 random(7);
  const auto& surnames = pole::common_surnames();
  const auto& forenames = pole::common_forenames();
  const Zipf common(surnames.size(), 0.75), forename(forenames.size(), 0.9);
  const std::vector<std::string> tail = tail_surnames(random, 250'000);
  // Ranked after the commonest, so the tail's head (about 0.04% of people) is below Smith's
  // 1.2% and near the 300th common name's share.
  const Zipf rare(tail.size(), 1.0, 300);
  std::vector<Generated> people(n);
  for (size_t i = 0; i < n; ++i) {
    Generated& g = people[i];
    g.id = fmt::format("p{:09}", i);
    // About one person in seven has one of the ~300 commonest surnames (Smith alone: ~1.2%).
    g.surname = std::uniform_real_distribution<double>(0, 1)(random) < 0.15
                    ? surnames[common(random)]
                    : tail[rare(random)];
    g.forename = forenames[forename(random)];
    g.born = {std::uniform_int_distribution<int>(1930, 2010)(random),
              std::uniform_int_distribution<int>(1, 12)(random),
              std::uniform_int_distribution<int>(1, 28)(random)};
  }
  return people;
}

// Many rows per statement: the store prepares each statement text once.
Status insert_rows(store::Session& s, const std::string& head, size_t columns,
                   const std::vector<store::Value>& values) {
  const size_t rows = values.size() / columns;
  std::string sql = head + " VALUES ";
  for (size_t r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (size_t c = 0; c < columns; ++c)
      sql += fmt::format("{}${}", c ? "," : "", r * columns + c + 1);
    sql += ")";
  }
  auto done = s.execute(sql, values);
  if (!done) return std::move(done).error();
  return {};
}

Status load(store::Store& store, const std::vector<Generated>& people) {
  constexpr size_t kBatch = 250;
  for (size_t from = 0; from < people.size(); from += 20'000) {
    Status s = store.transact(store::Access::kWrite, [&](store::Session& session) -> Status {
      std::vector<store::Value> persons, records, keys;
      auto flush = [&](bool all) -> Status {
        if (persons.size() >= kBatch * 6 || (all && !persons.empty())) {
          if (Status st = insert_rows(session,
                                      "INSERT INTO pole_persons (id, surname, forenames,"
                                      " date_of_birth, details, recorded_at)",
                                      6, persons);
              !st)
            return st;
          persons.clear();
        }
        if (records.size() >= kBatch * 5 || (all && !records.empty())) {
          if (Status st = insert_rows(session,
                                      "INSERT INTO pole_records (id, kind, recorded_at,"
                                      " mopi_group, review_due)",
                                      5, records);
              !st)
            return st;
          records.clear();
        }
        if (keys.size() >= kBatch * 2 || (all && !keys.empty())) {
          if (Status st =
                  insert_rows(session, "INSERT INTO pole_person_keys (key, person_id)", 2, keys);
              !st)
            return st;
          keys.clear();
        }
        return {};
      };
      for (size_t i = from; i < std::min(from + 20'000, people.size()); ++i) {
        const Generated& g = people[i];
        persons.insert(persons.end(), {g.id, g.surname, g.forename, pole::format_date(g.born),
                                       R"({"aliases":[],"identifiers":[],"description":""})",
                                       "2026-11-24T00:00:00.000Z"});
        records.insert(records.end(),
                       {g.id, "person", "2026-11-24T00:00:00.000Z",
                        static_cast<long long>(pole::kMopiDefaultGroup), "2032-11-24"});
        for (auto& k : pole::person_keys(g.surname, {g.forename}, g.born.year)) {
          keys.emplace_back(std::move(k));
          keys.emplace_back(g.id);
        }
        if (Status st = flush(false); !st) return st;
      }
      return flush(true);
    });
    if (!s) return s;
  }
  // A database that has just taken millions of rows plans with fresh statistics.
  return store.transact(store::Access::kWrite, [](store::Session& session) -> Status {
    auto done = session.execute("ANALYZE");
    if (!done) return std::move(done).error();
    return {};
  });
}

// PostgreSQL as it runs once autovacuum has passed over the new rows: the visibility map set, so
// that reading the keys is an index-only scan. Measured right after a bulk load without it, each
// key's rows cost a heap page each.
Status vacuum_postgres() {
  PGconn* connection = PQconnectdb(std::getenv("PEEL_TEST_POSTGRES_URL"));
  PGresult* result = PQexec(connection, "VACUUM");
  const bool done = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string message = PQerrorMessage(connection);
  PQclear(result);
  PQfinish(connection);
  if (!done) return Error::unavailable("VACUUM: " + message);
  return {};
}

struct Query {
  const char* kind;
  pole::PersonQuery query;
  size_t person;  // whom it seeks
  std::string trigram_text;
  int trigram_year = 0;
};

std::vector<Query> queries(const std::vector<Generated>& people, size_t per_kind) {
  std::mt19937_64 random(11);
  std::vector<Query> out;
  for (size_t i = 0; i < per_kind; ++i) {
    const size_t who = std::uniform_int_distribution<size_t>(0, people.size() - 1)(random);
    const Generated& g = people[who];
    std::string typo = g.surname;
    if (typo.size() >= 4) std::swap(typo[typo.size() / 2], typo[typo.size() / 2 + 1]);
    auto query = [&](const char* kind, std::string name, int year) {
      Query q{kind, {}, who, name, year};
      q.query.name = std::move(name);
      q.query.birth_year = year;
      out.push_back(std::move(q));
    };
    query("full name", g.forename + " " + g.surname, 0);
    query("full name, typo", g.forename + " " + typo, 0);
    query("surname + year", g.surname, g.born.year);
    query("initial + surname", std::string(1, g.forename[0]) + " " + g.surname, 0);
  }
  return out;
}

struct Figures {
  std::vector<double> ms;  // a query stopped at the time limit counts as taking the limit
  size_t found = 0;
  size_t stopped = 0;
};

void print(const std::string& engine, std::map<std::string, Figures>& by_kind) {
  for (auto& [kind, f] : by_kind) {
    std::sort(f.ms.begin(), f.ms.end());
    std::printf("%-24s %-20s %6zu %9.2f %9.2f %9.2f %10.1f%%", engine.c_str(), kind.c_str(),
                f.ms.size(), f.ms[f.ms.size() / 2], f.ms[f.ms.size() * 99 / 100], f.ms.back(),
                100.0 * static_cast<double>(f.found) / static_cast<double>(f.ms.size()));
    if (f.stopped) std::printf("  (%zu stopped at the time limit)", f.stopped);
    std::printf("\n");
  }
}

// pg_trgm over "forenames surname", as a database's own fuzzy search would be used. At 10 million
// people a pg_trgm query on a common name takes seconds, so each is stopped at
// PEEL_BENCH_TRIGRAM_LIMIT_MS (default 10,000) and only the first PEEL_BENCH_TRIGRAM_PER_KIND
// (default 50) queries of each kind are asked: the phase ends in minutes, not hours.
void trigram_search(store::Store& store, const std::vector<Generated>& people,
                    const std::vector<Query>& qs) {
  const char* limit_env = std::getenv("PEEL_BENCH_TRIGRAM_LIMIT_MS");
  const char* per_kind_env = std::getenv("PEEL_BENCH_TRIGRAM_PER_KIND");
  const long long limit_ms = limit_env ? std::strtoll(limit_env, nullptr, 10) : 10'000;
  const size_t per_kind = per_kind_env ? std::strtoull(per_kind_env, nullptr, 10) : 50;
  const auto started = Clock::now();
  Status made = store.transact(store::Access::kWrite, [&](store::Session& s) -> Status {
    for (const char* sql :
         {"CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
          "ALTER TABLE pole_persons ADD COLUMN full_name TEXT",
          "UPDATE pole_persons SET full_name = lower(forenames || ' ' || surname)",
          // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): a statement spans two lines
          "CREATE INDEX pole_persons_trgm ON pole_persons USING gin (full_name"
          " public.gin_trgm_ops)",
          "ANALYZE pole_persons"}) {
      auto done = s.execute(sql);
      if (!done) return std::move(done).error();
    }
    return {};
  });
  if (!made) {
    std::printf("pg_trgm: %s\n", made.error().message.c_str());
    return;
  }
  std::printf("(pg_trgm index built in %.0f s)\n",
              std::chrono::duration<double>(Clock::now() - started).count());
  std::map<std::string, Figures> by_kind;
  for (const auto& q : qs) {
    Figures& f = by_kind[q.kind];
    if (f.ms.size() >= per_kind) continue;
    const auto t0 = Clock::now();
    auto rows = store::in_transaction<store::Rows>(
        store, store::Access::kRead, [&](store::Session& s) -> Result<store::Rows> {
          auto limited = s.execute(fmt::format("SET LOCAL statement_timeout = {}", limit_ms));
          if (!limited) return std::move(limited).error();
          return q.trigram_year
                     ? s.query(
                           "SELECT id FROM pole_persons WHERE full_name OPERATOR(public.%) $1"
                           " AND date_of_birth LIKE $2 ORDER BY public.similarity(full_name, $1)"
                           " DESC LIMIT 20",
                           {pole::normalise(q.trigram_text), fmt::format("{}-%", q.trigram_year)})
                     : s.query(
                           "SELECT id FROM pole_persons WHERE full_name OPERATOR(public.%) $1"
                           " ORDER BY public.similarity(full_name, $1) DESC LIMIT 20",
                           {pole::normalise(q.trigram_text)});
        });
    f.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!rows && rows.error().message.find("statement timeout") != std::string::npos) {
      ++f.stopped;
    } else if (!rows) {
      std::printf("pg_trgm: %s\n", rows.error().message.c_str());
    }
    if (rows && std::any_of(rows->begin(), rows->end(),
                            [&](const store::Row& r) { return r.text(0) == people[q.person].id; }))
      ++f.found;
  }
  print("postgres pg_trgm", by_kind);
}

void run(const std::string& backend, const std::vector<Generated>& people,
         const std::vector<Query>& qs) {
  BenchStore db(backend);
  if (!db.store()) {
    std::printf("%s: not available (run under scripts/with-postgres)\n", backend.c_str());
    return;
  }
  store::Store& store = *db.store();
  SystemClock clock;
  MetricsRegistry metrics;
  auto all = events::migrations();
  for (auto& m : pole::migrations()) all.push_back(std::move(m));
  if (!store::migrate(store, all, clock)) {
    std::printf("%s: migration failed\n", backend.c_str());
    return;
  }
  const auto started = Clock::now();
  if (Status s = load(store, people); !s) {
    std::printf("%s: load failed: %s\n", backend.c_str(), s.error().message.c_str());
    return;
  }
  std::printf("(%s: %zu people loaded in %.0f s)\n", backend.c_str(), people.size(),
              std::chrono::duration<double>(Clock::now() - started).count());
  if (backend == "postgres") {
    if (Status s = vacuum_postgres(); !s) {
      std::printf("%s\n", s.error().message.c_str());
      return;
    }
  }
  events::EventLog log(store, clock, metrics);
  pole::Persons persons(store, log, clock);
  std::map<std::string, Figures> by_kind;
  for (auto q : qs) {
    q.query.today = clock.now();
    const auto t0 = Clock::now();
    auto hits = persons.search(q.query);
    Figures& f = by_kind[q.kind];
    f.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (hits && std::any_of(hits->begin(), hits->end(), [&](const pole::PersonHit& h) {
          return h.person.id == people[q.person].id;
        }))
      ++f.found;
  }
  print(backend + " Peel", by_kind);
  if (backend == "postgres") trigram_search(store, people, qs);
}

}  // namespace
}  // namespace peel::bench

int main() {
  const char* wanted = std::getenv("PEEL_BENCH_PERSONS");
  const size_t n = wanted ? std::strtoull(wanted, nullptr, 10) : 10'000'000;
  const auto people = peel::bench::generate(n);
  const auto qs = peel::bench::queries(people, 250);
  std::printf("%zu people; %zu queries (250 of each kind), the person sought is in the store\n",
              people.size(), qs.size());
  std::printf("%-24s %-20s %6s %9s %9s %9s %11s\n", "engine", "query", "count", "p50 ms", "p99 ms",
              "max ms", "in top 20");
  // PEEL_BENCH_BACKENDS=postgres (or sqlite) runs one of them, for a long run at full size.
  const char* backends = std::getenv("PEEL_BENCH_BACKENDS");
  for (const char* backend : {"sqlite", "postgres"}) {
    if (!backends || std::string_view(backends).find(backend) != std::string_view::npos)
      peel::bench::run(backend, people, qs);
  }
  return 0;
}
