// The triggers that are not requests: files dropped in watched folders (folder_trigger.h),
// schedules ("every N minutes": one item per period, keyed by the period, so a restart inside
// it queues nothing twice; periods that passed while the server was down are not made up), and
// Peel's own events (an event type such as IncidentClosed: one item per event, its payload's
// members that the process declares as fields as its input). Events are read from the event
// log after a cursor kept in the store, so those written while no trigger ran (or the server
// was down) are taken when it runs again; a process installed later sees events from then on.
// An event reaches a process only while its installer may read it (process_reach.h), and each
// delivery of personal data is in the access log, by the installer, with the process as purpose.
// Retired versions are not started by anything.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "events/event_log.h"
#include "robotics/folder_trigger.h"
#include "robotics/robotics.h"

namespace peel::robotics {

// What event triggers ask of the accounts: the installer, when they may now read with a
// permission (nullopt once disabled, gone, or without it); and the access log.
struct InstallerRights {
  std::function<std::optional<auth::Actor>(const std::string& user_id, std::string_view permission)>
      may;
  std::function<Status(const auth::Actor& by, const std::string& subject_type,
                       const std::string& subject_id, const std::string& purpose,
                       const std::string& detail)>
      log_read;
};

class Triggers {
 public:
  Triggers(Robotics& robotics, events::EventLog& log, store::Store& store, const Clock& clock,
           InstallerRights rights);

  // One look at every trigger.
  Status tick();
  FolderTrigger& folders() { return folders_; }

 private:
  Status schedules(const std::vector<InstalledProcess>& processes);
  Status events(const std::vector<InstalledProcess>& processes);
  // True when a new item was made (false: one was made for this reference before).
  Result<bool> enqueue(const ProcessDefinition& p, const std::string& reference,
                       const std::string& input, const auth::Actor& by);

  Robotics& robotics_;
  events::EventLog& log_;
  store::Store& store_;
  const Clock& clock_;
  InstallerRights rights_;
  FolderTrigger folders_;
};

}  // namespace peel::robotics
