#include "geo/contraction.h"

#include <algorithm>
#include <functional>
#include <queue>

namespace peel::geo {

namespace {

struct Edge {
  uint32_t other;
  uint32_t weight;
  uint32_t middle;
};

struct Shortcut {
  uint32_t from, to, weight;
};

// Witness searches stop after this many settled nodes: a missed witness only adds a needless
// shortcut, never a wrong distance, and unbounded searches make contraction quadratic.
constexpr int kWitnessSettleLimit = 500;

class Contractor {
 public:
  Contractor(uint32_t node_count, const std::vector<Arc>& arcs, std::span<const uint64_t> key)
      : key_(key),
        out_(node_count),
        in_(node_count),
        contracted_(node_count, false),
        deleted_neighbours_(node_count, 0),
        level_(node_count, 0),
        priority_(node_count, 0),
        distance_(node_count, kUnreachable) {
    for (const Arc& a : arcs) {
      if (a.from != a.to) add_arc(a.from, a.to, a.weight_ms, kNoMiddle);
    }
  }

  ContractionHierarchy run() {
    const auto n = static_cast<uint32_t>(out_.size());
    using Entry = std::pair<int, uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    for (uint32_t v = 0; v < n; ++v) {
      priority_[v] = priority(v);
      queue.emplace(priority_[v], v);
    }
    std::vector<uint32_t> order;
    order.reserve(n);
    std::vector<std::vector<Edge>> up_out(n), up_in(n);
    while (!queue.empty()) {
      const int p = queue.top().first;
      const uint32_t v = queue.top().second;  // a plain variable: lambdas below capture it
      queue.pop();
      if (contracted_[v] || p != priority_[v]) continue;  // stale entry
      for (const Shortcut& s : shortcuts_of(v)) add_arc(s.from, s.to, s.weight, v);
      up_out[v] = std::move(out_[v]);
      up_in[v] = std::move(in_[v]);
      contracted_[v] = true;
      order.push_back(v);
      std::vector<uint32_t> neighbours;
      for (const Edge& e : up_out[v]) {
        std::erase_if(in_[e.other], [v](const Edge& x) { return x.other == v; });
        neighbours.push_back(e.other);
      }
      for (const Edge& e : up_in[v]) {
        std::erase_if(out_[e.other], [v](const Edge& x) { return x.other == v; });
        neighbours.push_back(e.other);
      }
      std::sort(neighbours.begin(), neighbours.end());
      neighbours.erase(std::unique(neighbours.begin(), neighbours.end()), neighbours.end());
      for (uint32_t w : neighbours) {
        ++deleted_neighbours_[w];
        level_[w] = std::max(level_[w], level_[v] + 1);
        priority_[w] = priority(w);
        queue.emplace(priority_[w], w);
      }
    }
    std::reverse(order.begin(), order.end());
    return build(key_.empty() ? order : ranked(order), up_out, up_in);
  }

 private:
  void add_arc(uint32_t from, uint32_t to, uint32_t weight, uint32_t middle) {
    for (Edge& e : out_[from]) {
      if (e.other == to) {
        if (weight < e.weight) {
          e = {to, weight, middle};
          for (Edge& r : in_[to]) {
            if (r.other == from) r = {from, weight, middle};
          }
        }
        return;
      }
    }
    out_[from].push_back({to, weight, middle});
    in_[to].push_back({from, weight, middle});
  }

  int priority(uint32_t v) {
    const auto added = static_cast<int>(shortcuts_of(v).size());
    const auto removed = static_cast<int>(out_[v].size() + in_[v].size());
    return 4 * (added - removed) + 2 * deleted_neighbours_[v] + level_[v];
  }

  // The shortcuts contracting v needs now: u -> v -> w where no other path is as fast.
  std::vector<Shortcut> shortcuts_of(uint32_t v) {
    std::vector<Shortcut> shortcuts;
    for (const Edge& in : in_[v]) {
      uint32_t limit = 0;
      for (const Edge& out : out_[v]) {
        if (out.other != in.other) limit = std::max(limit, in.weight + out.weight);
      }
      if (limit == 0) continue;
      witness_search(in.other, v, limit);
      for (const Edge& out : out_[v]) {
        if (out.other == in.other) continue;
        const uint32_t via = in.weight + out.weight;
        if (distance_[out.other] > via) shortcuts.push_back({in.other, out.other, via});
      }
      reset_distances();
    }
    return shortcuts;
  }

