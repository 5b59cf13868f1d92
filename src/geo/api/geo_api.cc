#include "geo/api/geo_api.h"

#include <boost/json.hpp>
#include <charconv>

#include "auth/auth.h"

namespace peel::geo {

namespace json = boost::json;

namespace {

constexpr size_t kMaxSources = 10'000;

Result<double> number_param(const http::Context& c, const char* name) {
  const auto it = c.query.find(name);
  if (it == c.query.end()) return Error::invalid(name, "is required");
  double value = 0;
  const auto& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    return Error::invalid(name, "must be a number");
  return value;
}

Result<LatLon> point_param(const http::Context& c, const char* name) {
  const auto it = c.query.find(name);
  if (it == c.query.end()) return Error::invalid(name, "is required, as LAT,LON");
  return parse_lat_lon(name, it->second);
}

Result<Profile> profile_param(const http::Context& c) {
  const auto it = c.query.find("profile");
  return it == c.query.end() ? Result<Profile>(Profile::kNormal) : parse_profile(it->second);
}

Result<LatLon> point_of(const json::value* v, const std::string& field) {
  const json::object* o = v ? v->if_object() : nullptr;
  const json::value* lat = o ? o->if_contains("lat") : nullptr;
  const json::value* lon = o ? o->if_contains("lon") : nullptr;
  if (!lat || !lon || !lat->is_number() || !lon->is_number() || o->size() != 2) {
    return Error::invalid(field, "must be {\"lat\": number, \"lon\": number}");
  }
  LatLon p{lat->to_number<double>(), lon->to_number<double>()};
  if (p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180) {
    return Error::invalid(field, "must be WGS84 degrees (lat -90..90, lon -180..180)");
  }
  return p;
}

json::object place_json(const Place& p) {
  json::object o{
      {"name", p.name}, {"kind", place_kind_name(p.kind)}, {"lat", p.at.lat}, {"lon", p.at.lon}};
  if (!p.category.empty()) o["category"] = p.category;
  if (!p.housenumber.empty()) o["housenumber"] = p.housenumber;
  if (!p.street.empty()) o["street"] = p.street;
  return o;
}

// Wraps a handler so that it runs only when a map is loaded.
http::Handler with_map(
    const LoadedMap& map,
    std::function<Result<http::Response>(const GeoService&, http::Context&)> handler) {
  return [&map, handler = std::move(handler)](http::Context& c) -> Result<http::Response> {
    if (!map.service) return map.missing;
    return handler(*map.service, c);
  };
}

Result<http::Response> search(const GeoService& geo, http::Context& c) {
  const auto q = c.query.find("q");
  if (q == c.query.end() || q->second.empty())
    return Error::invalid("q", "is required: what the caller said");
  if (q->second.size() > 200) return Error::invalid("q", "must be at most 200 characters");
  auto limit = http::limit_param(c, 10, 100);
  if (!limit) return std::move(limit).error();
  json::array items;
  const auto found = geo.search(q->second, static_cast<size_t>(*limit));
  for (const auto& candidate : found) {
    json::object o = place_json(candidate.place);
    o["score"] = candidate.score;
    o["interpolated"] = candidate.interpolated;
    if (!candidate.note.empty()) o["note"] = candidate.note;
    items.push_back(std::move(o));
  }
  // Screens take the first on Enter only when it is clearly the place meant.
  return http::json_response(200, json::object{{"items", std::move(items)},
                                               {"clearly_first", clearly_first(found)},
                                               {"next_cursor", nullptr}});
}

Result<http::Response> reverse(const GeoService& geo, http::Context& c) {
  auto lat = number_param(c, "lat");
  if (!lat) return std::move(lat).error();
  auto lon = number_param(c, "lon");
  if (!lon) return std::move(lon).error();
  auto answer = geo.reverse({*lat, *lon});
  if (!answer) return std::move(answer).error();
  json::object o{{"street", answer->street},
                 {"lat", answer->point.lat},
                 {"lon", answer->point.lon},
                 {"distance_m", answer->distance_m}};
  o["address"] = answer->address ? json::value(place_json(*answer->address)) : json::value(nullptr);
  return http::json_response(200, o);
}

Result<http::Response> route(const GeoService& geo, http::Context& c) {
  auto from = point_param(c, "from");
  if (!from) return std::move(from).error();
  auto to = point_param(c, "to");
  if (!to) return std::move(to).error();
  auto profile = profile_param(c);
  if (!profile) return std::move(profile).error();
  auto answer = geo.route(*from, *to, *profile);
  if (!answer) return std::move(answer).error();
  json::array coordinates;
  for (const auto& p : answer->geometry) coordinates.push_back(json::array{p.lon, p.lat});
  return http::json_response(
      200, json::object{{"meters", answer->meters},
                        {"seconds", answer->seconds},
                        {"profile", profile_name(*profile)},
                        {"geometry", json::object{{"type", "LineString"},
                                                  {"coordinates", std::move(coordinates)}}}});
}

Result<http::Response> travel_times(const GeoService& geo, http::Context& c) {
  std::error_code ec;
  json::value body = json::parse(c.request.body, ec);
  const json::object* o = ec ? nullptr : body.if_object();
  if (!o) return Error::malformed("the body must be a JSON object");
  for (const auto& [key, value] : *o) {
    if (key != "target" && key != "sources" && key != "profile") {
      return Error::invalid(std::string(key), "is not a field of this request");
    }
  }
  auto target = point_of(o->if_contains("target"), "target");
  if (!target) return std::move(target).error();
  const json::array* list = o->contains("sources") ? o->at("sources").if_array() : nullptr;
  if (!list || list->empty() || list->size() > kMaxSources) {
    return Error::invalid("sources",
                          "must be a list of 1 to " + std::to_string(kMaxSources) + " points");
  }
  std::vector<LatLon> sources;
  for (size_t i = 0; i < list->size(); ++i) {
    auto p = point_of(&(*list)[i], "sources[" + std::to_string(i) + "]");
    if (!p) return std::move(p).error();
    sources.push_back(*p);
  }
  Profile profile = Profile::kNormal;
  if (const auto* name = o->if_contains("profile")) {
    auto parsed =
        name->is_string() ? parse_profile(std::string(name->as_string())) : parse_profile("");
    if (!parsed) return std::move(parsed).error();
    profile = *parsed;
  }
  auto times = geo.travel_times(sources, *target, profile);
  if (!times) return std::move(times).error();
  json::array seconds;
  for (const auto& t : *times) seconds.push_back(t ? json::value(*t) : json::value(nullptr));
  return http::json_response(
      200, json::object{{"profile", profile_name(profile)}, {"seconds", std::move(seconds)}});
}

Result<http::Response> roads(const GeoService& geo, http::Context& c) {
  const auto it = c.query.find("bbox");
  double v[4] = {};
  if (it == c.query.end()) return Error::invalid("bbox", "is required: south,west,north,east");
  const char* p = it->second.data();
  const char* end = p + it->second.size();
  for (int i = 0; i < 4; ++i) {
    auto r = std::from_chars(p, end, v[i]);
    if (r.ec != std::errc() || (i < 3 ? (r.ptr == end || *r.ptr != ',') : r.ptr != end)) {
      return Error::invalid("bbox", "must be four numbers: south,west,north,east");
    }
    p = r.ptr + 1;
  }
  auto limit = http::limit_param(c, 5'000, 50'000);
  if (!limit) return std::move(limit).error();
  auto body = geo.roads_geojson({v[0], v[1]}, {v[2], v[3]}, static_cast<size_t>(*limit));
  if (!body) return std::move(body).error();
  return http::Response{200, "application/geo+json", std::move(*body), {}};
}

}  // namespace

void add_geo_routes(http::Router& router, const LoadedMap& map) {
  const char* read = auth::permission::kGeoRead;
  router.add({"GET", "/api/v1/geo/map", read,
              with_map(map,
                       [](const GeoService& geo, http::Context&) -> Result<http::Response> {
                         const auto& r = geo.record();
                         return http::json_response(
                             200, json::object{{"id", r.id},
                                               {"source", r.source},
                                               {"imported_at", format_rfc3339(r.imported_at)},
                                               {"nodes", r.nodes},
                                               {"segments", r.segments},
                                               {"places", r.places}});
                       }),
              true, false, "The current map: where it came from and its size",
              http::PersonalData::none()});
  router.add({"GET", "/api/v1/geo/search", read, with_map(map, search), true, false,
              "Gazetteer search: ?q=what the caller said&limit=; ranked candidates",
              http::PersonalData::none()});
  router.add({"GET", "/api/v1/geo/reverse", read, with_map(map, reverse), true, false,
              "The street and nearest address at ?lat=&lon=", http::PersonalData::none()});
  router.add({"GET", "/api/v1/geo/route", read, with_map(map, route), true, false,
              "Fastest road route ?from=LAT,LON&to=LAT,LON&profile=normal|emergency",
              http::PersonalData::none()});
  router.add({"POST", "/api/v1/geo/travel-times", read, with_map(map, travel_times), true, false,
              "Travel times from many sources to one target (dispatch)",
              http::PersonalData::none()});
  router.add({"GET", "/api/v1/geo/roads", read, with_map(map, roads), true, false,
              "Roads in ?bbox=south,west,north,east as GeoJSON", http::PersonalData::none()});
}

}  // namespace peel::geo
