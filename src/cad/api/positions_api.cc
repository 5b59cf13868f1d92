#include "cad/api/positions_api.h"

#include <boost/json.hpp>

#include "cad/payload.h"

namespace peel::cad {

namespace json = boost::json;

namespace {

constexpr size_t kMaxPositionsPerBatch = 10'000;
constexpr size_t kMaxTrackPoints = 10'000;
constexpr auto kMaxTrackSpan = std::chrono::hours(24 * 7);

// {"positions": [{resource_id, lat, lon, at}, ...]}, all checked before any is taken.
Result<std::vector<PositionReport>> read_positions(http::JsonFields& fields) {
  std::vector<PositionReport> reports;
  auto items = fields.object_list("positions", kMaxPositionsPerBatch);
  reports.reserve(items.size());
  for (auto& item : items) {
    PositionReport report;
    report.resource_id = item.string("resource_id", 1, 64);
    report.at = {item.number("lat", -90, 90), item.number("lon", -180, 180)};
    const auto time = parse_rfc3339(item.string("at", 1, 40));
    fields.absorb(item);
    if (!time) {
      return Error::invalid("positions[" + std::to_string(reports.size()) + "].at",
                            "must be an RFC 3339 time");
    }
    report.time = *time;
    reports.push_back(std::move(report));
  }
  if (Status s = fields.finish(); !s) return std::move(s).error();
  return reports;
}

// Into the live state, then to the units' tracks and the live feed.
Result<PositionsTaken> take(CadService& cad, Breadcrumbs& tracks, PositionFeed& feed,
                            const CrewRegister& crews, const auth::Principal& who,
                            const std::vector<PositionReport>& reports) {
  // The gateway and dispatchers send for any unit: no lookups on their (large) batches.
  if (!who.can(auth::permission::kCadDispatch) &&
      !who.can(auth::permission::kCadPositionsAnyUnit)) {
    std::vector<Resource> units;
    units.reserve(reports.size());
    for (const auto& r : reports) {
      auto unit = cad.find_resource(r.resource_id);
      if (!unit) return Error::forbidden("no unit " + r.resource_id + " that you crew");
      units.push_back(std::move(*unit));
    }
    std::vector<const Resource*> of;
    of.reserve(units.size());
    for (const auto& u : units) of.push_back(&u);
    if (Status s = may_act_for(crews, who, of, UnitAction::kPosition); !s) return s.error();
  }
  auto taken = cad.report_positions(reports);
  if (!taken) return taken;
  tracks.offer(reports);
  feed.add(reports);
  return taken;
}

json::object taken_json(const PositionsTaken& taken) {
  return {{"accepted", taken.accepted}, {"arrived", string_array(taken.arrived)}};
}

}  // namespace

json::object position_json(const std::string& resource_id, geo::LatLon at, Timestamp time) {
  return {
      {"resource_id", resource_id}, {"lat", at.lat}, {"lon", at.lon}, {"at", format_rfc3339(time)}};
}

void add_position_feeds(http::Router& router, http::StreamHub& stream, CadService& cad,
                        Breadcrumbs& tracks, PositionFeed& feed, const CrewRegister& crews) {
  namespace perm = auth::permission;
  router.add({"POST", "/api/v1/positions", perm::kCadPositionsReport,
              [&cad, &tracks, &feed, crews](http::Context& c) -> Result<http::Response> {
                auto fields = http::JsonFields::parse(c.request.body);
                if (!fields) return std::move(fields).error();
                auto reports = read_positions(*fields);
                if (!reports) return std::move(reports).error();
                auto taken = take(cad, tracks, feed, crews, *c.principal, *reports);
                if (!taken) return std::move(taken).error();
                return http::json_response(200, taken_json(*taken));
              },
              false, false,
              "AVL: a batch of {resource_id, lat, lon, at} (also as a WebSocket message)",
              http::PersonalData::none()});
  // The same batch as a message on the stream, for units that keep a socket open; the answer
  // (or the error naming the field) comes back on it.
  stream.add_handler({"positions", perm::kCadPositionsReport,
                      [&cad, &tracks, &feed, crews](const auth::Principal& who,
                                                    json::object message) -> json::value {
                        auto fields = http::JsonFields::of(std::move(message));
                        auto reports = read_positions(fields);
                        if (!reports) return http::StreamHub::error_frame(reports.error());
                        auto taken = take(cad, tracks, feed, crews, who, *reports);
                        if (!taken) return http::StreamHub::error_frame(taken.error());
                        json::object reply = taken_json(*taken);
                        reply["type"] = "positions_taken";
                        return reply;
                      }});
  stream.add_live_topic({"positions", perm::kCadRead, [&cad]() -> json::value {
                           json::array latest;
                           for (const auto& r : cad.resources()) {
                             if (r.fix)
                               latest.push_back(position_json(r.id, r.fix->at, r.fix->time));
                           }
                           return json::object{{"positions", std::move(latest)}};
                         }});
}

void add_track_route(http::Router& router, CadService& cad, Breadcrumbs& tracks) {
  router.add({"GET", "/api/v1/resources/{id}/track", auth::permission::kCadRead,
              [&cad, &tracks](http::Context& c) -> Result<http::Response> {
                const auto unit = cad.find_resource(c.path_params.at("id"));
                if (!unit) return Error::not_found("no resource " + c.path_params.at("id"));
                const Timestamp now = tracks.now();
                auto time_param = [&](const char* name, Timestamp fallback) -> Result<Timestamp> {
                  const auto it = c.query.find(name);
                  if (it == c.query.end()) return fallback;
                  auto t = parse_rfc3339(it->second);
                  if (!t) return Error::invalid(name, "must be an RFC 3339 time");
                  return *t;
                };
                auto to = time_param("to", now);
                if (!to) return std::move(to).error();
                auto from = time_param("from", *to - std::chrono::hours(1));
                if (!from) return std::move(from).error();
                if (*from > *to) return Error::invalid("from", "must not be after to");
                if (*to - *from > kMaxTrackSpan)
                  return Error::invalid("to", "at most 7 days after from");
                auto points = tracks.track(unit->id, *from, *to, kMaxTrackPoints);
                if (!points) return std::move(points).error();
                json::array items;
                items.reserve(points->size());
                for (const auto& p : *points) {
                  items.push_back(json::object{
                      {"lat", p.at.lat}, {"lon", p.at.lon}, {"at", format_rfc3339(p.time)}});
                }
                return http::json_response(
                    200, json::object{{"resource_id", unit->id},
                                      {"call_sign", unit->call_sign},
                                      {"from", format_rfc3339(*from)},
                                      {"to", format_rfc3339(*to)},
                                      {"truncated", points->size() == kMaxTrackPoints},
                                      {"items", std::move(items)}});
              },
              false, false,
              "Where a unit has been: its thinned AVL fixes between ?from= and ?to= (RFC 3339; the "
              "last hour by default, at most 7 days)",
              http::PersonalData::usual("command and control", {{"track", "/resource_id"}})});
}

}  // namespace peel::cad
