// The HTTP API of geo under /api/v1/geo: search, reverse, route, travel times, roads in a box,
// and the current map (paths in docs/api.md and the OpenAPI document).
#pragma once

#include <memory>
#include <string>

#include "geo/geo_service.h"
#include "http/http.h"

namespace peel::geo {

// The map as the server holds it: a service, or the reason there is none (no map imported, a
// damaged graph file), which every geo request answers with.
struct LoadedMap {
  std::unique_ptr<GeoService> service;
  Error missing;
};

void add_geo_routes(http::Router& router, const LoadedMap& map);

}  // namespace peel::geo
