// The HTTP API of Command & Control: resources, positions (AVL), incidents, recommendations,
// dispatch and the incident log (paths in docs/api.md and the OpenAPI document).
#pragma once

#include "cad/api/position_feed.h"
#include "cad/api/unit_access.h"
#include "cad/breadcrumbs.h"
#include "cad/cad_service.h"
#include "http/http.h"
#include "http/stream_hub.h"

namespace peel::cad {

// What the Command & Control routes work on.
struct CadParts {
  CadService& live;
  Breadcrumbs& tracks;
  PositionFeed& positions;
  CrewRegister crews;  // who crews which unit (unit_access.h)
};

// Also the live topics and WebSocket messages of positions (positions_api.h).
void add_cad_routes(http::Router& router, http::StreamHub& stream, CadParts cad);

}  // namespace peel::cad
