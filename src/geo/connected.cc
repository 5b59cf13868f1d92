#include "geo/connected.h"

#include <algorithm>
#include <cstdint>

namespace peel::geo {
namespace {

// Arcs in compressed rows: the heads of node n's arcs are heads[first[n]..first[n+1]).
struct Adjacency {
  std::vector<uint32_t> first, heads;
};

// `arcs(visit)` calls visit(tail, head) for every arc, the same way each time it is called.
template <typename Arcs>
Adjacency adjacency(uint32_t nodes, const Arcs& arcs, bool reversed) {
  Adjacency out;
  out.first.assign(nodes + 1, 0);
  arcs([&](uint32_t tail, uint32_t head) { ++out.first[(reversed ? head : tail) + 1]; });
  for (uint32_t i = 0; i < nodes; ++i) out.first[i + 1] += out.first[i];
  out.heads.resize(out.first[nodes]);
  std::vector<uint32_t> fill(out.first.begin(), out.first.end() - 1);
  arcs([&](uint32_t tail, uint32_t head) {
    if (reversed) std::swap(tail, head);
    out.heads[fill[tail]++] = head;
  });
  return out;
}

// Kosaraju's algorithm, iteratively (a London-sized map is too deep for recursion): nodes in the
// order their depth-first search finishes, then searches on the reversed graph in the reverse of
// that order, each of which finds one component. Per node: in the largest component or not.
template <typename Arcs>
std::vector<bool> in_largest_component(uint32_t n, const Arcs& arcs) {
  std::vector<bool> in(n, false);
  if (n == 0) return in;
  const Adjacency forward = adjacency(n, arcs, false);
  const Adjacency backward = adjacency(n, arcs, true);

  std::vector<uint32_t> finished;
  finished.reserve(n);
  std::vector<bool> seen(n, false);
  std::vector<std::pair<uint32_t, uint32_t>> stack;  // node, next arc to try
  for (uint32_t root = 0; root < n; ++root) {
    if (seen[root]) continue;
    seen[root] = true;
    stack.emplace_back(root, forward.first[root]);
    while (!stack.empty()) {
      const uint32_t node = stack.back().first;
      uint32_t& next = stack.back().second;
      if (next < forward.first[node + 1]) {
        const uint32_t head = forward.heads[next++];
        if (!seen[head]) {
          seen[head] = true;
          stack.emplace_back(head, forward.first[head]);
        }
      } else {
        finished.push_back(node);
        stack.pop_back();
      }
    }
  }

  std::vector<uint32_t> component(n, UINT32_MAX);
  std::vector<uint32_t> sizes;
  std::vector<uint32_t> todo;
  for (auto it = finished.rbegin(); it != finished.rend(); ++it) {
    if (component[*it] != UINT32_MAX) continue;
    const auto id = static_cast<uint32_t>(sizes.size());
    sizes.push_back(0);
    component[*it] = id;
    todo.push_back(*it);
    while (!todo.empty()) {
      const uint32_t node = todo.back();
      todo.pop_back();
      ++sizes[id];
      for (uint32_t a = backward.first[node]; a < backward.first[node + 1]; ++a) {
        const uint32_t head = backward.heads[a];
        if (component[head] == UINT32_MAX) {
          component[head] = id;
          todo.push_back(head);
        }
      }
    }
  }
  const auto largest =
      static_cast<uint32_t>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
  for (uint32_t i = 0; i < n; ++i) in[i] = component[i] == largest;
  return in;
}

// Per routing node (junctions, then their copies for banned turns): in the largest component
// of what the profile's hierarchy drives. The hierarchy's arcs (each original arc kept once,
// plus shortcuts standing for paths) reach exactly what the road graph reaches.
std::vector<bool> reachable_in(const ChView& ch) {
  const uint32_t n = ch.node_count();
  const auto arcs = [&](auto&& visit) {
    for (uint32_t rank = 0; rank < n; ++rank) {
      for (const ChArc& a : ch.out_of(rank)) visit(rank, a.other);
      for (const ChArc& a : ch.in_of(rank)) visit(a.other, rank);
    }
  };
  const std::vector<bool> by_rank = in_largest_component(n, arcs);
  std::vector<bool> by_node(n, false);
  for (uint32_t rank = 0; rank < n; ++rank) by_node[ch.node_of[rank]] = by_rank[rank];
  return by_node;
}

}  // namespace

std::vector<bool> routable_segments(const MapView& map) {
  std::vector<bool> routable(map.segments.size(), true);
  for (const ChView& ch : map.hierarchies) {
    if (ch.node_count() == 0) continue;
    const std::vector<bool> reachable = reachable_in(ch);
    auto leaves_and_arrives = [&](uint32_t from, uint32_t to) {
      return reachable[from] && reachable[map.turns.arrival(from, to)];
    };
    for (size_t i = 0; i < map.segments.size(); ++i) {
      const Segment& s = map.segments[i];
      const bool ok = reachable[s.from] && reachable[s.to] &&
                      (!s.forward || leaves_and_arrives(s.from, s.to)) &&
                      (!s.backward || leaves_and_arrives(s.to, s.from));
      if (!ok) routable[i] = false;
    }
  }
  return routable;
}

}  // namespace peel::geo
