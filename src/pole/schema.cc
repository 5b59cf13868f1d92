// The POLE store's tables, for both engines. Every record has a row in pole_records (register.h)
// beside its own table; links, markers, duplicates and merges refer to records by id.
#include "pole/persons.h"

namespace peel::pole {

std::vector<store::Migration> migrations() {
  return {{"pole",
           1,
           "create persons",
           {"CREATE TABLE pole_persons (id TEXT PRIMARY KEY, surname TEXT NOT NULL,"
            " forenames TEXT NOT NULL, date_of_birth TEXT, details TEXT NOT NULL,"
            " recorded_at TEXT NOT NULL)",
            // The keys that find a person: sounds-alike names, with and without a year of
            // birth (person_keys).
            "CREATE TABLE pole_person_keys (key TEXT NOT NULL, person_id TEXT NOT NULL,"
            " PRIMARY KEY (key, person_id))"},
           {}},
          {"pole",
           2,
           "objects, locations, events, links, markers, duplicates, merges, reviews",
           // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): statements span several lines
           {"CREATE TABLE pole_records (id TEXT PRIMARY KEY, kind TEXT NOT NULL,"
            " recorded_at TEXT NOT NULL, mopi_group BIGINT NOT NULL, review_due TEXT NOT NULL,"
            " merged_into TEXT)",
            "CREATE INDEX pole_records_review ON pole_records (review_due)",
            // People recorded before the register existed are due for review at once, so that
            // someone looks at them rather than nobody.
            "INSERT INTO pole_records (id, kind, recorded_at, mopi_group, review_due)"
            " SELECT id, 'person', recorded_at, 3, substr(recorded_at, 1, 10) FROM pole_persons",
            "CREATE TABLE pole_objects (id TEXT PRIMARY KEY, kind TEXT NOT NULL, vrm TEXT,"
            " details TEXT NOT NULL)",
            // Every ending of a VRM of two characters or more, so a partial VRM is a range scan.
            "CREATE TABLE pole_object_keys (key TEXT NOT NULL, object_id TEXT NOT NULL,"
            " PRIMARY KEY (key, object_id))",
            "CREATE TABLE pole_locations (id TEXT PRIMARY KEY, address TEXT NOT NULL,"
            " lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL,"
            " details TEXT NOT NULL)",
            "CREATE INDEX pole_locations_place ON pole_locations (lat, lon)",
            "CREATE TABLE pole_events (id TEXT PRIMARY KEY, type TEXT NOT NULL, reference TEXT,"
            " classification TEXT NOT NULL, occurred_from TEXT NOT NULL,"
            " occurred_to TEXT NOT NULL, lat DOUBLE PRECISION, lon DOUBLE PRECISION,"
            " location_id TEXT, narrative TEXT NOT NULL, source TEXT NOT NULL,"
            " external_id TEXT, details TEXT NOT NULL)",
            "CREATE INDEX pole_events_when ON pole_events (occurred_from)",
            "CREATE INDEX pole_events_place ON pole_events (lat, lon)",
            "CREATE UNIQUE INDEX pole_events_reference ON pole_events (reference)",
            // What an import calls the event (data.police.uk's Crime ID), so importing a file
            // twice records nothing twice.
            "CREATE UNIQUE INDEX pole_events_external ON pole_events (external_id)",
            "CREATE TABLE pole_event_words (word TEXT NOT NULL, event_id TEXT NOT NULL,"
            " PRIMARY KEY (word, event_id))",
            "CREATE TABLE pole_links (id TEXT PRIMARY KEY, from_id TEXT NOT NULL,"
            " type TEXT NOT NULL, to_id TEXT NOT NULL, valid_from TEXT, valid_to TEXT,"
            " source TEXT NOT NULL, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL)",
            "CREATE INDEX pole_links_from ON pole_links (from_id)",
            "CREATE INDEX pole_links_to ON pole_links (to_id)",
            "CREATE TABLE pole_markers (id TEXT PRIMARY KEY, record_id TEXT NOT NULL,"
            " kind TEXT NOT NULL, note TEXT NOT NULL, created_at TEXT NOT NULL,"
            " created_by TEXT NOT NULL)",
            "CREATE INDEX pole_markers_record ON pole_markers (record_id)",
            // Possible duplicate people, found as records arrive; person_id < other_id.
            "CREATE TABLE pole_duplicates (person_id TEXT NOT NULL, other_id TEXT NOT NULL,"
            " score DOUBLE PRECISION NOT NULL, evidence TEXT NOT NULL, found_at TEXT NOT NULL,"
            " PRIMARY KEY (person_id, other_id))",
            "CREATE INDEX pole_duplicates_other ON pole_duplicates (other_id)",
            "CREATE TABLE pole_merges (id TEXT PRIMARY KEY, survivor_id TEXT NOT NULL,"
            " merged_id TEXT NOT NULL, reason TEXT NOT NULL, merged_at TEXT NOT NULL,"
            " merged_by TEXT NOT NULL, undone_at TEXT)",
            "CREATE TABLE pole_counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)"},
           {}},
          {"pole",
           3,
           "live merges by merged record",
           // Search leaves out records merged into another by asking this small index, rather
           // than reading each candidate's row in the register (person_candidates).
           {"CREATE INDEX pole_merges_live ON pole_merges (merged_id) WHERE undone_at IS NULL"},
           {}}};
}

}  // namespace peel::pole
