// Events in the POLE store: crimes, incidents from Command & Control, stops, arrests and
// intelligence reports. (Called occurrences in the code, apart from the event log's events.)
// A crime gets its reference at once, "CR-0000123-26", and is recorded with its victims,
// suspects, witnesses and property as links in the same event, so nothing is half-recorded.
// Every event's words are filed for full-text search; its point for search near a place.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "pole/locations.h"
#include "store/store.h"

namespace peel::pole {

struct NewOccurrence {
  std::string type;            // crime, incident, stop, arrest, intelligence
  std::string classification;  // crimes: a crime_classes() code; others: as the source says
  Timestamp occurred_from, occurred_to;
  std::optional<geo::LatLon> at;
  std::string location_id;  // a recorded location; its point is used when `at` is not given
  std::string place;        // where, as written: "outside 14 High Street"
  std::string narrative;
  std::string modus_operandi;
  std::string outcome;      // "Investigation complete; no suspect identified"
  std::string source;       // "officer", "CAD 1234/22NOV", "data.police.uk Metropolitan 2026-10"
  std::string external_id;  // what the source calls it, when imported (unique)
};

// A crime and who and what it involves: person ids and object ids, each linked to the crime.
struct NewCrime {
  NewOccurrence event;
  std::vector<std::string> victims, suspects, witnesses, property;
};

struct Occurrence {
  std::string id;
  std::string reference;  // crimes recorded here; empty otherwise
  NewOccurrence facts;
  Timestamp recorded_at;
  Retention retention;
};

struct EventQuery {
  std::string type, classification;
  std::optional<Timestamp> from, to;  // occurred at some time between
  std::optional<Area> area;
  std::optional<geo::LatLon> centre;  // with `meters`: within that distance
  double meters = 0;
  std::string text;  // words all found in the narrative, MO, place, outcome or classification
  size_t limit = 50;
};

struct EventHit {
  Occurrence event;
  double meters = -1;  // from the centre, when asked
  std::vector<std::string> why;
};

const std::vector<std::string>& occurrence_types();
Result<NewOccurrence> validate_occurrence(NewOccurrence o, const Clock& clock);
// The MoPI group an event is kept under: its crime category's, or 3.
int mopi_group_of(const NewOccurrence& o);

// The columns an event is read from (pole_events e joined to pole_records r), and the reading.
std::string_view occurrence_columns();
Occurrence occurrence_from_row(const store::Row& row);

struct ImportReport {
  size_t recorded = 0, already_held = 0;
};

class Occurrences {
 public:
  Occurrences(store::Store& store, events::EventLog& log, const Clock& clock);

  Result<Occurrence> record(const NewOccurrence& event, const auth::Actor& by);
  Result<Occurrence> record_crime(const NewCrime& crime, const auth::Actor& by);
  // Events from another system, in one event and one transaction per batch; those whose
  // external_id is held already are skipped.
  Result<ImportReport> import(const std::vector<NewOccurrence>& batch, const auth::Actor& by);
  // By id, by crime reference, or by the id its source gave it (external_id).
  Result<Occurrence> find(const std::string& id) const;
  Result<std::vector<EventHit>> search(const EventQuery& query) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::pole
