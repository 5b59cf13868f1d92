#include "techbar/visits.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/csv.h"
#include "core/id.h"
#include "core/json_text.h"

namespace peel::techbar {

namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "SELECT id, location_id, staff_number, device_type, symptom, person_id, person_name, state,"
    " checked_in_at, called_at, finished_at, engineer, promised_wait_seconds, booked,"
    " checked_in_by FROM techbar_visits";
// Visits are queued in the order they arrived: by their check-in event's place in the event log
// (`arrival`), which two check-ins in the same millisecond do not share; those who booked first.
constexpr const char* kQueueOrder = " ORDER BY booked DESC, arrival";
// Service times are taken from the visits of the last quarter: the devices and their faults
// change, and an old year's times would hide it.
constexpr auto kServiceWindow = std::chrono::days(92);

Visit visit_from_row(const store::Row& r) {
  Visit v;
  v.id = r.text(0);
  v.facts = {r.text(1), r.text(2), r.text(3), r.text(4)};
  v.person_id = r.text(5);
  v.person_name = r.text(6);
  v.state = r.text(7);
  v.checked_in_at = parse_rfc3339(r.text(8)).value_or(Timestamp{});
  v.called_at = parse_optional_rfc3339(r.optional_text(9));
  v.finished_at = parse_optional_rfc3339(r.optional_text(10));
  v.engineer = r.optional_text(11).value_or("");
  v.promised_wait_seconds = r.real(12);
  v.booked = r.integer(13) != 0;
  v.checked_in_by = r.text(14);
  return v;
}

Result<ServiceTimes> read_service_times(store::Session& s, const std::string& location_id,
                                        Timestamp since) {
  auto rows = s.query(
      "SELECT device_type, called_at, finished_at FROM techbar_visits WHERE state = 'done' AND"
      " finished_at >= $2 AND ($1 = '' OR location_id = $1)",
      {location_id, format_rfc3339(since)});
  if (!rows) return std::move(rows).error();
  ServiceTimes times;
  for (const auto& r : *rows) {
    const auto called = parse_rfc3339(r.text(1)), finished = parse_rfc3339(r.text(2));
    if (!called || !finished) continue;
    times.by_device[r.text(0)].push_back(
        std::chrono::duration<double>(*finished - *called).count());
  }
  return times;
}

}  // namespace

const std::vector<std::string>& device_types() {
  static const std::vector<std::string> types{"laptop",  "tablet",           "phone",
                                              "radio",   "body_worn_camera", "desktop",
                                              "printer", "account_access",   "software"};
  return types;
}

Visits::Visits(store::Store& store, events::EventLog& log, const Clock& clock,
               const duty::Staff& staff, const Locations& locations)
    : store_(store), log_(log), clock_(clock), staff_(staff), locations_(locations) {}

Result<std::vector<QueuePlace>> Visits::places(store::Session& s, const Location& location,
                                               const std::optional<Visit>& joining) const {
  auto times = read_service_times(s, location.id, clock_.now() - kServiceWindow);
  if (!times) return std::move(times).error();
  auto rows =
      s.query(std::string(kColumns) +
                  " WHERE location_id = $1 AND state IN ('waiting', 'at_counter')" + kQueueOrder,
              {location.id});
  if (!rows) return std::move(rows).error();
  QueueState q{.engineers = location.facts.engineers, .serving = 0, .ahead = 0};
  std::vector<Visit> waiting;
  for (const auto& r : *rows) {
    Visit v = visit_from_row(r);
    if (v.state == "at_counter") {
      ++q.serving;
    } else {
      waiting.push_back(std::move(v));
    }
  }
  if (joining) {
    // Behind everyone of its kind: a booking behind the bookings, a walk-in at the end.
    const auto behind = std::find_if(waiting.begin(), waiting.end(),
                                     [&](const Visit& v) { return joining->booked && !v.booked; });
    waiting.insert(behind, *joining);
  }
  std::vector<QueuePlace> out;
  double ahead_seconds = 0;  // the mean service times of those ahead, summed
  for (auto& v : waiting) {
    const double own = times->mean_for(v.facts.device_type);
    // Those ahead take their own kinds' times; with nobody ahead, a departure from the counter
    // is what is waited for, and the visits there are taken to be of this kind.
    const double mean_ahead = q.ahead == 0 ? own : ahead_seconds / q.ahead;
    out.push_back({std::move(v), q.ahead + 1, expected_wait_seconds(q, mean_ahead)});
    ahead_seconds += own;
    ++q.ahead;
  }
  return out;
}

