// Contraction hierarchies (Geisberger et al. 2008): nodes are contracted one by one, least
// important first, adding a shortcut wherever a shortest path ran through the contracted node.
// A query then only ever climbs to more important nodes, so it settles a few hundred nodes on
// a city network instead of all of them. Node ids in a hierarchy are ranks: 0 is the most
// important node, so "upward" arcs point to smaller ids and a sweep in id order goes downward.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace peel::geo {

// A directed arc of the road graph with its travel time for one profile, in milliseconds.
struct Arc {
  uint32_t from = 0;
  uint32_t to = 0;
  uint32_t weight_ms = 0;
};

inline constexpr uint32_t kNoMiddle = std::numeric_limits<uint32_t>::max();
inline constexpr uint32_t kUnreachable = std::numeric_limits<uint32_t>::max();

// An arc of the hierarchy, stored at its less important end. `other` is the more important end.
// All ids are ranks. The node a shortcut skips is kept apart (`up_out_middle`, kNoMiddle for a
// road arc): only path unpacking needs it, and queries are bound by how many arcs fit in cache.
struct ChArc {
  uint32_t other = 0;
  uint32_t weight_ms = 0;
};

// A read-only view, over owned vectors or over a memory-mapped graph file.
struct ChView {
  std::span<const uint32_t> rank_of;        // network node -> rank
  std::span<const uint32_t> node_of;        // rank -> network node
  std::span<const uint32_t> up_out_first;   // rank -> first arc in up_out (size n + 1)
  std::span<const ChArc> up_out;            // arcs v -> other
  std::span<const uint32_t> up_out_middle;  // per arc of up_out
  std::span<const uint32_t> up_in_first;
  std::span<const ChArc> up_in;  // arcs other -> v
  std::span<const uint32_t> up_in_middle;

  uint32_t node_count() const { return static_cast<uint32_t>(node_of.size()); }
  std::span<const ChArc> out_of(uint32_t rank) const {
    return up_out.subspan(up_out_first[rank], up_out_first[rank + 1] - up_out_first[rank]);
  }
  std::span<const ChArc> in_of(uint32_t rank) const {
    return up_in.subspan(up_in_first[rank], up_in_first[rank + 1] - up_in_first[rank]);
  }
};

struct ContractionHierarchy {
  std::vector<uint32_t> rank_of, node_of, up_out_first, up_out_middle, up_in_first, up_in_middle;
  std::vector<ChArc> up_out, up_in;

  ChView view() const {
    return {rank_of,       node_of,     up_out_first, up_out,
            up_out_middle, up_in_first, up_in,        up_in_middle};
  }
};

// Builds the hierarchy of a graph of `node_count` nodes. Parallel arcs keep the fastest; loops
// are dropped. Deterministic: the same input gives the same hierarchy.
// Ranks are numbered by level (a node's level is one above the highest level below it), top
// level first, and within a level by `locality_key` (e.g. a Morton code of the position), so
// that nodes near each other on the map are near each other in memory: many-to-one queries
// touch thousands of nodes and are bound by cache misses, not arithmetic.
ContractionHierarchy contract(uint32_t node_count, const std::vector<Arc>& arcs,
                              std::span<const uint64_t> locality_key = {});

}  // namespace peel::geo
