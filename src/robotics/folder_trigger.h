// Processes started by files: each process with a folder trigger watches its folder, below the
// policy's folder root (process_reach.h: never absolute, never through "..", never through a
// symbolic link, checked again at each look since links can be made after installing). Only
// regular files are taken; a link dropped in the folder is left alone. A file is taken once it has
// not changed for two seconds (so one being copied in is not read half-written): its records
// (file_records.h) become work items, then it is moved to done/ beside them. A file that is not
// what its extension says, or not of the process's format, is moved to refused/ with <name>.why.txt
// saying why, and becomes one exception item so people see it. Records are keyed by the file's
// content and place in it, so the same file dropped again, or read again after a crash before it
// was moved, queues nothing twice.
#pragma once

#include <string>

#include "robotics/robotics.h"

namespace peel::robotics {

struct FolderScan {
  int files = 0, queued = 0, already_held = 0, refused_files = 0, refused_records = 0;
};

class FolderTrigger {
 public:
  FolderTrigger(Robotics& robotics, const Clock& clock);

  // One look at every watched folder: of the installed processes, or of `processes` (read
  // already by the caller).
  Result<FolderScan> scan();
  Result<FolderScan> scan(const std::vector<InstalledProcess>& processes);
  // Where a process's files are dropped; Error::invalid when the policy forbids its folder.
  Result<std::string> folder_of(const ProcessDefinition& process) const;

 private:
  Status take(const ProcessDefinition& process, const std::string& path, FolderScan& scan);

  Robotics& robotics_;
  const Clock& clock_;
};

}  // namespace peel::robotics
