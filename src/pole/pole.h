// The POLE store as one part: people, objects, locations and events, the links between them,
// warning markers, duplicates and merges, and the MoPI review queue, over one store and one
// event log.
#pragma once

#include "pole/duplicates.h"
#include "pole/links.h"
#include "pole/locations.h"
#include "pole/markers.h"
#include "pole/objects.h"
#include "pole/occurrences.h"
#include "pole/persons.h"
#include "pole/reviews.h"

namespace peel::pole {

struct Pole {
  Pole(store::Store& store, events::EventLog& log, const Clock& clock)
      : persons(store, log, clock),
        objects(store, log, clock),
        locations(store, log, clock),
        events(store, log, clock),
        links(store, log, clock),
        markers(store, log, clock),
        merges(store, log, clock),
        reviews(store, log) {}

  Persons persons;
  Objects objects;
  Locations locations;
  Occurrences events;
  Links links;
  Markers markers;
  Merges merges;
  Reviews reviews;
};

}  // namespace peel::pole