Status check_problem(const std::string& device_type, const std::string& symptom) {
  if (std::find(device_types().begin(), device_types().end(), device_type) == device_types().end())
    return Error::invalid("device_type",
                          "must be laptop, tablet, phone, radio, body_worn_camera, desktop,"
                          " printer, account_access or software");
  if (symptom.empty() || symptom.size() > 500)
    return Error::invalid("symptom", "must say what is wrong, 1 to 500 characters");
  return {};
}

Result<duty::DutyPerson> person_numbered(const duty::Staff& staff, const std::string& number) {
  auto person = staff.by_number(number);
  if (!person && person.error().code == ErrorCode::kNotFound)
    return Error::invalid("staff_number", "is not a warrant or staff number Peel knows");
  return person;
}

Result<QueuePlace> Visits::check_in(const NewCheckIn& c, const auth::Actor& by, bool booked) {
  if (Status s = check_problem(c.device_type, c.symptom); !s) return s.error();
  auto person = person_numbered(staff_, c.staff_number);
  if (!person) return std::move(person).error();
  auto location = locations_.named_in_request(c.location_id);
  if (!location) return std::move(location).error();
  const Timestamp now = clock_.now();
  if (!location->open_at(now))
    return Error::invalid("location_id", fmt::format("{} is closed now: it is open {}",
                                                     location->facts.name, location->hours()));
  const std::string id = new_id(clock_);
  double promised = 0;
  auto event = log_.append(
      {"techbar-visit/" + id, "TechbarCheckedIn", by.id, "",
       json_text(json::object{{"location_id", c.location_id},
                              {"person_id", person->id},
                              {"device_type", c.device_type},
                              {"booked", booked}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        // The promise is this visit's wait at the end of the queue as it stands.
        Visit joining;
        joining.facts = c;
        joining.booked = booked;
        auto line = places(s, *location, joining);
        if (!line) return std::move(line).error();
        for (const auto& p : *line) {
          if (p.visit.id.empty()) promised = p.estimated_wait_seconds;
        }
        auto row = s.execute(
            "INSERT INTO techbar_visits (id, location_id, staff_number, device_type, symptom,"
            " person_id, person_name, state, checked_in_at, promised_wait_seconds, arrival,"
            " booked, checked_in_by)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $9, $10, $11, $12)",
            {id, c.location_id, person->facts.number, c.device_type, c.symptom, person->id,
             person->facts.name, format_rfc3339(e.at), promised, e.sequence, booked ? 1LL : 0LL,
             by.id});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return place_of(id);
}

Result<std::string> Visits::staff_number_named(const std::string& name) const {
  if (trimmed(name).size() < 3) return Error::invalid("name", "must be your full name");
  auto people = staff_.named(name);
  if (!people) return std::move(people).error();
  if (people->empty())
    return Error::invalid("name",
                          "is nobody on the staff register: check in with your warrant or staff"
                          " number");
  if (people->size() > 1)
    return Error::invalid("name", fmt::format("is the name of {} people: check in with your"
                                              " warrant or staff number",
                                              people->size()));
  return people->front().facts.number;
}

Result<std::vector<QueuePlace>> Visits::queue(const std::string& location_id) const {
  auto location = locations_.get(location_id);
  if (!location) return std::move(location).error();
  return store::in_transaction<std::vector<QueuePlace>>(
      store_, store::Access::kRead, [&](store::Session& s) { return places(s, *location); });
}

Result<std::vector<Visit>> Visits::at_counter(const std::string& location_id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(std::string(kColumns) +
                           " WHERE location_id = $1 AND state = 'at_counter' ORDER BY called_at",
                       {location_id});
      });
  if (!rows) return std::move(rows).error();
  std::vector<Visit> out;
  for (const auto& r : *rows) out.push_back(visit_from_row(r));
  return out;
}

Result<std::map<std::string, int>> Visits::waiting_by_location() const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            "SELECT location_id, COUNT(*) FROM techbar_visits WHERE state = 'waiting'"
            " GROUP BY location_id",
            {});
      });
  if (!rows) return std::move(rows).error();
  std::map<std::string, int> out;
  for (const auto& r : *rows) out[r.text(0)] = static_cast<int>(r.integer(1));
  return out;
}

