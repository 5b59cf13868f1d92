// Warning markers on people and locations: what an officer must know before meeting that person
// or going to that address. Shown with the record wherever it appears, and to Command & Control
// when an incident opens near a marked location or the home of a marked person.
#pragma once

#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "geo/road_network.h"
#include "store/store.h"

namespace peel::pole {

const std::vector<std::string>& marker_kinds();

struct NewMarker {
  std::string record_id;  // a person or a location
  std::string kind;       // weapons, violence, self_harm, vulnerable, drugs, escape_risk, ...
  std::string note;       // what to know: "known to carry a knife (2025)"
};

struct Marker {
  std::string id;
  NewMarker facts;
  std::string record_kind;  // "person" or "location"
  Timestamp created_at;
  std::string created_by;
};

// A marker that matters at a place: on the location there, or on a person who lives there.
struct MarkerNearby {
  Marker marker;
  std::string subject;  // "14 Acacia Avenue" or "SMITH, John (lives at 14 Acacia Avenue)"
  geo::LatLon at;
};

class Markers {
 public:
  Markers(store::Store& store, events::EventLog& log, const Clock& clock);

  Result<Marker> add(const NewMarker& marker, const auth::Actor& by);
  Result<std::vector<Marker>> of(const std::vector<std::string>& record_ids) const;
  Result<std::vector<MarkerNearby>> near(geo::LatLon at, double meters) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::pole
