#include "pole/locations.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <numbers>

#include "core/id.h"
#include "core/json_text.h"
#include "pole/register.h"

namespace peel::pole {

namespace json = boost::json;

namespace {

constexpr std::string_view kColumns =
    "l.id, l.address, l.lat, l.lon, l.details, r.recorded_at, r.mopi_group, r.review_due";
// Rows read from one area at most, before the nearest are kept.
constexpr size_t kCandidates = 20'000;

Location location_from_row(const store::Row& row) {
  Location l;
  l.id = row.text(0);
  l.facts.address = row.text(1);
  l.facts.at = {row.real(2), row.real(3)};
  std::error_code ec;
  const json::value d = json::parse(row.text(4), ec);
  if (!ec && d.is_object()) {
    if (const auto* v = d.as_object().if_contains("description"); v && v->is_string())
      l.facts.description = std::string(v->as_string());
  }
  l.recorded_at = parse_rfc3339(row.text(5)).value_or(Timestamp{});
  l.retention = retention_from(row, 6);
  return l;
}

}  // namespace

Area Area::around(geo::LatLon centre, double meters) {
  constexpr double kMetersPerDegree = 111'320;
  const double dlat = meters / kMetersPerDegree;
  const double dlon =
      meters / (kMetersPerDegree * std::max(0.01, std::cos(centre.lat * std::numbers::pi / 180)));
  return {{centre.lat - dlat, centre.lon - dlon}, {centre.lat + dlat, centre.lon + dlon}};
}

bool Area::holds(geo::LatLon p) const {
  return p.lat >= south_west.lat && p.lat <= north_east.lat && p.lon >= south_west.lon &&
         p.lon <= north_east.lon;
}

Result<NewLocation> validate_location(NewLocation l) {
  while (!l.address.empty() && l.address.back() == ' ') l.address.pop_back();
  if (l.address.empty() || l.address.size() > 300)
    return Error::invalid("address", "must be 1 to 300 characters");
  if (!(l.at.lat >= -90 && l.at.lat <= 90)) return Error::invalid("lat", "must be -90 to 90");
  if (!(l.at.lon >= -180 && l.at.lon <= 180)) return Error::invalid("lon", "must be -180 to 180");
  if (l.description.size() > 4000)
    return Error::invalid("description", "must be at most 4,000 characters");
  return l;
}

Locations::Locations(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<Location> Locations::record(const NewLocation& request, const auth::Actor& by) {
  auto checked = validate_location(request);
  if (!checked) return std::move(checked).error();
  const NewLocation& l = *checked;
  const std::string id = new_id(clock_);
  const json::object details{{"description", l.description}};
  const json::object payload{
      {"address", l.address}, {"lat", l.at.lat}, {"lon", l.at.lon}, {"description", l.description}};
  auto event = log_.append({"location/" + id, "LocationRecorded", by.id, "", json_text(payload)},
                           [&](store::Session& s, const events::Event& e) -> Status {
                             auto row = s.execute(
                                 "INSERT INTO pole_locations (id, address, lat, lon, details)"
                                 " VALUES ($1, $2, $3, $4, $5)",
                                 {id, l.address, l.at.lat, l.at.lon, json_text(details)});
                             if (!row) return std::move(row).error();
                             return register_record(s, id, "location", e.at, kMopiDefaultGroup);
                           });
  if (!event) return std::move(event).error();
  return find(id);
}

Result<Location> Locations::find(const std::string& id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("SELECT {} FROM pole_locations l JOIN pole_records r ON"
                                   " r.id = l.id WHERE l.id = $1",
                                   kColumns),
                       {id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no location " + id);
  return location_from_row(rows->front());
}

Result<std::vector<LocationHit>> Locations::within(const Area& area, size_t limit) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            fmt::format("SELECT {} FROM pole_locations l JOIN pole_records r ON"
                        " r.id = l.id WHERE l.lat BETWEEN $1 AND $2 AND l.lon"
                        " BETWEEN $3 AND $4 LIMIT {}",
                        kColumns, kCandidates),
            {area.south_west.lat, area.north_east.lat, area.south_west.lon, area.north_east.lon});
      });
  if (!rows) return std::move(rows).error();
  const geo::LatLon middle{(area.south_west.lat + area.north_east.lat) / 2,
                           (area.south_west.lon + area.north_east.lon) / 2};
  std::vector<LocationHit> hits;
  for (const auto& row : *rows) {
    Location l = location_from_row(row);
    const double m = geo::distance_m(middle, l.facts.at);
    hits.push_back({std::move(l), m});
  }
  std::sort(hits.begin(), hits.end(),
            [](const auto& a, const auto& b) { return a.meters < b.meters; });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

Result<std::vector<LocationHit>> Locations::near(geo::LatLon centre, double meters,
                                                 size_t limit) const {
  auto hits = within(Area::around(centre, meters), kCandidates);
  if (!hits) return hits;
  std::erase_if(*hits, [&](const LocationHit& h) { return h.meters > meters; });
  if (hits->size() > limit) hits->resize(limit);
  return hits;
}

}  // namespace peel::pole
