#include "pole/markers.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"
#include "pole/locations.h"
#include "pole/register.h"

namespace peel::pole {

namespace json = boost::json;

namespace {

constexpr std::string_view kColumns =
    "SELECT m.id, m.record_id, m.kind, m.note, m.created_at, m.created_by, r.kind";
constexpr std::string_view kFrom = " FROM pole_markers m JOIN pole_records r ON r.id = m.record_id";

Marker marker_from_row(const store::Row& row) {
  Marker m;
  m.id = row.text(0);
  m.facts = {row.text(1), row.text(2), row.text(3)};
  m.created_at = parse_rfc3339(row.text(4)).value_or(Timestamp{});
  m.created_by = row.text(5);
  m.record_kind = row.text(6);
  return m;
}

}  // namespace

const std::vector<std::string>& marker_kinds() {
  static const std::vector<std::string> kinds = {
      "weapons",     "violence",      "self_harm", "vulnerable", "drugs",
      "escape_risk", "mental_health", "dogs",      "firearms",   "contagion"};
  return kinds;
}

Markers::Markers(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<Marker> Markers::add(const NewMarker& m, const auth::Actor& by) {
  if (std::find(marker_kinds().begin(), marker_kinds().end(), m.kind) == marker_kinds().end())
    return Error::invalid("kind",
                          "must be weapons, violence, self_harm, vulnerable, drugs, escape_risk,"
                          " mental_health, dogs, firearms or contagion");
  if (m.note.empty() || m.note.size() > 1000)
    return Error::invalid("note", "must say what to know (1 to 1,000 characters)");
  const std::string id = new_id(clock_);
  const json::object payload{{"record_id", m.record_id}, {"kind", m.kind}, {"note", m.note}};
  auto event = log_.append(
      {"marker/" + id, "MarkerAdded", by.id, "", json_text(payload)},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto on = registered(s, "record_id", m.record_id);
        if (!on) return std::move(on).error();
        if (on->kind != "person" && on->kind != "location")
          return Error::invalid("record_id", "is a " + on->kind +
                                                 "; markers are on people and"
                                                 " locations");
        auto row = s.execute(
            "INSERT INTO pole_markers (id, record_id, kind, note, created_at, created_by)"
            " VALUES ($1, $2, $3, $4, $5, $6)",
            {id, m.record_id, m.kind, m.note, format_rfc3339(e.at), by.id});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  auto made = of({m.record_id});
  if (!made) return std::move(made).error();
  const auto it =
      std::find_if(made->begin(), made->end(), [&](const Marker& x) { return x.id == id; });
  if (it == made->end()) return Error::not_found("no marker " + id);
  return *it;
}

Result<std::vector<Marker>> Markers::of(const std::vector<std::string>& record_ids) const {
  return store::in_transaction<std::vector<Marker>>(
      store_, store::Access::kRead, [&](store::Session& s) -> Result<std::vector<Marker>> {
        std::vector<Marker> out;
        for (const auto& id : record_ids) {
          auto rows = s.query(fmt::format("{}{} WHERE m.record_id = $1", kColumns, kFrom), {id});
          if (!rows) return std::move(rows).error();
          for (const auto& r : *rows) out.push_back(marker_from_row(r));
        }
        std::sort(out.begin(), out.end(),
                  [](const Marker& a, const Marker& b) { return a.created_at < b.created_at; });
        return out;
      });
}

Result<std::vector<MarkerNearby>> Markers::near(geo::LatLon at, double meters) const {
  const Area box = Area::around(at, meters);
  return store::in_transaction<std::vector<MarkerNearby>>(
      store_, store::Access::kRead, [&](store::Session& s) -> Result<std::vector<MarkerNearby>> {
        std::vector<MarkerNearby> out;
        auto places = s.query(
            "SELECT id, address, lat, lon FROM pole_locations WHERE lat BETWEEN $1 AND $2 AND"
            " lon BETWEEN $3 AND $4 LIMIT 200",
            {box.south_west.lat, box.north_east.lat, box.south_west.lon, box.north_east.lon});
        if (!places) return std::move(places).error();
        for (const auto& place : *places) {
          const geo::LatLon where{place.real(2), place.real(3)};
          if (geo::distance_m(at, where) > meters) continue;
          const std::string& address = place.text(1);
          auto own =
              s.query(fmt::format("{}{} WHERE m.record_id = $1", kColumns, kFrom), {place.text(0)});
          if (!own) return std::move(own).error();
          for (const auto& r : *own) out.push_back({marker_from_row(r), address, where});
          // The people who live there (and are not merged into someone else).
          auto residents = s.query(
              fmt::format("{}, p.surname, p.forenames{} JOIN pole_links l ON l.from_id ="
                          " m.record_id AND l.type = 'lives_at' JOIN pole_persons p ON"
                          " p.id = m.record_id WHERE l.to_id = $1 AND r.merged_into IS NULL",
                          kColumns, kFrom),
              {place.text(0)});
          if (!residents) return std::move(residents).error();
          for (const auto& r : *residents) {
            const std::string name = fmt::format("{}, {}", r.text(7), r.text(8));
            out.push_back(
                {marker_from_row(r), fmt::format("{} (lives at {})", name, address), where});
          }
        }
        return out;
      });
}

}  // namespace peel::pole
