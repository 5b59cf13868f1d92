// Travel-time queries on a contraction hierarchy: point to point with the path, and many to
// one (every unit to one incident) by a restricted downward sweep (RPHAST, Delling et al.
// 2011): one upward search from the target, then one pass over the nodes the sources can
// climb to, in rank order, instead of one search per source.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "geo/contraction.h"

namespace peel::geo {

// Where a trip starts or ends: a network node and the time already spent (or still to spend)
// between it and the exact point, e.g. the part of a road before the node.
struct Endpoint {
  uint32_t node = 0;
  uint32_t offset_ms = 0;
};

// Many sources' endpoints in one array (no allocation per source): source i has
// ends[first[i]] to ends[first[i + 1]].
struct SourceEnds {
  std::vector<Endpoint> ends;
  std::vector<uint32_t> first{0};
  void add(std::span<const Endpoint> source) {
    ends.insert(ends.end(), source.begin(), source.end());
    close();
  }
  // Ends the source whose endpoints were pushed onto `ends` since the last one.
  void close() { first.push_back(static_cast<uint32_t>(ends.size())); }
  size_t size() const { return first.size() - 1; }
  std::span<const Endpoint> operator[](size_t i) const {
    return {ends.data() + first[i], ends.data() + first[i + 1]};
  }
};

struct Path {
  uint32_t weight_ms = 0;
  std::vector<uint32_t> nodes;  // network nodes from the chosen start to the chosen end
};

// Scratch memory for queries; one per thread, reused across queries (it is sized to the graph).
class RouterWorkspace {
 public:
  explicit RouterWorkspace(uint32_t node_count);

 private:
  friend class Router;
  std::vector<uint32_t> forward_, backward_;  // tentative distances by rank
  // The rank each node was reached from and the middle of that arc (kNoMiddle: a road arc).
  // In a many-to-one sweep, forward_parent_ is instead the node a node climbs to next.
  std::vector<uint32_t> forward_parent_, forward_middle_, backward_parent_, backward_middle_;
  std::vector<uint32_t> touched_;
  std::vector<uint64_t> selected_;  // bitmap by rank for the many-to-one sweep
  std::vector<uint32_t> pending_;   // selected nodes whose arcs are still to follow
  void reset();
};

class Router {
 public:
  explicit Router(ChView ch) : ch_(ch) {}

  // The fastest path from any start to any end (offsets included); nullopt when none connects.
  std::optional<Path> route(std::span<const Endpoint> from, std::span<const Endpoint> to,
                            RouterWorkspace& workspace) const;

  // For each source (a set of endpoints, e.g. both ends of the road a unit is on), the travel
  // time to the target; kUnreachable where there is no path.
  std::vector<uint32_t> many_to_one(std::span<const std::vector<Endpoint>> sources,
                                    std::span<const Endpoint> target,
                                    RouterWorkspace& workspace) const;

  struct ManyToOne {
    std::vector<uint32_t> times;  // as many_to_one()
    // The path of every reachable source at most as far as the `fastest`-th (ties included,
    // so a caller can break them its own way), by source index; nullopt for the others.
    std::vector<std::optional<Path>> paths;
  };
  // The same, with the paths of the fastest sources taken from the same sweep (the ranking of
  // units wants distances for its top few without a search per unit).
  ManyToOne many_to_one_with_paths(const SourceEnds& sources, std::span<const Endpoint> target,
                                   size_t fastest, RouterWorkspace& workspace) const;

 private:
  void unpack(uint32_t from, uint32_t to, uint32_t middle, std::vector<uint32_t>& ranks) const;
  // After a sweep: from a source's node along its chosen climbs, then down the target's tree.
  Path swept_path(uint32_t node, uint32_t weight_ms, const RouterWorkspace& workspace) const;

  ChView ch_;
};

}  // namespace peel::geo
