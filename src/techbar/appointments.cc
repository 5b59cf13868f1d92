#include "techbar/appointments.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"

namespace peel::techbar {

namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "SELECT id, location_id, starts_at, staff_number, person_name, device_type, symptom, state,"
    " visit_id, booked_at, booked_by FROM techbar_appointments";

Appointment appointment_from_row(const store::Row& r) {
  Appointment a;
  a.id = r.text(0);
  a.facts.location_id = r.text(1);
  a.facts.starts_at = parse_rfc3339(r.text(2)).value_or(Timestamp{});
  a.facts.staff_number = r.text(3);
  a.person_name = r.text(4);
  a.facts.device_type = r.text(5);
  a.facts.symptom = r.text(6);
  a.state = r.text(7);
  a.visit_id = r.optional_text(8).value_or("");
  a.booked_at = parse_rfc3339(r.text(9)).value_or(Timestamp{});
  a.booked_by = r.text(10);
  return a;
}

// The starts of a site's slots on `day`: every half hour that ends by closing time.
std::vector<Timestamp> slot_starts(const Location& site, std::chrono::sys_days day) {
  std::vector<Timestamp> out;
  const int weekday = static_cast<int>(std::chrono::weekday(day).iso_encoding());
  if (!site.facts.days.contains(weekday) || site.facts.engineers == 0) return out;
  for (int m = site.facts.opens; m + kSlotMinutes <= site.facts.closes; m += kSlotMinutes)
    out.push_back(Timestamp(day) + std::chrono::minutes(m));
  return out;
}

Result<std::vector<Appointment>> read_day(store::Session& s, const std::string& location_id,
                                          std::chrono::sys_days day) {
  auto rows = s.query(std::string(kColumns) +
                          " WHERE location_id = $1 AND starts_at >= $2 AND starts_at < $3 AND"
                          " state <> 'cancelled' ORDER BY starts_at",
                      {location_id, format_rfc3339(Timestamp(day)),
                       format_rfc3339(Timestamp(day + std::chrono::days(1)))});
  if (!rows) return std::move(rows).error();
  std::vector<Appointment> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(appointment_from_row(r));
  return out;
}

}  // namespace

Appointments::Appointments(store::Store& store, events::EventLog& log, const Clock& clock,
                           const duty::Staff& staff, const Locations& locations, Visits& visits)
    : store_(store),
      log_(log),
      clock_(clock),
      staff_(staff),
      locations_(locations),
      visits_(visits) {}

Result<std::vector<Slot>> Appointments::slots(const std::string& location_id,
                                              std::chrono::sys_days day) const {
  auto site = locations_.get(location_id);
  if (!site) return std::move(site).error();
  auto booked = store::in_transaction<std::vector<Appointment>>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return read_day(s, location_id, day); });
  if (!booked) return std::move(booked).error();
  std::vector<Slot> out;
  for (const Timestamp start : slot_starts(*site, day)) {
    const bool taken = std::any_of(booked->begin(), booked->end(), [&](const Appointment& a) {
      return a.facts.starts_at == start;
    });
    out.push_back({.starts_at = start, .free = !taken});
  }
  return out;
}

