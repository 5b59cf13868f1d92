// The triggers that are not requests: files dropped in watched folders (folder_trigger.h),
// schedules ("every N minutes": one item per period, keyed by the period, so a restart inside
// it queues nothing twice; periods that passed while the server was down are not made up), and
// Peel's own events (an event type such as IncidentClosed: one item per event, its payload's
// members that the process declares as fields as its input). Events are read from the event
// log after a cursor kept in the store, so those written while no trigger ran (or the server
// was down) are taken when it runs again; a process installed later sees events from then on.
#pragma once

#include <string>

#include "events/event_log.h"
#include "robotics/folder_trigger.h"
#include "robotics/robotics.h"

namespace peel::robotics {

class Triggers {
 public:
  Triggers(Robotics& robotics, events::EventLog& log, store::Store& store, const Clock& clock,
           std::string folder_root);

  // One look at every trigger.
  Status tick();
  FolderTrigger& folders() { return folders_; }

 private:
  Status schedules(const std::vector<InstalledProcess>& processes);
  Status events(const std::vector<InstalledProcess>& processes);
  Status enqueue(const ProcessDefinition& p, const std::string& reference, const std::string& input,
                 const auth::Actor& by);

  Robotics& robotics_;
  events::EventLog& log_;
  store::Store& store_;
  const Clock& clock_;
  FolderTrigger folders_;
};

}  // namespace peel::robotics
