#include "cad/api/positions_api.h"

#include <boost/json.hpp>

#include "cad/payload.h"

namespace peel::cad {

namespace json = boost::json;

namespace {

constexpr size_t kMaxPositionsPerBatch = 10'000;

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

json::object position_json(const std::string& resource_id, geo::LatLon at, Timestamp time) {
  return {
      {"resource_id", resource_id}, {"lat", at.lat}, {"lon", at.lon}, {"at", format_rfc3339(time)}};
}

// Into the live state, then out to the subscribers: one frame per batch.
Result<PositionsTaken> take(CadService& cad, http::StreamHub& stream,
                            const std::vector<PositionReport>& reports) {
  auto taken = cad.report_positions(reports);
  if (!taken) return taken;
  json::array out;
  out.reserve(reports.size());
  for (const auto& r : reports) out.push_back(position_json(r.resource_id, r.at, r.time));
  stream.publish_live("positions", json::object{{"positions", std::move(out)}});
  return taken;
}

json::object taken_json(const PositionsTaken& taken) {
  return {{"accepted", taken.accepted}, {"arrived", string_array(taken.arrived)}};
}

}  // namespace

void add_position_feeds(http::Router& router, http::StreamHub& stream, CadService& cad) {
  namespace perm = auth::permission;
  router.add({"POST", "/api/v1/positions", perm::kCadPositionsReport,
              [&cad, &stream](http::Context& c) -> Result<http::Response> {
                auto fields = http::JsonFields::parse(c.request.body);
                if (!fields) return std::move(fields).error();
                auto reports = read_positions(*fields);
                if (!reports) return std::move(reports).error();
                auto taken = take(cad, stream, *reports);
                if (!taken) return std::move(taken).error();
                return http::json_response(200, taken_json(*taken));
              },
              false, false,
              "AVL: a batch of {resource_id, lat, lon, at} (also as a WebSocket message)"});
  // The same batch as a message on the stream, for units that keep a socket open; the answer
  // (or the error naming the field) comes back on it.
  stream.add_handler({"positions", perm::kCadPositionsReport,
                      [&cad, &stream](const auth::Principal&, json::object message) -> json::value {
                        auto fields = http::JsonFields::of(std::move(message));
                        auto reports = read_positions(fields);
                        if (!reports) return http::StreamHub::error_frame(reports.error());
                        auto taken = take(cad, stream, *reports);
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

}  // namespace peel::cad
