// The Tech Bar's tables, for both engines. Times are RFC 3339 UTC text with milliseconds.
#include "techbar/locations.h"

namespace peel::techbar {

// Statements span several lines, which the missing-comma check takes for a slip.
// NOLINTBEGIN(bugprone-suspicious-missing-comma)
std::vector<store::Migration> migrations() {
  return {{"techbar",
           1,
           "sites and walk-in visits",
           {"CREATE TABLE techbar_locations (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
            " address TEXT NOT NULL, opens BIGINT NOT NULL, closes BIGINT NOT NULL,"
            " days TEXT NOT NULL, engineers BIGINT NOT NULL)",
            "CREATE TABLE techbar_visits (id TEXT PRIMARY KEY, location_id TEXT NOT NULL,"
            " staff_number TEXT NOT NULL, device_type TEXT NOT NULL, symptom TEXT NOT NULL,"
            " person_id TEXT NOT NULL, person_name TEXT NOT NULL, state TEXT NOT NULL,"
            " checked_in_at TEXT NOT NULL, called_at TEXT, finished_at TEXT, engineer TEXT,"
            " promised_wait_seconds DOUBLE PRECISION NOT NULL, arrival BIGINT NOT NULL)",
            "CREATE INDEX techbar_visits_queue ON techbar_visits (location_id, state, arrival)"},
           {}},
          {"techbar",
           2,
           "tickets at the counter and their surveys",
           {"CREATE TABLE techbar_tickets (id TEXT PRIMARY KEY, visit_id TEXT NOT NULL UNIQUE,"
            " level BIGINT NOT NULL, diagnosis TEXT NOT NULL, actions TEXT NOT NULL,"
            " parts TEXT NOT NULL, state TEXT NOT NULL, escalated_to TEXT,"
            " escalation_reference TEXT, resolution TEXT, first_time_fix BIGINT NOT NULL,"
            " opened_at TEXT NOT NULL, opened_by TEXT NOT NULL, resolved_at TEXT)",
            "CREATE TABLE techbar_surveys (token TEXT PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE,"
            " expires_at TEXT NOT NULL, answered_at TEXT, score BIGINT, comment TEXT)"},
           {}},
          {"techbar",
           3,
           "each site's loan stock and who holds what",
           {"CREATE TABLE techbar_assets (id TEXT PRIMARY KEY, location_id TEXT NOT NULL,"
            " device_type TEXT NOT NULL, serial TEXT NOT NULL UNIQUE, model TEXT NOT NULL,"
            " state TEXT NOT NULL, holder_number TEXT, holder_name TEXT, ticket_id TEXT,"
            " swap BIGINT, lent_at TEXT, due_back TEXT)",
            "CREATE INDEX techbar_assets_site ON techbar_assets (location_id, device_type)"},
           {}},
          {"techbar",
           4,
           "the service desk's tickets, imported to compare the channels",
           {"CREATE TABLE techbar_service_desk (reference TEXT PRIMARY KEY,"
            " opened_at TEXT NOT NULL, resolved_at TEXT, device_type TEXT NOT NULL,"
            " symptom TEXT NOT NULL, first_time_fix BIGINT NOT NULL, surveyed BIGINT NOT NULL,"
            " score BIGINT, imported_at TEXT NOT NULL)",
            "CREATE INDEX techbar_service_desk_opened ON techbar_service_desk (opened_at)",
            "CREATE INDEX techbar_visits_checked_in ON techbar_visits (checked_in_at)"},
           {}},
          {"techbar",
           5,
           "appointments, and booked visits called first",
           {"ALTER TABLE techbar_visits ADD COLUMN booked BIGINT NOT NULL DEFAULT 0",
            "CREATE TABLE techbar_appointments (id TEXT PRIMARY KEY, location_id TEXT NOT NULL,"
            " starts_at TEXT NOT NULL, staff_number TEXT NOT NULL, person_name TEXT NOT NULL,"
            " device_type TEXT NOT NULL, symptom TEXT NOT NULL, state TEXT NOT NULL,"
            " visit_id TEXT, booked_at TEXT NOT NULL)",
            // One booking a slot: two people racing for it cannot both have it.
            "CREATE UNIQUE INDEX techbar_appointments_slot ON techbar_appointments"
            " (location_id, starts_at) WHERE state <> 'cancelled'",
            "CREATE INDEX techbar_appointments_person ON techbar_appointments"
            " (staff_number, state)"},
           {}},
          {"techbar",
           6,
           "the account that booked or checked in, whose business the booking and visit are",
           // Rows from before have nobody's account: the person and the counter only.
           {"ALTER TABLE techbar_appointments ADD COLUMN booked_by TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE techbar_visits ADD COLUMN checked_in_by TEXT NOT NULL DEFAULT ''"},
           {}}};
}
// NOLINTEND(bugprone-suspicious-missing-comma)

}  // namespace peel::techbar
