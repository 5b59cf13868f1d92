// Reading people back: one by id, or a ranked search by name and date of birth.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <unordered_set>

#include "pole/duplicates.h"
#include "pole/persons.h"
#include "pole/text_similarity.h"

namespace peel::pole {

namespace json = boost::json;

namespace {

// Candidates read per search at most: a name as common as Smith with no date of birth is cut
// here, after the exact matches (docs/api.md).
constexpr size_t kCandidates = 2'000;
// Rows of each exact key read in a first glance, per result asked for.
constexpr size_t kGlance = 5;

// How well one written name (surname and forenames) answers the query's words: each word tried
// as the surname, the others against the forenames; 0..1 with the reasons.
struct NameFit {
  double score = 0;
  std::vector<std::string> why;
};

NameFit fit_name(const std::vector<std::string>& asked, const std::string& surname,
                 const std::vector<std::string>& forenames, const std::string& label) {
  const std::string s = normalise(surname);
  NameFit best;
  for (size_t i = 0; i < asked.size(); ++i) {
    NameFit fit;
    const double on_surname = jaro_winkler(asked[i], s);
    fit.why.push_back(fmt::format("{}surname {} {} '{}' ({:.2f})", label, surname,
                                  on_surname == 1 ? "is" : "is like", asked[i], on_surname));
    double on_forenames = 0;
    size_t others = 0;
    for (size_t j = 0; j < asked.size(); ++j) {
      if (j == i) continue;
      ++others;
      double word_best = 0;
      std::string which;
      for (const auto& f : forenames) {
        const std::string n = normalise(f);
        // An initial answers a forename that starts with it.
        const double v = asked[j].size() == 1 && !n.empty() && n[0] == asked[j][0]
                             ? 0.9
                             : jaro_winkler(asked[j], n);
        if (v > word_best) word_best = v, which = f;
      }
      on_forenames += word_best;
      if (word_best > 0)
        fit.why.push_back(
            fmt::format("forename {} is like '{}' ({:.2f})", which, asked[j], word_best));
    }
    fit.score =
        others ? 0.6 * on_surname + 0.4 * on_forenames / static_cast<double>(others) : on_surname;
    if (fit.score > best.score) best = std::move(fit);
  }
  return best;
}

int age_on(const Date& born, const Timestamp& day) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(day)};
  const int y = static_cast<int>(ymd.year()),
            m = static_cast<int>(static_cast<unsigned>(ymd.month())),
            d = static_cast<int>(static_cast<unsigned>(ymd.day()));
  return y - born.year - (std::tie(m, d) < std::tie(born.month, born.day) ? 1 : 0);
}

// Whether the date of birth answers the query's (a person with none recorded is kept, ranked
// lower); the reason for the person who reads the result.
std::optional<std::string> date_fits(const Person& p, const PersonQuery& q) {
  const bool asked = q.birth_year || q.min_age || q.max_age;
  if (!asked) return std::string();
  if (!p.date_of_birth) return std::string("date of birth not recorded");
  const Date& d = *p.date_of_birth;
  if (q.birth_year && d.year != q.birth_year) return std::nullopt;
  if (q.birth_month && d.month != q.birth_month) return std::nullopt;
  if (q.birth_day && d.day != q.birth_day) return std::nullopt;
  const int age = age_on(d, q.today);
  if ((q.min_age && age < *q.min_age) || (q.max_age && age > *q.max_age)) return std::nullopt;
  return fmt::format("born {} (aged {})", format_date(d), age);
}

// Candidates in order of how well they answer the query, each with why; those whose date of
// birth does not fit are left out.
std::vector<PersonHit> rank(const store::Rows& rows, const std::vector<std::string>& asked,
                            const PersonQuery& q) {
  std::vector<PersonHit> hits;
  std::unordered_set<std::string> seen;
  for (const auto& row : rows) {
    if (!seen.insert(row.text(0)).second) continue;
    Person p = person_from_candidate(row);
    const auto dates = date_fits(p, q);
    if (!dates) continue;
    NameFit fit = fit_name(asked, p.surname, p.forenames, "");
    for (const auto& alias : p.aliases) {
      const SplitName name = split_name(alias);
      NameFit by_alias = fit_name(asked, name.surname, name.forenames, "alias '" + alias + "': ");
      by_alias.score *= 0.95;  // the name in use first, when equal
      if (by_alias.score > fit.score) fit = std::move(by_alias);
    }
    PersonHit hit;
    hit.score = fit.score * (dates->rfind("date of birth not", 0) == 0 ? 0.9 : 1.0);
    hit.why = std::move(fit.why);
    if (!dates->empty()) hit.why.push_back(*dates);
    hit.person = std::move(p);
    hits.push_back(std::move(hit));
  }
  std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
    return a.score != b.score ? a.score > b.score : a.person.id < b.person.id;
  });
  return hits;
}