  // Dijkstra from `source` over nodes not yet contracted, avoiding `skip`, up to `limit`.
  void witness_search(uint32_t source, uint32_t skip, uint32_t limit) {
    using Entry = std::pair<uint32_t, uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    set_distance(source, 0);
    heap.emplace(0, source);
    int settled = 0;
    while (!heap.empty() && settled < kWitnessSettleLimit) {
      auto [d, u] = heap.top();
      heap.pop();
      if (d != distance_[u]) continue;
      if (d > limit) break;
      ++settled;
      for (const Edge& e : out_[u]) {
        if (e.other == skip) continue;
        const uint32_t nd = d + e.weight;
        if (nd < distance_[e.other]) {
          set_distance(e.other, nd);
          heap.emplace(nd, e.other);
        }
      }
    }
  }

  void set_distance(uint32_t v, uint32_t d) {
    if (distance_[v] == kUnreachable) touched_.push_back(v);
    distance_[v] = d;
  }

  void reset_distances() {
    for (uint32_t v : touched_) distance_[v] = kUnreachable;
    touched_.clear();
  }

  // Nodes by level, highest first, then by locality key. Every upward arc goes to a higher
  // level, so this order is still a valid hierarchy order.
  std::vector<uint32_t> ranked(std::vector<uint32_t> order) const {
    std::stable_sort(order.begin(), order.end(), [this](uint32_t a, uint32_t b) {
      if (level_[a] != level_[b]) return level_[a] > level_[b];
      return !key_.empty() && key_[a] < key_[b];
    });
    return order;
  }

  // `order` is most important first.
  static ContractionHierarchy build(const std::vector<uint32_t>& order,
                                    const std::vector<std::vector<Edge>>& up_out,
                                    const std::vector<std::vector<Edge>>& up_in) {
    const auto n = static_cast<uint32_t>(order.size());
    ContractionHierarchy ch;
    ch.rank_of.resize(n);
    ch.node_of.resize(n);
    for (uint32_t rank = 0; rank < n; ++rank) {
      ch.node_of[rank] = order[rank];
      ch.rank_of[order[rank]] = rank;
    }
    auto fill = [&](const std::vector<std::vector<Edge>>& lists, std::vector<uint32_t>& first,
                    std::vector<ChArc>& arcs, std::vector<uint32_t>& middles) {
      first.assign(n + 1, 0);
      for (uint32_t rank = 0; rank < n; ++rank) {
        first[rank + 1] = first[rank] + static_cast<uint32_t>(lists[ch.node_of[rank]].size());
      }
      arcs.reserve(first[n]);
      middles.reserve(first[n]);
      for (uint32_t rank = 0; rank < n; ++rank) {
        for (const Edge& e : lists[ch.node_of[rank]]) {
          arcs.push_back({ch.rank_of[e.other], e.weight});
          middles.push_back(e.middle == kNoMiddle ? kNoMiddle : ch.rank_of[e.middle]);
        }
      }
    };
    fill(up_out, ch.up_out_first, ch.up_out, ch.up_out_middle);
    fill(up_in, ch.up_in_first, ch.up_in, ch.up_in_middle);
    return ch;
  }

  std::span<const uint64_t> key_;
  std::vector<std::vector<Edge>> out_, in_;
  std::vector<bool> contracted_;
  std::vector<int> deleted_neighbours_, level_, priority_;
  std::vector<uint32_t> distance_;
  std::vector<uint32_t> touched_;
};

}  // namespace

ContractionHierarchy contract(uint32_t node_count, const std::vector<Arc>& arcs,
                              std::span<const uint64_t> locality_key) {
  return Contractor(node_count, arcs, locality_key).run();
}

}  // namespace peel::geo
