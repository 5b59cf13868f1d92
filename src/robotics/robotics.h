// Robotics as one part: the installed processes and the work queue their triggers fill, over
// one store and one event log.
#pragma once

#include "robotics/processes.h"
#include "robotics/work_queue.h"

namespace peel::robotics {

struct Robotics {
  Robotics(store::Store& store, events::EventLog& log, const Clock& clock)
      : processes(store, log), queue(store, log, clock) {}

  Processes processes;
  WorkQueue queue;
};

}  // namespace peel::robotics