Result<QueuePlace> Visits::place_of(const std::string& visit_id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(std::string(kColumns) + " WHERE id = $1", {visit_id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no Tech Bar visit " + visit_id);
  Visit visit = visit_from_row(rows->front());
  if (visit.state == "waiting") {
    auto waiting = queue(visit.facts.location_id);
    if (!waiting) return std::move(waiting).error();
    for (auto& p : *waiting) {
      if (p.visit.id == visit_id) return std::move(p);
    }
  }
  return QueuePlace{.visit = std::move(visit), .position = 0, .estimated_wait_seconds = 0};
}

Result<Visit> Visits::call_next(const std::string& location_id, const auth::Actor& engineer) {
  std::string called;
  auto event = log_.append(
      {"techbar-location/" + location_id, "TechbarVisitCalled", engineer.id, "", "{}"},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto next =
            s.query(std::string("SELECT id FROM techbar_visits WHERE location_id = $1 AND state ="
                                " 'waiting'") +
                        kQueueOrder + " LIMIT 1",
                    {location_id});
        if (!next) return std::move(next).error();
        if (next->empty()) return Error::not_found("nobody is waiting");
        called = next->front().text(0);
        auto row = s.execute(
            "UPDATE techbar_visits SET state = 'at_counter', called_at = $2, engineer = $3"
            " WHERE id = $1",
            {called, format_rfc3339(e.at), engineer.username});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  auto place = place_of(called);
  if (!place) return std::move(place).error();
  return std::move(place->visit);
}

Result<Visit> Visits::finish(const std::string& visit_id, bool helped,
                             const auth::Actor& engineer) {
  auto event = log_.append(
      {"techbar-visit/" + visit_id, helped ? "TechbarVisitDone" : "TechbarVisitLeft", engineer.id,
       "", "{}"},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto state = s.query("SELECT state FROM techbar_visits WHERE id = $1", {visit_id});
        if (!state) return std::move(state).error();
        if (state->empty()) return Error::not_found("no Tech Bar visit " + visit_id);
        if (state->front().text(0) != "at_counter" &&
            !(state->front().text(0) == "waiting" && !helped))
          return Error::conflict(
              fmt::format("visit {} is {}: only a visit at the counter ends"
                          " helped",
                          visit_id, state->front().text(0)));
        auto row =
            s.execute("UPDATE techbar_visits SET state = $2, finished_at = $3 WHERE id = $1",
                      {visit_id, std::string(helped ? "done" : "left"), format_rfc3339(e.at)});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  auto place = place_of(visit_id);
  if (!place) return std::move(place).error();
  return std::move(place->visit);
}

Result<ServiceTimes> Visits::service_times(const std::string& location_id) const {
  return store::in_transaction<ServiceTimes>(store_, store::Access::kRead, [&](store::Session& s) {
    return read_service_times(s, location_id, clock_.now() - kServiceWindow);
  });
}

}  // namespace peel::techbar
