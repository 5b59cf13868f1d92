#include "robotics/process_reach.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <filesystem>
#include <map>

#include "auth/auth.h"

namespace peel::robotics {

namespace fs = std::filesystem;
namespace perm = auth::permission;

namespace {

// The events a process may be started by, and what reading each takes. Incidents carry callers'
// names, numbers and narratives; Records carry people; Duty carries staff. Deny by default: an
// event type not here (a user's sign-in, the access log itself) starts no process.
const std::map<std::string, EventSource, std::less<>>& event_sources() {
  static const std::map<std::string, EventSource, std::less<>> sources = [] {
    std::map<std::string, EventSource, std::less<>> out;
    for (const char* type :
         {"IncidentOpened", "IncidentClosed", "IncidentRegraded", "IncidentMerged", "CallLinked",
          "ResourceDispatched", "ResourceDiverted"})
      out[type] = {perm::kCadRead, "incident"};
    for (const char* type : {"ResourceRegistered", "ResourceStatusChanged", "ResourceCrewChanged",
                             "AlertRaised", "AlertAcknowledged"})
      out[type] = {perm::kCadRead, ""};
    for (const char* type :
         {"PersonRecorded", "PersonAmended", "PersonMerged", "PersonMergeUndone"})
      out[type] = {perm::kPoleRead, "person"};
    for (const char* type : {"ObjectRecorded", "LocationRecorded", "EventRecorded", "CrimeRecorded",
                             "LinkRecorded", "MarkerAdded", "WarningMarkerAdded", "RecordRetained"})
      out[type] = {perm::kPoleRead, "record"};
    for (const char* type :
         {"TourRostered", "TourCancelled", "AbstractionRecorded", "AbstractionApproved",
          "AbstractionRefused", "SwapRequested", "SwapApproved", "SwapRefused", "DutyPersonAdded"})
      out[type] = {perm::kDutyRead, "duty_person"};
    for (const char* type : {"TechbarCheckedIn", "TechbarTicketOpened", "TechbarTicketResolved",
                             "TechbarAppointmentBooked", "TechbarAppointmentCancelled"})
      out[type] = {perm::kTechbarServe, "techbar_visitor"};
    return out;
  }();
  return sources;
}

// What a step kind does with Records, and the permission that takes.
std::optional<std::string> records_permission(const std::string& kind) {
  if (kind == "match_person") return std::string(perm::kPoleRead);
  if (kind == "record_person" || kind == "record_crime") return std::string(perm::kPoleWrite);
  return std::nullopt;
}

// "https://host:port" of an address that may hold ${...} only after its host.
Result<std::string> literal_origin(const std::string& url) {
  const auto placeholder = url.find("${");
  const auto authority = url.find("://");
  if (authority == std::string::npos)
    return Error::invalid("url", "must be an https:// address (" + url + ")");
  const auto path = url.find_first_of("/?#", authority + 3);
  if (placeholder != std::string::npos && (path == std::string::npos || placeholder < path))
    return Error::invalid("url",
                          "must write its scheme and host out, with ${...} only in the path or"
                          " query, so where it sends is known when it is installed (" +
                              url + ")");
  return url.substr(0, path == std::string::npos ? url.size() : path);
}

}  // namespace

std::optional<EventSource> event_source(std::string_view event_type) {
  const auto found = event_sources().find(event_type);
  if (found == event_sources().end()) return std::nullopt;
  return found->second;
}

Status allowed_address(const std::string& url, const RoboticsPolicy& policy) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "https" || parsed->host().empty())
    return Error::invalid("url", "must be an https:// address with a host (" + url + ")");
  const std::string host = parsed->host();
  const std::string port = parsed->has_port() ? std::string(parsed->port()) : "443";
  const bool listed = std::any_of(
      policy.allowed_hosts.begin(), policy.allowed_hosts.end(), [&](const std::string& allowed) {
        return allowed == host + ":" + port || (port == "443" && allowed == host);
      });
  if (!listed)
    return Error::invalid("url", fmt::format("{}:{} is not on robotics.allowed_hosts, the places"
                                             " the force lets processes send to",
                                             host, port));
  return {};
}

Result<std::string> watched_folder(const TriggerSpec& trigger, const std::string& folder_root) {
  const fs::path source(trigger.source);
  if (source.is_absolute() || source.has_root_name())
    return Error::invalid(
        "trigger.source",
        "must be a folder below robotics.folder_root, named relatively (" + trigger.source + ")");
  for (const auto& part : source) {
    if (part == "..")
      return Error::invalid("trigger.source",
                            "must not climb out with .. (" + trigger.source + ")");
  }
  const fs::path relative = source.lexically_normal();
  if (relative.empty() || relative == "." || relative == "./")
    return Error::invalid("trigger.source",
                          "must name a folder below robotics.folder_root, not the root itself");
  fs::path at(folder_root);
  for (const auto& part : relative) {
    if (part.empty() || part == ".") continue;
    at /= part;
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(at, ec)))
      return Error::invalid("trigger.source",
                            at.string() +
                                " is a symbolic link, which a watched folder may not be"
                                " or pass through");
  }
  return at.lexically_normal().string();
}

Result<ProcessReach> check_reach(const ProcessDefinition& process, const RoboticsPolicy& policy,
                                 const std::function<bool(std::string_view)>& installer_may) {
  ProcessReach reach;
  const TriggerSpec& trigger = process.trigger;
  if (trigger.kind == "event") {
    const auto source = event_source(trigger.source);
    if (!source)
      return Error::invalid("trigger.source",
                            trigger.source + " is not an event a process may be started by");
    if (!installer_may(source->permission))
      return Error::forbidden(
          fmt::format("a process started by {} reads what only {} may read, which you do not hold",
                      trigger.source, source->permission));
    reach.reads.push_back(fmt::format("{} ({})", trigger.source, source->permission));
  } else if (trigger.kind == "folder") {
    auto folder = watched_folder(trigger, policy.folder_root);
    if (!folder) return std::move(folder).error();
    reach.reads.push_back("folder " + *folder);
  } else {
    reach.reads.push_back(trigger.kind + " submissions");
  }
  for (size_t i : process.order) {
    const StepSpec& step = process.steps[i];
    const std::string at = fmt::format("steps[{}].with.url", i);
    if (const auto needed = records_permission(step.kind)) {
      if (!installer_may(*needed))
        return Error::forbidden(
            fmt::format("steps[{}] ({}) needs {}, which you do not hold", i, step.kind, *needed));
      reach.reads.push_back(fmt::format("Records: {} ({})", step.kind, *needed));
    }
    if (step.kind == "http_call") {
      const std::string& url = step.with.at("url");
      auto origin = literal_origin(url);
      if (!origin) return Error::invalid(at, origin.error().fields.front().reason);
      if (Status s = allowed_address(*origin + "/", policy); !s)
        return Error::invalid(at, s.error().fields.front().reason);
      reach.sends.push_back(*origin);
    }
    if (step.kind == "notify") reach.sends.push_back("email to " + step.with.at("to"));
  }
  return reach;
}

}  // namespace peel::robotics
