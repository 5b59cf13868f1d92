// The Command & Control service: commands are checked against the live state, written to the
// event log, then applied; queries read the live state. One mutex guards the state and is held
// from the check to the apply, so two commands never decide on the same state (two dispatchers
// cannot send the same unit to two incidents).
#pragma once

#include <mutex>
#include <unordered_map>

#include "auth/auth.h"
#include "cad/cad.h"
#include "events/event_log.h"
#include "geo/api/geo_api.h"

namespace peel::cad {

struct NewResource {
  std::string call_sign, type, home_area;
  std::vector<std::string> capabilities;
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

struct PositionReport {
  std::string resource_id;
  geo::LatLon at;
  Timestamp time;
};

struct CadOptions {
  // A fix older than this is reported as stale in recommendations.
  std::chrono::seconds stale_fix{300};
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
  // All or nothing: one bad report refuses the batch, naming it. Returns how many were taken.
  Result<size_t> report_positions(const std::vector<PositionReport>& reports);

  Result<Incident> open_incident(const NewIncident& request, const auth::Actor& by);
  // Available units carrying what the incident needs, fastest by road first.
  Result<std::vector<Recommendation>> recommend(const std::string& incident_id, size_t limit) const;
  Result<Incident> dispatch(const std::string& incident_id, const std::string& resource_id,
                            const auth::Actor& by);

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

  events::EventLog& log_;
  const Clock& clock_;
  const geo::LoadedMap& map_;
  CadOptions options_;

  mutable std::mutex mutex_;
  std::map<std::string, Resource> resources_;
  std::map<std::string, Incident> incidents_;
  std::unordered_map<std::string, std::string> call_signs_;  // call sign -> resource id
  std::map<std::string, int> incidents_per_day_;             // "22NOV2026" -> count
  // Per incident, the sequences of its units' status events (they are on resource streams).
  std::unordered_map<std::string, std::vector<long long>> unit_events_;
};

}  // namespace peel::cad
