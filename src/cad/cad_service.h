// The Command & Control service: commands are checked against the live state, written to the
// event log, then applied; queries read the live state. One mutex guards the state and is held
// from the check to the apply, so two commands never decide on the same state (two dispatchers
// cannot send the same unit to two incidents).
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "auth/auth.h"
#include "cad/cad.h"
#include "events/event_log.h"
#include "geo/api/geo_api.h"
#include "geo/point_grid.h"

namespace peel::cad {

struct NewResource {
  std::string call_sign, type, home_area;
  std::vector<std::string> capabilities;
  std::vector<std::string> crew;
};

struct NewIncident {
  std::string classification;
  std::string grade;    // "I", "S", "E", "R"
  std::string channel;  // "999", "101", "online", "officer"
  std::optional<geo::LatLon> location;
  std::string address;  // resolved through the gazetteer when there is no location
  Thrive thrive;
  Caller caller;
  std::string narrative;
};

struct NewWarning {
  std::string kind;  // "weapons", "dogs", "violence", "vulnerability"
  std::string subject, note;
  std::optional<geo::LatLon> location;
  std::string address;  // resolved through the gazetteer when there is no location
};

struct PositionReport {
  std::string resource_id;
  geo::LatLon at;
  Timestamp time;
};

struct PositionsTaken {
  size_t accepted = 0;
  std::vector<std::string> arrived;  // call signs found at scene by their position
};

struct CadOptions {
  // A fix older than this is reported as stale in recommendations.
  std::chrono::seconds stale_fix{300};
  // A unit on its way within this distance of its incident has arrived.
  double arrival_radius_m = 75;
  // A new call this near an open incident of the same group, this soon, may be a duplicate.
  double duplicate_radius_m = 250;
  std::chrono::minutes duplicate_window{60};
  // Warnings and earlier incidents this near a location are shown when an incident opens.
  double briefing_radius_m = 50;
  size_t history_limit = 10;
  // Alerts (thresholds are configuration).
  std::chrono::seconds immediate_unassigned{60};
  std::chrono::minutes welfare_check{30};  // at scene without an update
  // Attendance targets: first unit at scene within these of the call (the operating picture
  // measures against them; the significant one also raises the near-target alert).
  std::chrono::minutes immediate_target{15};     // grade I
  std::chrono::minutes significant_target{60};   // grade S
  std::chrono::minutes significant_warning{10};  // before that target
  double late_factor = 1.5;                      // past ETA x this, plus a minute
};

// What the control room's screens start from: the open incidents, the units and the recent
// alerts, all as of the log's `sequence` (a live stream subscribed "after" it continues exactly).
struct Board {
  std::vector<Incident> incidents;
  std::vector<Resource> resources;
  std::vector<Alert> alerts;  // newest first
  long long sequence = 0;
};

// How one incident was answered, for measuring response: what the operating picture counts.
struct IncidentResponse {
  std::string id, area;
  Grade grade = Grade::kExtended;
  geo::LatLon location;
  Timestamp opened_at;
  std::optional<Timestamp> dispatched_at, attended_at;
  bool open = true;
  bool duplicate = false;  // merged into another: not demand of its own
};

class CadService {
 public:
  CadService(events::EventLog& log, const Clock& clock, const geo::LoadedMap& map,
             CadOptions options = {});

  // Rebuilds the live state from the log. Call once, before taking requests.
  Status rebuild();

  Result<Resource> register_resource(const NewResource& request, const auth::Actor& by);
  // Book on/off duty and move through a job: en_route, at_scene, transporting, and "clear"
  // (back to available). Out-of-order changes are refused (409).
  Result<Resource> change_status(const std::string& resource_id, std::string_view status,
                                 const std::string& reason, const auth::Actor& by);
  // Who is on the unit now (at book-on, or when someone joins or leaves). With `capabilities`
  // (the crew's valid skills, from the roster) the unit's capabilities become those.
  Result<Resource> change_crew(const std::string& resource_id, const std::vector<std::string>& crew,
                               const auth::Actor& by,
                               const std::optional<std::vector<std::string>>& capabilities = {});
  // The unit with this call sign, if any.
  std::optional<std::string> resource_with_call_sign(const std::string& call_sign) const;
  // All or nothing: one bad report refuses the batch, naming it. Units on their way that come
  // within arrival_radius_m of their incident are marked at scene.
  Result<PositionsTaken> report_positions(const std::vector<PositionReport>& reports);
  // Where units were last known to be (their tracks, after a restart): sets the fix of units
  // that have none yet, without the arrival rule (an old fix is no news). Unknown units and
  // points off the map are skipped.
  void restore_fixes(const std::vector<PositionReport>& fixes);

