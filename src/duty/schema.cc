// Duty management's tables, for both engines. Times are RFC 3339 UTC text with milliseconds,
// which sort as they compare; days are YYYY-MM-DD.
#include "duty/duty.h"

namespace peel::duty {

std::vector<store::Migration> migrations() {
  return {{"duty",
           1,
           "people, skills, tours, abstractions, minimum staffing",
           // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): statements span several lines
           {"CREATE TABLE duty_people (id TEXT PRIMARY KEY, number TEXT NOT NULL UNIQUE,"
            " name TEXT NOT NULL, rank TEXT NOT NULL, team TEXT NOT NULL, area TEXT NOT NULL,"
            " role TEXT NOT NULL, user_name TEXT UNIQUE, created_at TEXT NOT NULL)",
            "CREATE TABLE duty_skills (person_id TEXT NOT NULL, skill TEXT NOT NULL,"
            " granted TEXT NOT NULL, expires TEXT, PRIMARY KEY (person_id, skill, granted))",
            "CREATE TABLE duty_tours (id TEXT PRIMARY KEY, person_id TEXT NOT NULL,"
            " starts TEXT NOT NULL, ends TEXT NOT NULL, kind TEXT NOT NULL, unit TEXT,"
            " override_reason TEXT, override_by TEXT, overridden TEXT, recorded_at TEXT NOT NULL,"
            " cancelled_at TEXT)",
            "CREATE INDEX duty_tours_person ON duty_tours (person_id, starts)",
            "CREATE INDEX duty_tours_when ON duty_tours (starts)",
            "CREATE TABLE duty_abstractions (id TEXT PRIMARY KEY, person_id TEXT NOT NULL,"
            " kind TEXT NOT NULL, starts TEXT NOT NULL, ends TEXT NOT NULL, note TEXT NOT NULL,"
            " status TEXT NOT NULL, requested_by TEXT NOT NULL, decided_by TEXT,"
            " decision_note TEXT, recorded_at TEXT NOT NULL)",
            "CREATE INDEX duty_abstractions_person ON duty_abstractions (person_id, starts)",
            "CREATE INDEX duty_abstractions_when ON duty_abstractions (starts)",
            "CREATE TABLE duty_minimums (area TEXT PRIMARY KEY, minimums TEXT NOT NULL,"
            " set_at TEXT NOT NULL, set_by TEXT NOT NULL)"},
           {}},
          {"duty",
           2,
           "shift patterns",
           {"CREATE TABLE duty_patterns (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
            " length_days BIGINT NOT NULL, tours TEXT NOT NULL, created_at TEXT NOT NULL)"},
           {}},
          {"duty",
           3,
           "shift swaps",
           {"CREATE TABLE duty_swaps (id TEXT PRIMARY KEY, tour_id TEXT NOT NULL,"
            " other_tour_id TEXT NOT NULL, note TEXT NOT NULL, status TEXT NOT NULL,"
            " requested_by TEXT NOT NULL, decided_by TEXT, recorded_at TEXT NOT NULL)"},
           {}}};
}

}  // namespace peel::duty
