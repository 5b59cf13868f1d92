// What the load checks at the end, apart from the requests that gather it: so that the checks
// themselves can be tested on logs with something missing.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "sim/dispatcher_screens.h"
#include "sim/load.h"

namespace peel::sim {

// An incident the server acknowledged, with the events it acknowledged for it (types, as its
// log names them) and when the request to open it was sent.
struct WorkedIncident {
  std::string id;
  std::chrono::steady_clock::time_point sent;
  std::vector<std::string> events;
};

// How many of the acknowledged event types the incident's log lacks (a type acknowledged twice
// must be there twice).
size_t missing_from_log(const std::vector<std::string>& acknowledged,
                        std::multiset<std::string> logged);

// Each screen should have received every acknowledged event of each incident's own stream:
// fills the deliveries, how soon IncidentOpened arrived, the screens' counts and those dropped.
void check_deliveries(const std::vector<WorkedIncident>& worked,
                      const std::vector<ScreenLog>& screens, LoadReport& report);

// Milliseconds, as the report gives them.
RequestFigures figures_of(std::vector<double> ms, size_t errors);

}  // namespace peel::sim
