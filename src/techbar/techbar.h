// The Tech Bar as one part: its sites and the visits to them, over one store and one event
// log, with Duty's staff register to know who walks in.
#pragma once

#include "techbar/assets.h"
#include "techbar/locations.h"
#include "techbar/tickets.h"
#include "techbar/visits.h"

namespace peel::techbar {

struct Techbar {
  Techbar(store::Store& store, events::EventLog& log, const Clock& clock, const duty::Staff& staff)
      : locations(store, log, clock),
        visits(store, log, clock, staff, locations),
        tickets(store, log, clock),
        assets(store, log, clock, staff) {}

  Locations locations;
  Visits visits;
  Tickets tickets;
  Assets assets;
};

}  // namespace peel::techbar
