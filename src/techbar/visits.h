// Walking in to a Tech Bar: checking in with a warrant or staff number (known to Duty's staff
// register) and the problem (device type and symptom), a place in the location's queue with the
// wait to expect (wait_model.h), and an engineer calling the next person to the counter. The
// wait promised at check-in is kept beside the wait that came, so that the estimates can be
// shown to be calibrated.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "duty/staff.h"
#include "techbar/locations.h"
#include "techbar/wait_model.h"

namespace peel::techbar {

// laptop, tablet, phone, radio, body_worn_camera, desktop, printer, account_access, software.
const std::vector<std::string>& device_types();
// 422 naming device_type (not one of them) or symptom (empty, or over 500 characters).
Status check_problem(const std::string& device_type, const std::string& symptom);
// The person a request names by number: 422 naming staff_number when the register has nobody.
Result<duty::DutyPerson> person_numbered(const duty::Staff& staff, const std::string& number);

struct NewCheckIn {
  std::string location_id;
  std::string staff_number;  // warrant or staff number: "MP4521"
  std::string device_type;
  std::string symptom;  // in the person's words: "screen stays black after the update"
};

struct Visit {
  std::string id;
  NewCheckIn facts;
  std::string person_id, person_name;  // from the staff register
  std::string state;                   // waiting, at_counter, done, left
  Timestamp checked_in_at;
  std::optional<Timestamp> called_at, finished_at;
  std::string engineer;              // who called them to the counter
  double promised_wait_seconds = 0;  // the estimate given at check-in
  bool booked = false;               // came for an appointment: called before those who walked in
  std::string checked_in_by;         // the account that checked them in (a user id)
};

struct QueuePlace {
  Visit visit;
  int position = 0;  // 1: next to be called
  double estimated_wait_seconds = 0;
};

class Visits {
 public:
  Visits(store::Store& store, events::EventLog& log, const Clock& clock, const duty::Staff& staff,
         const Locations& locations);

  // 422 naming staff_number (unknown), location_id (closed now, or unknown), device_type or
  // symptom; nothing is written then.
  // `booked`: the person has an appointment now (appointments.h), and goes ahead of those who
  // walked in, behind others who booked.
  Result<QueuePlace> check_in(const NewCheckIn& check_in, const auth::Actor& by,
                              bool booked = false);
  // For someone who checks in by name: their number, when exactly one person on the staff
  // register has that name; 422 naming `name` otherwise (saying how many, never who).
  Result<std::string> staff_number_named(const std::string& name) const;
  // Those waiting at a location in the order they will be called, with their waits.
  Result<std::vector<QueuePlace>> queue(const std::string& location_id) const;
  // Those at a location's counter now, called first first.
  Result<std::vector<Visit>> at_counter(const std::string& location_id) const;
  // How many wait at each location (those with nobody waiting are left out).
  Result<std::map<std::string, int>> waiting_by_location() const;
  // Where a visit stands now: its place while it waits.
  Result<QueuePlace> place_of(const std::string& visit_id) const;
  // The engineer calls the person waiting longest to the counter; 404 when nobody waits.
  Result<Visit> call_next(const std::string& location_id, const auth::Actor& engineer);
  // The person leaves the counter, helped (done) or not (left); its time at the counter counts
  // towards the service times the estimates use.
  Result<Visit> finish(const std::string& visit_id, bool helped, const auth::Actor& engineer);
  // Time at the counter of the visits finished at a location (all when empty), by device type.
  Result<ServiceTimes> service_times(const std::string& location_id) const;

 private:
  // Those waiting at `location` in order with their waits, and `joining` at the end when given.
  Result<std::vector<QueuePlace>> places(store::Session& s, const Location& location,
                                         const std::optional<Visit>& joining = std::nullopt) const;

  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
  const duty::Staff& staff_;
  const Locations& locations_;
};

}  // namespace peel::techbar
