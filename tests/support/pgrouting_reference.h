// pgRouting (PostgreSQL + PostGIS + pgRouting, Debian packages) as the independent reference for
// road travel times: the same arcs and weights go into a table, and pgRouting's Dijkstra answers
// the same questions as Peel's router. Used by the correctness test and the routing benchmark.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "geo/contraction.h"
#include "store/store.h"

namespace peel::testing {

using NodePair = std::pair<uint32_t, uint32_t>;

// Installs pgRouting if needed and puts its helper functions on this transaction's search path.
Status use_pgrouting(store::Session& session);

// Creates table road_arcs (id, source, target, cost) holding `arcs`; vertex ids are node + 1.
Status load_arcs(store::Session& session, const std::vector<geo::Arc>& arcs);

// Milliseconds from each pair's first node to its second; pairs with no path are left out.
Result<std::map<NodePair, double>> pair_costs(store::Session& session,
                                              const std::vector<NodePair>& pairs);

// Milliseconds from each source to `target` (one Dijkstra from the target over reversed arcs,
// the fastest way to ask pgRouting a many-to-one question); kUnreachable where none.
Result<std::vector<double>> many_to_one_costs(store::Session& session,
                                              const std::vector<uint32_t>& sources,
                                              uint32_t target);

}  // namespace peel::testing
