// People in the POLE store: recorded once, found by anyone who needs them. A person is an event
// (PersonRecorded) whose effect writes the person's row and the keys that find them: names that
// sound alike, with and without the year of birth. Search gathers candidates by those keys and
// ranks them by how alike the names and dates are, saying why each matched.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "store/migrations.h"
#include "store/store.h"

namespace peel::pole {

struct Date {
  int year = 0, month = 0, day = 0;
  bool operator==(const Date&) const = default;
};
std::string format_date(const Date& d);  // YYYY-MM-DD
// "YYYY-MM-DD" (four, two and two digits) into its parts; the parts' ranges are checked by
// validate_person.
std::optional<Date> parse_date(std::string_view text);

// When a record is next due for review under MoPI, and the group that sets the period.
struct Retention {
  int mopi_group = 3;
  Date review_due;
};

struct Identifier {
  std::string kind;  // "pnc", "driving_licence", "phone", "ni_number", "passport", "other"
  std::string value;
  bool operator==(const Identifier&) const = default;
};

struct NewPerson {
  std::string surname;
  std::vector<std::string> forenames;
  std::optional<Date> date_of_birth;
  std::vector<std::string> aliases;  // other names used, "Forenames Surname"
  std::vector<Identifier> identifiers;
  std::vector<std::string> addresses;  // as given: "14 Acacia Avenue, London NW5 1AA"
  std::string description;             // height, build, marks, as an officer writes them
};

struct Person {
  std::string id;
  std::string surname;
  std::vector<std::string> forenames;
  std::optional<Date> date_of_birth;
  std::vector<std::string> aliases;
  std::vector<Identifier> identifiers;
  std::vector<std::string> addresses;
  std::string description;
  Timestamp recorded_at;
  std::string merged_into;  // the person this record was merged into, if it was
  Retention retention;
};

// A name written as "Forenames Surname" (an alias): the last word is the surname.
struct SplitName {
  std::string surname;
  std::vector<std::string> forenames;
};
SplitName split_name(const std::string& written);

// A search: a name (any order, any of the person's names or aliases), optionally a partial date
// of birth ("1985", "1985-03", "1985-03-14") or an age range on a given day.
struct PersonQuery {
  std::string name;
  int birth_year = 0, birth_month = 0, birth_day = 0;
  std::optional<int> min_age, max_age;
  Timestamp today;  // for ages
  size_t limit = 20;
};

struct PersonHit {
  Person person;
  double score = 0;  // 0..1
  std::vector<std::string> why;
};

std::vector<store::Migration> migrations();

// Checks `p` (each field's rule; the first broken one is the error) and returns it normalised.
Result<NewPerson> validate_person(NewPerson p, const Clock& clock);

class Persons {
 public:
  Persons(store::Store& store, events::EventLog& log, const Clock& clock);

  // Records a new person and offers the people it may duplicate (duplicates.h).
  Result<Person> record(const NewPerson& person, const auth::Actor& by);
  // Replaces what is known of a person; the earlier version stays in the event log.
  Result<Person> amend(const std::string& id, const NewPerson& person, const auth::Actor& by);
  Result<Person> find(const std::string& id) const;
  Result<std::vector<PersonHit>> search(const PersonQuery& query) const;
  // The people on record scoring `threshold` or more against `person` by the duplicate
  // matcher (person_match.h), best first, each with the evidence: who a new record may be.
  Result<std::vector<PersonHit>> likely_same(const NewPerson& person, double threshold) const;
  // The people (not merged away) carrying exactly this identifier.
  Result<std::vector<Person>> with_identifier(const Identifier& identifier) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

// The columns a person is read from (pole_persons p joined to pole_records r), and the reading.
std::string_view person_columns();
// Reads the register's "r.mopi_group, r.review_due" at columns `at` and `at` + 1.
Retention retention_from(const store::Row& row, size_t at);
Person person_from_row(const store::Row& row);
// Up to `limit` people filed under `key` who are not merged into another record: identity only
// (no merged_into, no retention), read without the register, as search and duplicate detection
// read thousands of them; read with person_from_candidate.
Result<store::Rows> person_candidates(store::Session& s, const std::string& key, size_t limit);
Person person_from_candidate(const store::Row& row);

// The keys a person is filed under (person_keys.cc).
std::vector<std::string> person_keys(const std::string& surname,
                                     const std::vector<std::string>& forenames, int birth_year);
// Every key of a person: their names, their aliases, their identifiers ("id:pnc:85/123456X").
std::vector<std::string> all_person_keys(const NewPerson& p);
// The keys a search reads, exact names first; `asked`: the query's normalised words.
std::vector<std::string> search_keys(const std::vector<std::string>& asked, const PersonQuery& q);
// Whether a key files the name exactly as written (rather than as it sounds).
bool is_exact_key(const std::string& key);

}  // namespace peel::pole