Result<Appointment> Appointments::book(const NewAppointment& a, const auth::Actor& by) {
  if (Status s = check_problem(a.device_type, a.symptom); !s) return s.error();
  auto person = person_numbered(staff_, a.staff_number);
  if (!person) return std::move(person).error();
  auto site = locations_.named_in_request(a.location_id);
  if (!site) return std::move(site).error();
  const Timestamp now = clock_.now();
  const auto day = std::chrono::floor<std::chrono::days>(a.starts_at);
  const auto starts = slot_starts(*site, day);
  if (std::find(starts.begin(), starts.end(), a.starts_at) == starts.end())
    return Error::invalid("starts_at",
                          fmt::format("is not a slot at {}: they start every {} minutes"
                                      " of its hours, {}",
                                      site->facts.name, kSlotMinutes, site->hours()));
  if (a.starts_at <= now) return Error::invalid("starts_at", "has passed");
  if (a.starts_at > now + kBookingHorizon)
    return Error::invalid("starts_at", "is more than four weeks ahead");
  const std::string id = new_id(clock_);
  auto event = log_.append(
      {"techbar-appointment/" + id, "TechbarAppointmentBooked", by.id, "",
       json_text(json::object{{"location_id", a.location_id},
                              {"person_id", person->id},
                              {"starts_at", format_rfc3339(a.starts_at)}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        // The slot, and any booking of the person's there still to come (one not come for
        // within the hour after its slot was missed, and blocks nothing).
        auto taken = s.query(
            "SELECT staff_number, starts_at FROM techbar_appointments WHERE location_id = $1 AND"
            " state <> 'cancelled' AND (starts_at = $2 OR (staff_number = $3 AND"
            " state = 'booked' AND starts_at >= $4))",
            {a.location_id, format_rfc3339(a.starts_at), person->facts.number,
             format_rfc3339(now - kArriveLate)});
        if (!taken) return std::move(taken).error();
        for (const auto& r : *taken) {
          if (r.text(0) == person->facts.number)
            return Error::conflict(
                fmt::format("{} has a booking at {} already, at {}: cancel it to book another",
                            person->facts.number, site->facts.name, r.text(1)));
          return Error::conflict("that slot was booked by someone else: pick another");
        }
        auto row = s.execute(
            "INSERT INTO techbar_appointments (id, location_id, starts_at, staff_number,"
            " person_name, device_type, symptom, state, booked_at, booked_by)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, 'booked', $8, $9)",
            {id, a.location_id, format_rfc3339(a.starts_at), person->facts.number,
             person->facts.name, a.device_type, a.symptom, format_rfc3339(e.at), by.id});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<Appointment> Appointments::get(const std::string& id) const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return s.query(std::string(kColumns) + " WHERE id = $1", {id}); });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no Tech Bar appointment " + id);
  return appointment_from_row(rows->front());
}

Result<std::vector<Appointment>> Appointments::of_day(const std::string& location_id,
                                                      std::chrono::sys_days day) const {
  return store::in_transaction<std::vector<Appointment>>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return read_day(s, location_id, day); });
}

Result<Appointment> Appointments::cancel(const std::string& id, const auth::Actor& by) {
  auto event = log_.append(
      {"techbar-appointment/" + id, "TechbarAppointmentCancelled", by.id, "", "{}"},
      [&](store::Session& s, const events::Event&) -> Status {
        auto state = s.query("SELECT state FROM techbar_appointments WHERE id = $1", {id});
        if (!state) return std::move(state).error();
        if (state->empty()) return Error::not_found("no Tech Bar appointment " + id);
        if (state->front().text(0) != "booked")
          return Error::conflict("appointment " + id + " is " + state->front().text(0) +
                                 ": only a booking is cancelled");
        auto row =
            s.execute("UPDATE techbar_appointments SET state = 'cancelled' WHERE id = $1", {id});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<QueuePlace> Appointments::check_in(const NewCheckIn& c, const auth::Actor& by) {
  const Timestamp now = clock_.now();
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(std::string(kColumns) +
                           " WHERE location_id = $1 AND staff_number = $2 AND state = 'booked'"
                           " AND starts_at >= $3 AND starts_at <= $4 ORDER BY starts_at LIMIT 1",
                       {c.location_id, c.staff_number, format_rfc3339(now - kArriveLate),
                        format_rfc3339(now + kArriveEarly)});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return visits_.check_in(c, by);
  const Appointment booking = appointment_from_row(rows->front());
  auto place = visits_.check_in(c, by, true);
  if (!place) return place;
  // The visit is made; the booking is marked as come for it. Should this fail, the person is
  // in the queue all the same, and the booking is cancelled by the engineer.
  auto event = log_.append(
      {"techbar-appointment/" + booking.id, "TechbarAppointmentArrived", by.id, "",
       json_text(json::object{{"visit_id", place->visit.id}})},
      [&](store::Session& s, const events::Event&) -> Status {
        auto row = s.execute(
            "UPDATE techbar_appointments SET state = 'arrived', visit_id = $2 WHERE id = $1 AND"
            " state = 'booked'",
            {booking.id, place->visit.id});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return place;
}

}  // namespace peel::techbar
