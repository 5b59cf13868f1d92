// Robotics as one part: the installed processes, the work queue their triggers fill and the
// outbox of the messages they send, over one store and one event log.
#pragma once

#include "robotics/outbox.h"
#include "robotics/process_reach.h"
#include "robotics/processes.h"
#include "robotics/work_queue.h"

namespace peel::robotics {

struct Robotics {
  Robotics(store::Store& store, events::EventLog& log, const Clock& clock,
           RoboticsPolicy rules = {})
      : policy(std::move(rules)),
        processes(store, log, policy),
        queue(store, log, clock),
        outbox(store, log, clock) {}

  const RoboticsPolicy policy;
  Processes processes;
  WorkQueue queue;
  Outbox outbox;
};

}  // namespace peel::robotics
