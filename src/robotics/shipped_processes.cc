// The processes Peel ships. The online crime report is the pilot's process done without a robot
// desktop: the public's form becomes a crime record with its number, the victim matched to a
// person already on record or recorded, and the number sent back — nobody re-keys anything.
// The legacy import takes a CSV export dropped in a folder into Records, each row checked for
// duplicates as any new person is.
#include "robotics/processes.h"

namespace peel::robotics {

const std::vector<std::string>& shipped_process_definitions() {
  static const std::vector<std::string> shipped{
      R"({"id": "online-crime-report", "name": "Online crime report", "version": 1,
  "trigger": {"kind": "form"}, "queue": "online crime", "priority": 0,
  "deadline_minutes": 45, "minutes_saved": 9,
  "fields": [
    {"name": "surname", "type": "text", "required": true, "max_length": 100},
    {"name": "forenames", "type": "text", "max_length": 200},
    {"name": "date_of_birth", "type": "date", "past": true},
    {"name": "email", "type": "email", "required": true, "max_length": 200},
    {"name": "phone", "type": "phone"},
    {"name": "address", "type": "text", "max_length": 300},
    {"name": "postcode", "type": "postcode"},
    {"name": "category", "type": "choice", "required": true,
     "options": ["bicycle-theft", "burglary", "criminal-damage-arson", "other-theft",
                 "shoplifting", "theft-from-the-person", "vehicle-crime", "other-crime"]},
    {"name": "happened_from", "type": "datetime", "required": true, "past": true},
    {"name": "happened_to", "type": "datetime", "past": true},
    {"name": "where", "type": "text", "required": true, "max_length": 300},
    {"name": "what_happened", "type": "text", "required": true, "max_length": 5000},
    {"name": "property", "type": "text", "max_length": 1000}],
  "steps": [
    {"id": "victim", "kind": "match_person",
     "with": {"surname": "${input.surname}", "forenames": "${input.forenames}",
              "date_of_birth": "${input.date_of_birth}", "postcode": "${input.postcode}",
              "email": "${input.email}", "address": "${input.address}", "phone": "${input.phone}"},
     "retry": {"max_attempts": 5, "backoff_ms": 500}},
    {"id": "crime", "kind": "record_crime",
     "with": {"classification": "${input.category}", "occurred_from": "${input.happened_from}",
              "occurred_to": "${input.happened_to}", "address": "${input.where}",
              "narrative": "${input.what_happened}", "victim_id": "${steps.victim.person_id}",
              "property": "${input.property}"},
     "retry": {"max_attempts": 5, "backoff_ms": 500}},
    {"id": "acknowledge", "kind": "notify",
     "with": {"to": "${input.email}", "subject": "Your crime reference ${steps.crime.reference}",
              "template": "Thank you for reporting this to the police. Your crime reference number is ${steps.crime.reference}. Please quote it whenever you contact us about this crime."},
     "retry": {"max_attempts": 8, "backoff_ms": 1000}}]})",
      R"({"id": "legacy-csv-import", "name": "Legacy system CSV import", "version": 1,
  "trigger": {"kind": "folder", "source": "robotics/in/legacy", "format": "csv"},
  "queue": "imports", "priority": -1, "deadline_minutes": 1440, "minutes_saved": 4,
  "fields": [
    {"name": "surname", "type": "text", "required": true, "max_length": 100},
    {"name": "forenames", "type": "text", "max_length": 200},
    {"name": "date_of_birth", "type": "date", "past": true},
    {"name": "address", "type": "text", "max_length": 300},
    {"name": "postcode", "type": "postcode"}],
  "steps": [
    {"id": "person", "kind": "match_person",
     "with": {"surname": "${input.surname}", "forenames": "${input.forenames}",
              "date_of_birth": "${input.date_of_birth}", "postcode": "${input.postcode}",
              "address": "${input.address}"},
     "retry": {"max_attempts": 5, "backoff_ms": 500}}]})"};
  return shipped;
}

}  // namespace peel::robotics
