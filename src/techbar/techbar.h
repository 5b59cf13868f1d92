// The Tech Bar as one part: its sites and the visits to them, over one store and one event
// log, with Duty's staff register to know who walks in.
#pragma once

#include "techbar/appointments.h"
#include "techbar/assets.h"
#include "techbar/locations.h"
#include "techbar/metrics.h"
#include "techbar/service_desk.h"
#include "techbar/tickets.h"
#include "techbar/visits.h"

namespace peel::techbar {

struct Techbar {
  Techbar(store::Store& store, events::EventLog& log, const Clock& clock, const duty::Staff& staff)
      : locations(store, log, clock),
        visits(store, log, clock, staff, locations),
        tickets(store, log, clock),
        assets(store, log, clock, staff),
        service_desk(store, log),
        appointments(store, log, clock, staff, locations, visits),
        store_(store) {}

  Result<MetricsReport> metrics(const MetricsQuery& query) const {
    return techbar_metrics(store_, service_desk, query);
  }

  Locations locations;
  Visits visits;
  Tickets tickets;
  Assets assets;
  ServiceDesk service_desk;
  Appointments appointments;

 private:
  store::Store& store_;
};

}  // namespace peel::techbar
