// Turn restrictions in the routing graph, by splitting the junctions that have them. A junction
// with a banned turn gets one copy per road arriving at it ("at J, having come from U"); the
// arc U -> J leads to that copy, and the copy has every arc out of J except the banned ones.
// Junctions without restrictions stay single nodes, so a city's graph grows by a few percent,
// and the hierarchy, the router and pgRouting all work on the result unchanged.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "geo/contraction.h"
#include "geo/profile.h"
#include "geo/road_network.h"

namespace peel::geo {

// Routing nodes: the network's junctions 0..junctions-1, then the copies.
struct TurnView {
  uint32_t junctions = 0;
  std::span<const uint32_t> copy_via;   // per copy: the junction it stands for
  std::span<const uint32_t> copy_from;  // per copy: the node the vehicle arrived from
  std::span<const BannedTurn> banned;   // sorted

  uint32_t node_count() const { return junctions + static_cast<uint32_t>(copy_via.size()); }
  // The junction a routing node stands for.
  uint32_t junction(uint32_t node) const {
    return node < junctions ? node : copy_via[node - junctions];
  }
  // Where a vehicle is after driving from `from` to `via`: via's copy for that arrival, or via.
  uint32_t arrival(uint32_t from, uint32_t via) const;
  bool is_banned(uint32_t from, uint32_t via, uint32_t to) const;
  // Every routing node standing for `junction`: a trip may end at any of them.
  void routing_nodes(uint32_t junction, std::vector<uint32_t>& out) const;
  // Every routing node standing for `junction` from which a vehicle may drive on to `next`:
  // the junction itself (a trip that starts there) and each copy whose turn is allowed.
  void departures(uint32_t junction, uint32_t next, std::vector<uint32_t>& out) const;
};

struct TurnTable {
  uint32_t junctions = 0;
  std::vector<uint32_t> copy_via, copy_from;  // ordered by (via, from)
  std::vector<BannedTurn> banned;

  TurnView view() const { return {junctions, copy_via, copy_from, banned}; }
};

// The copies the network's banned turns need.
TurnTable turn_table(const RoadNetwork& network);

// The arcs of the routing graph for a profile: arcs_of() with the restrictions applied.
std::vector<Arc> routing_arcs(const RoadNetwork& network, const SpeedFactors& factors,
                              const TurnView& turns);

// locality_keys() for routing nodes; a copy takes its junction's key.
std::vector<uint64_t> routing_keys(const RoadNetwork& network, const TurnView& turns);

}  // namespace peel::geo