  Result<Incident> open_incident(const NewIncident& request, const auth::Actor& by);
  // Open incidents near `at` whose classification is of the same group, recently opened.
  std::vector<PossibleDuplicate> possible_duplicates(geo::LatLon at,
                                                     std::string_view classification,
                                                     const std::string& except_id = {}) const;
  LocationBriefing briefing(geo::LatLon at, const std::string& except_id = {}) const;
  // Markers kept elsewhere (the records store's, on people and places) that a briefing shows
  // beside Command & Control's own. Set while wiring, before serving.
  using WarningSource = std::function<std::vector<WarningMarker>(geo::LatLon at, double meters)>;
  void add_warning_source(WarningSource source) { warning_sources_.push_back(std::move(source)); }
  // A further call about an open incident (instead of a duplicate incident).
  Result<Incident> link_call(const std::string& incident_id, const LinkedCall& call,
                             const auth::Actor& by);
  // An update from the control room to an open incident's log ("caller rang back: he has left
  // towards the station"): text only, timed and attributed.
  Result<Incident> add_update(const std::string& incident_id, const std::string& text,
                              const auth::Actor& by);
  Result<Incident> regrade(const std::string& incident_id, const std::string& grade,
                           const std::string& reason, const auth::Actor& by);
  // Refused while units are still committed to it.
  Result<Incident> close(const std::string& incident_id, const std::string& closing_code,
                         const std::string& reason, const auth::Actor& by);
  // Closes the incident as a duplicate of another open one.
  Result<Incident> merge(const std::string& incident_id, const std::string& into_id,
                         const std::string& reason, const auth::Actor& by);
  Result<WarningMarker> add_warning(const NewWarning& request, const auth::Actor& by);
  // The force's opening classifications: the defaults, then every change made since.
  std::vector<Classification> classifications() const;
  std::optional<Classification> find_classification(const std::string& code) const;
  // Adds a classification or changes one (name, group, capabilities); brings back a retired one.
  Result<Classification> define_classification(const Classification& wanted,
                                               const std::string& reason, const auth::Actor& by);
  // New incidents may no longer use it; incidents already opened with it keep it.
  Result<Classification> retire_classification(const std::string& code, const std::string& reason,
                                               const auth::Actor& by);
  // Available units carrying what the incident needs, fastest by road first.
  // With `diversions`, units on lower-graded work (dispatched, en route or at scene) are ranked
  // too, each saying what it would leave.
  Result<std::vector<Recommendation>> recommend(const std::string& incident_id, size_t limit,
                                                bool diversions = false) const;
  // A unit committed elsewhere is refused unless `divert` is set and its incident is of a lower
  // grade; then the other incident's log records that the unit was taken from it, and why.
  Result<Incident> dispatch(const std::string& incident_id, const std::string& resource_id,
                            const auth::Actor& by, bool divert = false,
                            const std::string& reason = {});

  // Raises the alerts now due (each once), as events on "alert/<id>"; returns them. The
  // platform calls it every second.
  std::vector<Alert> check_alerts();
  // The most recent alerts, newest first.
  std::vector<Alert> recent_alerts(size_t limit) const;
  // Someone has seen the alert and taken it on; once only (409 after). Only the recent alerts
  // (the last 1,000) can be acknowledged.
  Result<Alert> acknowledge_alert(const std::string& alert_id, const auth::Actor& by);

  const CadOptions& options() const { return options_; }
  Board board(size_t alert_limit) const;
  // Incidents opened at or after `from`, oldest first, and those still open whenever opened.
  std::vector<IncidentResponse> responses_since(Timestamp from) const;

  std::vector<Resource> resources() const;
  std::optional<Resource> find_resource(const std::string& id) const;
  std::vector<Incident> open_incidents() const;
  std::optional<Incident> find_incident(const std::string& id) const;
  // The incident's whole history, in order: its own events and its units' status changes.
  Result<std::vector<events::Event>> incident_log(const std::string& incident_id) const;

 private:
  // Appends and applies; REQUIRES: mutex_ held.
  Result<events::Event> record(events::EventDraft draft);
  void apply(const events::Event& event);
  std::string next_reference(Timestamp at) const;
  // Where a request's place is: its coordinates checked against the map, or its address
  // looked up in the gazetteer (then `address` becomes the name found).
  Result<geo::LatLon> resolve(const std::optional<geo::LatLon>& location, std::string& address,
                              const char* location_field) const;
  // Units committed to an incident, by call sign; REQUIRES: mutex_ held.
  std::vector<std::string> committed_to(const std::string& incident_id) const;
  // REQUIRES: mutex_ held.
  Result<const Incident*> open_incident_named(const std::string& incident_id) const;
  // Retired ones included; nullptr when unknown. REQUIRES: mutex_ held.
  const Classification* classification_named(const std::string& code) const;
  // The open incident a committed unit could be diverted from to one of grade `to`: of a lower
  // grade, and the unit not transporting. nullptr otherwise. REQUIRES: mutex_ held.
  const Incident* divertible_from(const Resource& unit, Grade to) const;

  events::EventLog& log_;
  const Clock& clock_;
  const geo::LoadedMap& map_;
  CadOptions options_;

  mutable std::mutex mutex_;
  std::map<std::string, Resource> resources_;
  std::map<std::string, Incident> incidents_;
  // A force keeps years of incidents: the open ones and those near a place are found without
  // reading them all.
  std::set<std::string> open_ids_;
  std::multimap<Timestamp, std::string> opened_order_;  // opened_at -> id
  long long applied_sequence_ = 0;                      // the last event applied to this state
  std::optional<long long> rebuilt_through_;            // set by rebuild(): what it read
  geo::PointGrid<std::string> incidents_by_place_;
  geo::PointGrid<std::string> warnings_by_place_;
  std::map<std::string, WarningMarker> warnings_;
  std::vector<WarningSource> warning_sources_;
  std::map<std::string, Classification> classifications_;
  // The most recent alerts, oldest first (all of them are in the log).
  std::deque<Alert> alerts_;
  static constexpr size_t kRecentAlerts = 1'000;
  // By open incident, what each alert was about, so that it is raised once; forgotten when the
  // incident closes (nothing is raised about a closed incident).
  std::unordered_map<std::string, std::unordered_set<std::string>> raised_;
  std::unordered_map<std::string, std::string> call_signs_;  // call sign -> resource id
  std::map<std::string, int> incidents_per_day_;             // "22NOV2026" -> count
  // Per incident, the sequences of its units' status events (they are on resource streams).
  std::unordered_map<std::string, std::vector<long long>> unit_events_;
};

}  // namespace peel::cad
