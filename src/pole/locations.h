// Locations in the POLE store: an address and the point it is at (from the gazetteer, or given).
// Found near a point or within an area; events carry their own point, so "anything near" is the
// locations and the events there.
#pragma once

#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "geo/road_network.h"
#include "pole/persons.h"
#include "store/store.h"

namespace peel::pole {

struct NewLocation {
  std::string address;  // as written: "14 Acacia Avenue, Kentish Town NW5 1AA"
  geo::LatLon at;
  std::string description;  // "rear entrance by the garages"
};

struct Location {
  std::string id;
  NewLocation facts;
  Timestamp recorded_at;
  Retention retention;
};

struct LocationHit {
  Location location;
  double meters = 0;
};

// An area: a box from its south-west to its north-east corner, or a circle.
struct Area {
  geo::LatLon south_west, north_east;
  // The box that holds a circle, for the index; callers then keep what is within `meters`.
  static Area around(geo::LatLon centre, double meters);
  bool holds(geo::LatLon p) const;
};

Result<NewLocation> validate_location(NewLocation l);

class Locations {
 public:
  Locations(store::Store& store, events::EventLog& log, const Clock& clock);

  Result<Location> record(const NewLocation& location, const auth::Actor& by);
  Result<Location> find(const std::string& id) const;
  // Within `meters` of `centre`, nearest first.
  Result<std::vector<LocationHit>> near(geo::LatLon centre, double meters, size_t limit) const;
  Result<std::vector<LocationHit>> within(const Area& area, size_t limit) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::pole
