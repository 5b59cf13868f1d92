// Robotics as one part: the installed processes, the work queue their triggers fill and the
// outbox of the messages they send, over one store and one event log.
#pragma once

#include "robotics/outbox.h"
#include "robotics/processes.h"
#include "robotics/work_queue.h"

namespace peel::robotics {

struct Robotics {
  Robotics(store::Store& store, events::EventLog& log, const Clock& clock)
      : processes(store, log), queue(store, log, clock), outbox(store, log, clock) {}

  Processes processes;
  WorkQueue queue;
  Outbox outbox;
};

}  // namespace peel::robotics
