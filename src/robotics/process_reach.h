// What a process may reach: the personal data its trigger brings in and the places its steps
// send data out. An automation administrator installs processes but may not read incidents or
// records, so a process is held to the installer's own permissions, and what it sends out goes
// only where the force has said it may (the settings), over https with the certificate checked.
//
// - An event trigger names an event type; each type is read with a permission (an incident's
//   events with cad.read, a person's with pole.read). A type not listed here is read by no
//   process (deny by default).
// - An http_call's address is written out in the definition (no ${...} before the path), is
//   https, and its host is on robotics.allowed_hosts (none by default).
// - A folder trigger's folder is relative, below robotics.folder_root, with no "..": a process
//   cannot be pointed at /root/.ssh or at the database's own folder.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "robotics/process_definition.h"

namespace peel::robotics {

// The force's rules for processes, from the settings (robotics.*).
struct RoboticsPolicy {
  std::string folder_root = "var";
  // "host" or "host:port"; an http_call may reach only these.
  std::vector<std::string> allowed_hosts;
  // Certificate authorities for https calls besides the system's (a force's own CA); empty: the
  // system's alone.
  std::string ca_file;
};

// How an event type's item is read.
struct EventSource {
  std::string permission;    // that the installer must hold, as "cad.read"
  std::string subject_type;  // for the access log, as "incident"; empty: not personal data
};

// nullopt: no process may take this event.
std::optional<EventSource> event_source(std::string_view event_type);

// What an installed process may read and where it may send, for the audit event that records
// its installation.
struct ProcessReach {
  std::vector<std::string> reads;  // "IncidentOpened (cad.read)", "folder var/robotics/in/x"
  std::vector<std::string> sends;  // "https://partner.example:443", "email to ${input.email}"
};

// Error::invalid naming the place ("trigger.source", "steps[2].with.url") when the definition
// breaks the policy; Error::forbidden when its trigger reads what the installer may not.
Result<ProcessReach> check_reach(const ProcessDefinition& process, const RoboticsPolicy& policy,
                                 const std::function<bool(std::string_view)>& installer_may);

// The folder a folder trigger watches: Error::invalid("trigger.source") when it is absolute,
// climbs with "..", is the root itself, or passes through a symbolic link.
Result<std::string> watched_folder(const TriggerSpec& trigger, const std::string& folder_root);

// Error::invalid("url") unless `url` is https and its host (and port) on the allow-list.
Status allowed_address(const std::string& url, const RoboticsPolicy& policy);

}  // namespace peel::robotics