// The register's part of each hit (its review date), read for the page only.
Status add_retention(store::Session& s, std::vector<PersonHit>& hits) {
  if (hits.empty()) return {};
  std::string ids;
  store::Params params;
  for (const auto& h : hits) {
    params.emplace_back(h.person.id);
    ids += fmt::format("{}${}", ids.empty() ? "" : ",", params.size());
  }
  auto rows = s.query(
      "SELECT id, mopi_group, review_due FROM pole_records WHERE id IN (" + ids + ")", params);
  if (!rows) return std::move(rows).error();
  for (const auto& row : *rows) {
    for (auto& h : hits) {
      if (h.person.id == row.text(0)) h.person.retention = retention_from(row, 1);
    }
  }
  return {};
}

}  // namespace

std::string_view person_columns() {
  return "p.id, p.surname, p.forenames, p.date_of_birth, p.details, p.recorded_at,"
         " r.merged_into, r.mopi_group, r.review_due";
}

Person person_from_candidate(const store::Row& row) {
  Person p;
  p.id = row.text(0);
  p.surname = row.text(1);
  p.forenames = words(row.text(2));
  if (const auto born = row.optional_text(3)) p.date_of_birth = parse_date(*born);
  std::error_code ec;
  const json::value details = json::parse(row.text(4), ec);
  if (!ec && details.is_object()) {
    for (const auto& a : details.at("aliases").as_array()) p.aliases.emplace_back(a.as_string());
    for (const auto& i : details.at("identifiers").as_array())
      p.identifiers.push_back(
          {std::string(i.at("kind").as_string()), std::string(i.at("value").as_string())});
    p.description = std::string(details.at("description").as_string());
    // Recorded before people had addresses: none.
    if (const auto* a = details.as_object().if_contains("addresses"); a && a->is_array()) {
      for (const auto& x : a->as_array()) p.addresses.emplace_back(x.as_string());
    }
  }
  p.recorded_at = parse_rfc3339(row.text(5)).value_or(Timestamp{});
  return p;
}

// The candidate columns are person_columns()' first six.
Person person_from_row(const store::Row& row) {
  Person p = person_from_candidate(row);
  p.merged_into = row.optional_text(6).value_or("");
  p.retention = retention_from(row, 7);
  return p;
}

Result<store::Rows> person_candidates(store::Session& s, const std::string& key, size_t limit) {
  return s.query(
      "SELECT p.id, p.surname, p.forenames, p.date_of_birth, p.details, p.recorded_at"
      " FROM pole_person_keys k JOIN pole_persons p ON p.id = k.person_id WHERE k.key = $1"
      " AND NOT EXISTS (SELECT 1 FROM pole_merges m WHERE m.merged_id = k.person_id"
      " AND m.undone_at IS NULL) LIMIT $2",
      {key, static_cast<long long>(limit)});
}

Result<Person> Persons::find(const std::string& id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("SELECT {} FROM pole_persons p JOIN pole_records r ON"
                                   " r.id = p.id WHERE p.id = $1",
                                   person_columns()),
                       {id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no person " + id);
  return person_from_row(rows->front());
}

Result<std::vector<Person>> Persons::with_identifier(const Identifier& identifier) const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return person_candidates(s, identifier_key(identifier), 20); });
  if (!rows) return std::move(rows).error();
  std::vector<Person> out;
  for (const auto& row : *rows) out.push_back(person_from_candidate(row));
  return out;
}

Result<std::vector<PersonHit>> Persons::search(const PersonQuery& q) const {
  std::vector<std::string> asked = words(normalise(q.name));
  if (asked.empty()) return Error::invalid("q", "must contain a name");
  if (asked.size() > 4) asked.resize(4);
  const std::vector<std::string> keys = search_keys(asked, q);
  if (keys.empty()) return Error::invalid("q", "must contain a name with letters");

  return store::in_transaction<std::vector<PersonHit>>(
      store_, store::Access::kRead, [&](store::Session& s) -> Result<std::vector<PersonHit>> {
        store::Rows all;
        auto read = [&](const std::string& key, size_t limit) -> Status {
          auto part = person_candidates(s, key, limit);
          if (!part) return std::move(part).error();
          for (auto& r : *part) all.push_back(std::move(r));
          return {};
        };
        // When the exact names fill the page with perfect matches, names that only sound alike
        // cannot rank above them: a glance at a few of each exact key is then enough.
        auto filled = [&] {
          const auto ranked = rank(all, asked, q);
          return ranked.size() >= q.limit && ranked[q.limit - 1].score >= 1.0;
        };
        for (const auto& key : keys) {
          if (!is_exact_key(key)) continue;
          if (Status st = read(key, q.limit * kGlance); !st) return std::move(st).error();
        }
        if (!filled()) {
          all.clear();
          // Exact keys come first, so the budget is spent on the likeliest people.
          bool exact_done = false;
          for (const auto& key : keys) {
            if (all.size() >= kCandidates) break;
            if (!exact_done && !is_exact_key(key)) {
              exact_done = true;
              if (filled()) break;
            }
            if (Status st = read(key, kCandidates - all.size()); !st) return std::move(st).error();
          }
        }
        std::vector<PersonHit> hits = rank(all, asked, q);
        if (hits.size() > q.limit) hits.resize(q.limit);
        if (Status st = add_retention(s, hits); !st) return std::move(st).error();
        return hits;
      });
}

}  // namespace peel::pole
