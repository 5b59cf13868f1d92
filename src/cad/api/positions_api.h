// AVL in and out: units (or the gateway in front of them) report positions by HTTP batch
// (POST /api/v1/positions) or as {"positions": [...]} messages on the WebSocket stream; accepted
// fixes go to the live topic "positions" (position_feed.h), which starts each subscriber from
// the latest fix of every unit. Positions are not events in the log.
#pragma once

#include <boost/json/object.hpp>

#include "cad/api/position_feed.h"
#include "cad/api/unit_access.h"
#include "cad/breadcrumbs.h"
#include "cad/cad_service.h"
#include "http/http.h"
#include "http/stream_hub.h"

namespace peel::cad {

// Accepted positions also go to the units' tracks. A batch is refused whole (403) when it holds
// a unit the sender may not report for (unit_access.h).
void add_position_feeds(http::Router& router, http::StreamHub& stream, CadService& cad,
                        Breadcrumbs& tracks, PositionFeed& feed, const CrewRegister& crews);
// {resource_id, lat, lon, at}: one fix as the feed and the API show it.
boost::json::object position_json(const std::string& resource_id, geo::LatLon at, Timestamp time);
// GET /api/v1/resources/{id}/track?from=&to=: where a unit has been (recorded in the access
// log: an officer's whereabouts are personal data).
void add_track_route(http::Router& router, CadService& cad, Breadcrumbs& tracks);

}  // namespace peel::cad
