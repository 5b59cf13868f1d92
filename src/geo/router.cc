#include "geo/router.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <queue>

namespace peel::geo {

namespace {

using Entry = std::pair<uint32_t, uint32_t>;  // distance, rank
using MinHeap = std::priority_queue<Entry, std::vector<Entry>, std::greater<>>;

uint32_t add(uint32_t a, uint32_t b) {
  const uint64_t sum = uint64_t{a} + b;
  return sum >= kUnreachable ? kUnreachable : static_cast<uint32_t>(sum);
}

}  // namespace

RouterWorkspace::RouterWorkspace(uint32_t node_count)
    : forward_(node_count, kUnreachable),
      backward_(node_count, kUnreachable),
      forward_parent_(node_count, kNoMiddle),
      forward_middle_(node_count, kNoMiddle),
      backward_parent_(node_count, kNoMiddle),
      backward_middle_(node_count, kNoMiddle),
      selected_((node_count + 63) / 64, 0) {}

void RouterWorkspace::reset() {
  for (uint32_t v : touched_) {
    forward_[v] = backward_[v] = kUnreachable;
    forward_parent_[v] = backward_parent_[v] = kNoMiddle;
  }
  touched_.clear();
}

std::optional<Path> Router::route(std::span<const Endpoint> from, std::span<const Endpoint> to,
                                  RouterWorkspace& ws) const {
  MinHeap forward_heap, backward_heap;
  auto seed = [&](std::span<const Endpoint> ends, std::vector<uint32_t>& distance, MinHeap& heap) {
    for (const Endpoint& e : ends) {
      const uint32_t r = ch_.rank_of[e.node];
      if (e.offset_ms < distance[r]) {
        if (ws.forward_[r] == kUnreachable && ws.backward_[r] == kUnreachable) {
          ws.touched_.push_back(r);
        }
        distance[r] = e.offset_ms;
        heap.emplace(e.offset_ms, r);
      }
    }
  };
  seed(from, ws.forward_, forward_heap);
  seed(to, ws.backward_, backward_heap);

  uint32_t best = kUnreachable;
  uint32_t meet = kNoMiddle;
  // One step of one direction: settle the nearest node, note a meeting, relax its upward arcs.
  auto step = [&](MinHeap& heap, std::vector<uint32_t>& mine, const std::vector<uint32_t>& theirs,
                  std::vector<uint32_t>& parent, std::vector<uint32_t>& middle, bool forward) {
    auto [d, v] = heap.top();
    heap.pop();
    if (d != mine[v]) return;
    if (theirs[v] != kUnreachable && add(d, theirs[v]) < best) {
      best = add(d, theirs[v]);
      meet = v;
    }
    const auto& first = forward ? ch_.up_out_first : ch_.up_in_first;
    const auto& arcs = forward ? ch_.up_out : ch_.up_in;
    const auto& middles = forward ? ch_.up_out_middle : ch_.up_in_middle;
    for (uint32_t i = first[v]; i < first[v + 1]; ++i) {
      const ChArc& a = arcs[i];
      const uint32_t nd = add(d, a.weight_ms);
      if (nd < mine[a.other]) {
        if (ws.forward_[a.other] == kUnreachable && ws.backward_[a.other] == kUnreachable) {
          ws.touched_.push_back(a.other);
        }
        mine[a.other] = nd;
        parent[a.other] = v;
        middle[a.other] = middles[i];
        heap.emplace(nd, a.other);
      }
    }
  };
  while (true) {
    const bool forward_open = !forward_heap.empty() && forward_heap.top().first < best;
    const bool backward_open = !backward_heap.empty() && backward_heap.top().first < best;
    if (!forward_open && !backward_open) break;
    if (forward_open && (!backward_open || forward_heap.top().first <= backward_heap.top().first)) {
      step(forward_heap, ws.forward_, ws.backward_, ws.forward_parent_, ws.forward_middle_, true);
    } else {
      step(backward_heap, ws.backward_, ws.forward_, ws.backward_parent_, ws.backward_middle_,
           false);
    }
  }
  if (meet == kNoMiddle) {
    ws.reset();
    return std::nullopt;
  }

  // Up from the start to the meeting node, then down to the end, unpacking shortcuts.
  std::vector<uint32_t> climb{meet};
  for (uint32_t v = meet; ws.forward_parent_[v] != kNoMiddle; v = ws.forward_parent_[v]) {
    climb.push_back(ws.forward_parent_[v]);
  }
  std::reverse(climb.begin(), climb.end());
  std::vector<uint32_t> ranks{climb.front()};
  for (size_t i = 1; i < climb.size(); ++i) {
    unpack(climb[i - 1], climb[i], ws.forward_middle_[climb[i]], ranks);
  }
  for (uint32_t v = meet; ws.backward_parent_[v] != kNoMiddle; v = ws.backward_parent_[v]) {
    unpack(v, ws.backward_parent_[v], ws.backward_middle_[v], ranks);
  }
  Path path{best, {}};
  path.nodes.reserve(ranks.size());
  for (uint32_t r : ranks) path.nodes.push_back(ch_.node_of[r]);
  ws.reset();
  return path;
}

void Router::unpack(uint32_t from, uint32_t to, uint32_t middle,
                    std::vector<uint32_t>& ranks) const {
  if (middle == kNoMiddle) {
    ranks.push_back(to);
    return;
  }
  // The two halves of a shortcut are arcs of the skipped node, which ranks below both ends.
  // Returns the middle of the fastest arc to `other` in a node's list.
  auto fastest = [](std::span<const uint32_t> first, std::span<const ChArc> arcs,
                    std::span<const uint32_t> middles, uint32_t node, uint32_t other) {
    uint32_t best = kUnreachable;
    uint32_t found = kUnreachable;
    for (uint32_t i = first[node]; i < first[node + 1]; ++i) {
      if (arcs[i].other == other && arcs[i].weight_ms < best) {
        best = arcs[i].weight_ms;
        found = middles[i];
      }
    }
    return std::pair{best != kUnreachable, found};
  };
  auto [has_first, first_middle] =
      fastest(ch_.up_in_first, ch_.up_in, ch_.up_in_middle, middle, from);
  auto [has_second, second_middle] =
      fastest(ch_.up_out_first, ch_.up_out, ch_.up_out_middle, middle, to);
  if (!has_first || !has_second) {  // cannot happen in a hierarchy built by contract()
    ranks.push_back(to);
    return;
  }
  unpack(from, middle, first_middle, ranks);
  unpack(middle, to, second_middle, ranks);
}

std::vector<uint32_t> Router::many_to_one(std::span<const std::vector<Endpoint>> sources,
                                          std::span<const Endpoint> target,
                                          RouterWorkspace& ws) const {
  SourceEnds flat;
  for (const auto& ends : sources) flat.add(ends);
  return many_to_one_with_paths(flat, target, 0, ws).times;
}

Router::ManyToOne Router::many_to_one_with_paths(const SourceEnds& sources,
                                                 std::span<const Endpoint> target, size_t fastest,
                                                 RouterWorkspace& ws) const {
  auto& distance = ws.backward_;
  auto touch = [&](uint32_t r) {
    if (distance[r] == kUnreachable && ws.forward_[r] == kUnreachable) ws.touched_.push_back(r);
  };
  // 1. Every node above the target, with its time down to the target.
  MinHeap heap;
  for (const Endpoint& e : target) {
    const uint32_t r = ch_.rank_of[e.node];
    if (e.offset_ms < distance[r]) {
      touch(r);
      distance[r] = e.offset_ms;
      heap.emplace(e.offset_ms, r);
    }
  }
  while (!heap.empty()) {
    auto [d, v] = heap.top();
    heap.pop();
    if (d != distance[v]) continue;
    for (uint32_t i = ch_.up_in_first[v]; i < ch_.up_in_first[v + 1]; ++i) {
      const ChArc& a = ch_.up_in[i];
      const uint32_t nd = add(d, a.weight_ms);
      if (nd < distance[a.other]) {
        touch(a.other);
        distance[a.other] = nd;
        ws.backward_parent_[a.other] = v;
        ws.backward_middle_[a.other] = ch_.up_in_middle[i];
        heap.emplace(nd, a.other);
      }
    }
  }
  // 2. Select every node the sources can climb to.
  auto& selected = ws.selected_;
  std::vector<uint32_t>& pending = ws.pending_;
  pending.clear();
  uint32_t lowest_word = static_cast<uint32_t>(selected.size());
  uint32_t highest_word = 0;
  auto select = [&](uint32_t r) {
    const uint64_t bit = uint64_t{1} << (r % 64);
    if (selected[r / 64] & bit) return;
    selected[r / 64] |= bit;
    lowest_word = std::min(lowest_word, r / 64);
    highest_word = std::max(highest_word, r / 64);
    __builtin_prefetch(&ch_.up_out_first[r]);
    pending.push_back(r);
  };
  for (const Endpoint& e : sources.ends) select(ch_.rank_of[e.node]);
  // Breadth first, fetching the arcs of nodes a few places ahead: the walk is bound by memory
  // latency, and this keeps several fetches in flight.
  constexpr size_t kAhead = 8;
  for (size_t next = 0; next < pending.size(); ++next) {
    if (next + kAhead < pending.size()) {
      __builtin_prefetch(&ch_.up_out[ch_.up_out_first[pending[next + kAhead]]]);
    }
    for (const ChArc& a : ch_.out_of(pending[next])) select(a.other);
  }
  // 3. Downward sweep: a node's time is its best first climb plus the time from there, and
  //    every node it climbs to is more important, so it was finished earlier in the sweep.
  for (uint32_t word = lowest_word; word <= highest_word && word < selected.size(); ++word) {
    uint64_t bits = selected[word];
    selected[word] = 0;
    while (bits) {
      const uint32_t v = word * 64 + static_cast<uint32_t>(std::countr_zero(bits));
      bits &= bits - 1;
      uint32_t best = distance[v];
      uint32_t climb = kNoMiddle;
      for (uint32_t i = ch_.up_out_first[v]; i < ch_.up_out_first[v + 1]; ++i) {
        const uint32_t through = add(ch_.up_out[i].weight_ms, distance[ch_.up_out[i].other]);
        if (through < best) {
          best = through;
          climb = i;
        }
      }
      if (climb != kNoMiddle) {
        touch(v);
        distance[v] = best;
        ws.forward_parent_[v] = ch_.up_out[climb].other;
        ws.forward_middle_[v] = ch_.up_out_middle[climb];
      }
    }
  }
  ManyToOne out;
  out.times.reserve(sources.size());
  std::vector<uint32_t> start_of;  // the endpoint each source leaves from
  start_of.reserve(sources.size());
  for (size_t i = 0; i < sources.size(); ++i) {
    uint32_t best = kUnreachable;
    uint32_t start = kNoMiddle;
    for (const Endpoint& e : sources[i]) {
      const uint32_t via = add(e.offset_ms, distance[ch_.rank_of[e.node]]);
      if (via < best) {
        best = via;
        start = e.node;
      }
    }
    out.times.push_back(best);
    start_of.push_back(start);
  }
  out.paths.resize(fastest == 0 ? 0 : sources.size());
  if (fastest > 0) {
    std::vector<uint32_t> sorted = out.times;
    const size_t k = std::min(fastest, sorted.size()) - 1;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
    const uint32_t cutoff = sorted[k];
    for (size_t i = 0; i < sources.size(); ++i) {
      if (out.times[i] != kUnreachable && out.times[i] <= cutoff)
        out.paths[i] = swept_path(start_of[i], out.times[i], ws);
    }
  }
  ws.reset();
  return out;
}

Path Router::swept_path(uint32_t node, uint32_t weight_ms, const RouterWorkspace& ws) const {
  uint32_t v = ch_.rank_of[node];
  std::vector<uint32_t> ranks{v};
  for (; ws.forward_parent_[v] != kNoMiddle; v = ws.forward_parent_[v])
    unpack(v, ws.forward_parent_[v], ws.forward_middle_[v], ranks);
  for (; ws.backward_parent_[v] != kNoMiddle; v = ws.backward_parent_[v])
    unpack(v, ws.backward_parent_[v], ws.backward_middle_[v], ranks);
  Path path{weight_ms, {}};
  path.nodes.reserve(ranks.size());
  for (uint32_t r : ranks) path.nodes.push_back(ch_.node_of[r]);
  return path;
}

}  // namespace peel::geo
