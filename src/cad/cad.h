// Command & Control: incidents opened from calls, the live resources that answer them and
// their positions, and the recommendation of which unit to send.
//
// Every change is an event in the hash-chained log first (stream "incident/<id>" or
// "resource/<id>"), then applied to the live state in memory; at start the state is rebuilt by
// applying the log again, so the log is the whole truth. Positions are the exception: they
// arrive by the thousand every few seconds and live only in memory.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "geo/road_network.h"
#include "geo/segment_index.h"

namespace peel::cad {

// I (immediate), S (significant), E (extended), R (referred).
enum class Grade { kImmediate, kSignificant, kExtended, kReferred };
const char* grade_code(Grade grade);
std::optional<Grade> parse_grade(std::string_view code);

// How the contact came in.
enum class Channel { kEmergency, kNonEmergency, kOnline, kOfficer };
const char* channel_name(Channel channel);  // "999", "101", "online", "officer"
std::optional<Channel> parse_channel(std::string_view name);

// An opening classification and the capabilities a unit must carry to be sent to it. Calls of
// the same group near each other may be about the same thing (possible duplicates).
struct Classification {
  std::string code;   // "burglary"
  std::string name;   // "Burglary"
  std::string group;  // one of classification_groups()
  std::vector<std::string> capabilities;
  bool retired = false;  // no new incidents; those already open keep it
};
// The list a force starts with; its own changes are events (CadService::define_classification).
const std::vector<Classification>& default_classifications();
const std::vector<std::string>& classification_groups();

// THRIVE: the call handler's assessment, in their words.
struct Thrive {
  std::string threat, harm, risk, investigation, vulnerability, engagement;
};

struct Caller {
  std::string name, phone;
};

// How an incident ends.
const std::vector<std::string>& closing_codes();

// A further call about an incident already open.
struct LinkedCall {
  Caller caller;
  std::string narrative;
  Channel channel = Channel::kEmergency;
  Timestamp at;
};

// A marker on a place that officers must know before they go: weapons, dogs, violence,
// vulnerability. Shown when an incident opens nearby.
enum class WarningKind { kWeapons, kDogs, kViolence, kVulnerability, kOther };
const char* warning_kind_name(WarningKind kind);
std::optional<WarningKind> parse_warning_kind(std::string_view name);

struct WarningMarker {
  std::string id;
  WarningKind kind = WarningKind::kViolence;
  std::string subject;  // the address, or the person it is about
  std::string note;
  geo::LatLon location;
  Timestamp created_at;
  std::string created_by;
};

enum class ResourceStatus {
  kOffDuty,
  kAvailable,
  kDispatched,
  kEnRoute,
  kAtScene,
  kTransporting,
};
const char* status_name(ResourceStatus status);
std::optional<ResourceStatus> parse_status(std::string_view name);

struct Fix {
  geo::LatLon at;
  Timestamp time;
  std::optional<geo::Snap> road;  // where it meets the road network (none without a map)
};

struct Resource {
  std::string id;
  std::string call_sign;                  // "MP41"
  std::string type;                       // "response car", "dog van", ...
  std::vector<std::string> capabilities;  // sorted
  std::string home_area;
  std::vector<std::string> crew;  // who is on it: names or collar numbers, as booked on
  ResourceStatus status = ResourceStatus::kOffDuty;
  Timestamp status_at;
  std::string incident_id;               // while committed
  std::optional<Fix> fix;                // last known position
  std::optional<Timestamp> expected_at;  // when it should reach its incident (from dispatch)
};

struct Incident {
  std::string id;
  std::string reference;  // "CAD 1234/22NOV"
  std::string classification;
  Grade grade = Grade::kExtended;
  Channel channel = Channel::kEmergency;
  geo::LatLon location;
  std::string address;  // as resolved (or as said), may be empty
  std::string area;     // the named area it is in (geo::GeoService::area_of), may be empty
  Thrive thrive;
  Caller caller;
  std::string narrative;
  Timestamp opened_at;
  std::string opened_by;
  bool open = true;
  std::string closing_code;            // once closed
  std::string merged_into;             // closed as a duplicate of this incident
  std::vector<std::string> resources;  // dispatched to it, in order
  std::vector<LinkedCall> calls;       // further calls linked to it
  // Response: when the first unit was sent, and when the first reached the scene (attended).
  std::optional<Timestamp> dispatched_at, attended_at;
};

// An open incident that a new call may be about.
struct PossibleDuplicate {
  std::string incident_id, reference, classification;
  double meters = 0;
  double minutes_ago = 0;
};

// What a call handler sees when an incident opens: warnings and what happened there before.
struct LocationBriefing {
  std::vector<WarningMarker> warnings;
  std::vector<Incident> history;  // earlier incidents nearby, newest first
};

// Timers that need someone's attention: an immediate incident nobody has been sent to, a unit
// late against its ETA, an officer at scene too long without an update, a significant
// incident close to its attendance target.
enum class AlertKind { kImmediateUnassigned, kUnitPastEta, kWelfareCheck, kSignificantNearTarget };
const char* alert_kind_name(AlertKind kind);
std::optional<AlertKind> parse_alert_kind(std::string_view name);

struct Alert {
  std::string id;
  AlertKind kind = AlertKind::kImmediateUnassigned;
  std::string incident_id, resource_id;
  std::string message;
  Timestamp raised_at;
  // Someone in the control room has seen it and taken it on.
  std::string acknowledged_by;  // username; empty until acknowledged
  std::optional<Timestamp> acknowledged_at;
};

struct Recommendation {
  std::string resource_id, call_sign;
  double eta_seconds = 0;
  double meters = 0;
  std::vector<std::string> reasons;  // why it is here and where it is
  // Set when the unit is on lower-graded work it would be diverted from.
  std::string diverted_from_id, diverted_from_reference;
};

}  // namespace peel::cad
