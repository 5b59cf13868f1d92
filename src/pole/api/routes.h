// The POLE API's parts, each adding its routes, and what they share: reading dates and times,
// and recording access to personal data.
#pragma once

#include <optional>
#include <string>

#include "pole/api/pole_api.h"

namespace peel::pole {

void add_person_routes(http::Router& router, const PoleApiDeps& deps);
void add_record_routes(http::Router& router, const PoleApiDeps& deps);
void add_event_routes(http::Router& router, const PoleApiDeps& deps);
void add_review_routes(http::Router& router, const PoleApiDeps& deps);

// "YYYY-MM-DD", a real day; nullopt when absent.
Result<std::optional<Date>> read_date(const std::optional<std::string>& text, const char* field);
using http::read_time;
// Where the gazetteer places an address given without a point; 422 naming `address` when it
// cannot (or `location` when no map is loaded).
Result<geo::LatLon> place_address(const PoleApiDeps& deps, const std::string& address);
// ?lat=&lon=&radius= (metres, 1..5,000; default 250) when lat is given.
struct NearParams {
  std::optional<geo::LatLon> centre;
  double meters = 250;
};
Result<NearParams> near_params(const http::Context& c);
// ?bbox=south,west,north,east
Result<std::optional<Area>> area_param(const http::Context& c);

}  // namespace peel::pole
