#include "pole/api/pole_api.h"

#include <fmt/format.h>

#include "pole/api/routes.h"

namespace peel::pole {

void add_pole_routes(http::Router& router, const PoleApiDeps& deps) {
  add_person_routes(router, deps);
  add_record_routes(router, deps);
  add_event_routes(router, deps);
  add_review_routes(router, deps);
}

Result<std::optional<Date>> read_date(const std::optional<std::string>& text, const char* field) {
  if (!text) return std::optional<Date>();
  const auto d = parse_date(*text);
  if (!d || add_years(*d, 0) != *d || d->year < 1880)
    return Error::invalid(field, "must be a date, YYYY-MM-DD");
  return std::optional<Date>(*d);
}

Result<geo::LatLon> place_address(const PoleApiDeps& deps, const std::string& address) {
  if (!deps.map.service)
    return Error::invalid("location", "is required: no map is loaded to place the address");
  const auto at = deps.map.service->place_of(address);
  if (!at) return Error::invalid("address", "is not in the gazetteer; give location {lat, lon}");
  return *at;
}

namespace {

Result<double> number_param(const http::Context& c, const char* name, double min, double max) {
  const std::string& text = c.query.at(name);
  double v = 0;
  int used = 0;
  if (std::sscanf(text.c_str(), "%lf%n", &v, &used) != 1 || used != static_cast<int>(text.size()) ||
      !(v >= min && v <= max))
    return Error::invalid(name, fmt::format("must be a number from {} to {}", min, max));
  return v;
}

}  // namespace

Result<NearParams> near_params(const http::Context& c) {
  NearParams out;
  const bool has_lat = c.query.count("lat"), has_lon = c.query.count("lon");
  if (!has_lat && !has_lon) return out;
  if (!has_lat || !has_lon)
    return Error::invalid(has_lat ? "lon" : "lat", "is needed with the other");
  auto lat = number_param(c, "lat", -90, 90);
  if (!lat) return std::move(lat).error();
  auto lon = number_param(c, "lon", -180, 180);
  if (!lon) return std::move(lon).error();
  out.centre = geo::LatLon{*lat, *lon};
  if (c.query.count("radius")) {
    auto r = number_param(c, "radius", 1, 5'000);
    if (!r) return std::move(r).error();
    out.meters = *r;
  }
  return out;
}

Result<std::optional<Area>> area_param(const http::Context& c) {
  const auto it = c.query.find("bbox");
  if (it == c.query.end()) return std::optional<Area>();
  Area a;
  int used = 0;
  if (std::sscanf(it->second.c_str(), "%lf,%lf,%lf,%lf%n", &a.south_west.lat, &a.south_west.lon,
                  &a.north_east.lat, &a.north_east.lon, &used) != 4 ||
      used != static_cast<int>(it->second.size()) || a.south_west.lat > a.north_east.lat ||
      a.south_west.lon > a.north_east.lon || a.south_west.lat < -90 || a.north_east.lat > 90 ||
      a.south_west.lon < -180 || a.north_east.lon > 180)
    return Error::invalid("bbox", "must be south,west,north,east in degrees");
  if (geo::distance_m(a.south_west, a.north_east) > 50'000)
    return Error::invalid("bbox", "must be at most 50 km corner to corner");
  return std::optional<Area>(a);
}

}  // namespace peel::pole
