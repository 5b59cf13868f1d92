// Plain Dijkstra over the arcs: the obviously correct reference that the hierarchy must match.
#pragma once

#include <functional>
#include <queue>
#include <vector>

#include "geo/contraction.h"

namespace peel::geo::testing {

inline std::vector<uint32_t> dijkstra(uint32_t node_count, const std::vector<Arc>& arcs,
                                      uint32_t source) {
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> out(node_count);
  for (const Arc& a : arcs) out[a.from].emplace_back(a.to, a.weight_ms);
  std::vector<uint32_t> distance(node_count, kUnreachable);
  using Entry = std::pair<uint32_t, uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  distance[source] = 0;
  heap.emplace(0, source);
  while (!heap.empty()) {
    auto [d, v] = heap.top();
    heap.pop();
    if (d != distance[v]) continue;
    for (auto [w, weight] : out[v]) {
      if (d + weight < distance[w]) {
        distance[w] = d + weight;
        heap.emplace(distance[w], w);
      }
    }
  }
  return distance;
}

}  // namespace peel::geo::testing
