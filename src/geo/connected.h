// Which roads can be driven both to and from the rest of the map. An extract cut from a larger
// map has one-way streets that leave it and never come back, fragments (a yard, a road cut by
// the edge) and turns that are banned: a point snapped onto one of those has no route to most
// of the map ("no road route connects these points"). A point is snapped only to roads in the
// largest strongly connected part of the road graph as the router drives it (one-way streets
// and banned turns, in every profile); every route between two places of that part stays in
// it, so no route changes.
#pragma once

#include <vector>

#include "geo/graph_file.h"

namespace peel::geo {

// Per segment: whether a vehicle on it can reach the rest of the map and be reached from it.
std::vector<bool> routable_segments(const MapView& map);

}  // namespace peel::geo
