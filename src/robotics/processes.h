// The installed automated processes, each kept in every version it was installed in: an item
// is worked by the version it was made under, so a new version never changes work already
// under way. Peel ships two (shipped_processes.cc), installed on first start: the online crime
// report and the legacy CSV import. An administrator installs new versions; each must be valid
// (process_definition.h) and numbered above the last.
#pragma once

#include <string>
#include <vector>

#include "robotics/process_definition.h"

namespace peel::robotics {

struct InstalledProcess {
  ProcessDefinition definition;
  std::string text;  // the document as installed
  Timestamp installed_at;
  std::string installed_by;
};

// The JSON documents of the processes Peel ships.
const std::vector<std::string>& shipped_process_definitions();

class Processes {
 public:
  Processes(store::Store& store, events::EventLog& log);

  // 422 naming the place for a bad definition; 409 when its version is not above the last.
  Result<InstalledProcess> install(const std::string& text, const auth::Actor& by);
  // Installs each shipped process not installed yet (in any version).
  Status install_shipped(const auth::Actor& by);
  // The latest version, or a given one; 404 when there is none.
  Result<InstalledProcess> current(const std::string& id) const;
  Result<InstalledProcess> version(const std::string& id, int version) const;
  // The latest version of each, by id.
  Result<std::vector<InstalledProcess>> list() const;

 private:
  store::Store& store_;
  events::EventLog& log_;
};

}  // namespace peel::robotics
