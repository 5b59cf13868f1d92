#include "techbar/locations.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>

#include "core/id.h"
#include "core/json_text.h"

namespace peel::techbar {

namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "SELECT id, name, address, opens, closes, days, engineers FROM techbar_locations";

std::string days_text(const std::set<int>& days) {
  std::string out;
  for (const int d : days) out += (out.empty() ? "" : ",") + std::to_string(d);
  return out;
}

Location location_from_row(const store::Row& r) {
  Location l;
  l.id = r.text(0);
  l.facts.name = r.text(1);
  l.facts.address = r.text(2);
  l.facts.opens = static_cast<int>(r.integer(3));
  l.facts.closes = static_cast<int>(r.integer(4));
  l.facts.days.clear();
  for (const char c : r.text(5)) {
    if (c >= '1' && c <= '7') l.facts.days.insert(c - '0');
  }
  l.facts.engineers = static_cast<int>(r.integer(6));
  return l;
}

Status validate(const NewLocation& l) {
  if (l.name.empty() || l.name.size() > 100)
    return Error::invalid("name", "must be 1 to 100 characters");
  if (l.address.size() > 300) return Error::invalid("address", "must be at most 300 characters");
  if (l.opens < 0 || l.opens >= 24 * 60) return Error::invalid("opens", "must be 00:00 to 23:59");
  if (l.closes <= l.opens || l.closes > 24 * 60)
    return Error::invalid("closes", "must be after opens, by 24:00");
  if (l.days.empty()) return Error::invalid("days", "must name at least one day");
  if (l.engineers < 0 || l.engineers > 50) return Error::invalid("engineers", "must be 0 to 50");
  return {};
}

}  // namespace

const std::vector<std::string>& day_names() {
  static const std::vector<std::string> names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return names;
}

Result<int> read_clock_time(const std::string& text, const char* field) {
  const bool shaped = text.size() == 5 && text[2] == ':' && std::isdigit(text[0]) &&
                      std::isdigit(text[1]) && std::isdigit(text[3]) && std::isdigit(text[4]);
  const int hours = shaped ? std::stoi(text.substr(0, 2)) : -1;
  const int minutes = shaped ? std::stoi(text.substr(3, 2)) : -1;
  if (!shaped || minutes > 59 || hours > 24 || (hours == 24 && minutes > 0))
    return Error::invalid(field, "must be a time of day, HH:MM (00:00 to 24:00)");
  return hours * 60 + minutes;
}

std::string format_clock_time(int minutes) {
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

bool Location::open_at(Timestamp at) const {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const int weekday = static_cast<int>(std::chrono::weekday(day).iso_encoding());
  const int minute =
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(at - day).count());
  return facts.days.contains(weekday) && minute >= facts.opens && minute < facts.closes &&
         facts.engineers > 0;
}

std::string Location::hours() const {
  std::string days;
  for (const int d : facts.days) {
    std::string name = day_names()[static_cast<size_t>(d - 1)];
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    days += (days.empty() ? "" : " ") + name;
  }
  return fmt::format("{} {}-{} (UTC)", days, format_clock_time(facts.opens),
                     format_clock_time(facts.closes));
}

Locations::Locations(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<Location> Locations::add(const NewLocation& l, const auth::Actor& by) {
  if (Status s = validate(l); !s) return s.error();
  const std::string id = new_id(clock_);
  auto event = log_.append(
      {"techbar-location/" + id, "TechbarLocationAdded", by.id, "",
       json_text(json::object{{"name", l.name}, {"engineers", l.engineers}})},
      [&](store::Session& s, const events::Event&) -> Status {
        auto row = s.execute(
            "INSERT INTO techbar_locations (id, name, address, opens, closes, days, engineers)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {id, l.name, l.address, static_cast<long long>(l.opens),
             static_cast<long long>(l.closes), days_text(l.days),
             static_cast<long long>(l.engineers)});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<Location> Locations::change(const std::string& id, const NewLocation& l,
                                   const auth::Actor& by) {
  if (Status s = validate(l); !s) return s.error();
  auto event = log_.append(
      {"techbar-location/" + id, "TechbarLocationChanged", by.id, "",
       json_text(json::object{{"name", l.name}, {"engineers", l.engineers}})},
      [&](store::Session& s, const events::Event&) -> Status {
        auto row = s.execute(
            "UPDATE techbar_locations SET name = $2, address = $3, opens = $4, closes = $5,"
            " days = $6, engineers = $7 WHERE id = $1",
            {id, l.name, l.address, static_cast<long long>(l.opens),
             static_cast<long long>(l.closes), days_text(l.days),
             static_cast<long long>(l.engineers)});
        if (!row) return std::move(row).error();
        if (*row == 0) return Error::not_found("no Tech Bar " + id);
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<Location> Locations::get(const std::string& id) const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return s.query(std::string(kColumns) + " WHERE id = $1", {id}); });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no Tech Bar " + id);
  return location_from_row(rows->front());
}

Result<Location> Locations::named_in_request(const std::string& id) const {
  auto site = get(id);
  if (!site && site.error().code == ErrorCode::kNotFound)
    return Error::invalid("location_id", "is not a Tech Bar");
  return site;
}

Result<std::vector<Location>> Locations::list() const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return s.query(std::string(kColumns) + " ORDER BY name", {}); });
  if (!rows) return std::move(rows).error();
  std::vector<Location> out;
  for (const auto& r : *rows) out.push_back(location_from_row(r));
  return out;
}

Status Locations::install_shipped(const auth::Actor& by) {
  auto held = list();
  if (!held) return held.error();
  if (!held->empty()) return {};
  for (const auto& site : shipped_locations()) {
    if (auto made = add(site, by); !made) return made.error();
  }
  return {};
}

}  // namespace peel::techbar
