// Booking a slot at a Tech Bar instead of walking in. Each site offers one appointment every
// half hour of its opening hours, up to four weeks ahead; the rest of its engineers' time is
// for those who walk in. Someone with a booking checks in at the kiosk as anyone does: from
// half an hour before their slot to an hour after it, the check-in is their arrival, and they
// are called before those who walked in.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "techbar/visits.h"

namespace peel::techbar {

inline constexpr int kSlotMinutes = 30;
inline constexpr auto kBookingHorizon = std::chrono::days(28);
inline constexpr auto kArriveEarly = std::chrono::minutes(30);
inline constexpr auto kArriveLate = std::chrono::minutes(60);

struct NewAppointment {
  std::string location_id;
  std::string staff_number;
  std::string device_type, symptom;  // as at check-in
  Timestamp starts_at;
};

struct Appointment {
  std::string id;
  NewAppointment facts;
  std::string person_name;
  std::string state;     // booked, arrived, cancelled
  std::string visit_id;  // once arrived
  Timestamp booked_at;
  std::string booked_by;  // the account that booked it (a user id): a kiosk's, or the person's
};

struct Slot {
  Timestamp starts_at;
  bool free = true;
};

class Appointments {
 public:
  Appointments(store::Store& store, events::EventLog& log, const Clock& clock,
               const duty::Staff& staff, const Locations& locations, Visits& visits);

  // A site's slots on `day`, free or booked; none on a day it is closed. 404 for no such site.
  Result<std::vector<Slot>> slots(const std::string& location_id, std::chrono::sys_days day) const;
  // 422 naming starts_at (not one of the site's slots, past, or more than four weeks ahead),
  // staff_number, location_id, device_type or symptom; 409 when the slot is taken or the
  // person has a booking at that site already. Nothing is written then.
  Result<Appointment> book(const NewAppointment& appointment, const auth::Actor& by);
  Result<Appointment> get(const std::string& id) const;
  // A site's bookings on `day`, by time (cancelled ones left out).
  Result<std::vector<Appointment>> of_day(const std::string& location_id,
                                          std::chrono::sys_days day) const;
  // 409 unless it is booked (not arrived or cancelled already).
  Result<Appointment> cancel(const std::string& id, const auth::Actor& by);
  // A check-in at a site: the arrival for the person's booking there when its slot is near
  // (booked visits are called first), an ordinary walk-in otherwise.
  Result<QueuePlace> check_in(const NewCheckIn& check_in, const auth::Actor& by);

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
  const duty::Staff& staff_;
  const Locations& locations_;
  Visits& visits_;
};

}  // namespace peel::techbar
