// The installed automated processes, each kept in every version it was installed in: an item
// is worked by the version it was made under, so a new version never changes work already
// under way. Peel ships two (shipped_processes.cc), installed on first start: the online crime
// report and the legacy CSV import. An administrator installs new versions; each must be valid
// (process_definition.h), numbered above the last, and within what the installer may read and
// where the force lets processes send (process_reach.h). A version can be retired: it takes no
// new items, and the items it has are worked to the end (drained).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "robotics/process_definition.h"
#include "robotics/process_reach.h"

namespace peel::robotics {

struct InstalledProcess {
  ProcessDefinition definition;
  std::string text;  // the document as installed
  Timestamp installed_at;
  std::string installed_by;  // a user id, or "system"
  std::optional<Timestamp> retired_at;
  std::string retired_reason;
};

// Whether the installer holds a permission.
using InstallerMay = std::function<bool(std::string_view permission)>;

// The JSON documents of the processes Peel ships.
const std::vector<std::string>& shipped_process_definitions();

class Processes {
 public:
  Processes(store::Store& store, events::EventLog& log, const RoboticsPolicy& policy);

  // 422 naming the place for a bad definition or one outside the policy; 403 when it would read
  // what the installer may not; 409 when its version is not above the last. The audit event
  // (ProcessInstalled) names what the process may read and where it may send.
  Result<InstalledProcess> install(const std::string& text, const auth::Actor& by,
                                   const InstallerMay& installer_may);
  // The command line's operator (and Peel's own shipped processes) may install anything the
  // policy allows.
  Result<InstalledProcess> install(const std::string& text, const auth::Actor& by) {
    return install(text, by, [](std::string_view) { return true; });
  }
  // No new items for this version (409 when it is retired already; 422 without a reason).
  Result<InstalledProcess> retire(const std::string& id, int version, const std::string& reason,
                                  const auth::Actor& by);
  // Installs each shipped process not installed yet (in any version).
  Status install_shipped(const auth::Actor& by);
  // The latest version, or a given one; 404 when there is none.
  Result<InstalledProcess> current(const std::string& id) const;
  Result<InstalledProcess> version(const std::string& id, int version) const;
  // The latest version of each, by id (retired ones too: see retired_at).
  Result<std::vector<InstalledProcess>> list() const;
  const RoboticsPolicy& policy() const { return policy_; }

 private:
  store::Store& store_;
  events::EventLog& log_;
  const RoboticsPolicy& policy_;
};

}  // namespace peel::robotics
