#include "geo/turns.h"

#include <algorithm>

namespace peel::geo {

namespace {

// The copies of `via`: positions [first, last) in the copy arrays.
std::pair<uint32_t, uint32_t> copies_of(const TurnView& t, uint32_t via) {
  const auto range = std::equal_range(t.copy_via.begin(), t.copy_via.end(), via);
  return {static_cast<uint32_t>(range.first - t.copy_via.begin()),
          static_cast<uint32_t>(range.second - t.copy_via.begin())};
}

}  // namespace

uint32_t TurnView::arrival(uint32_t from, uint32_t via) const {
  const auto [first, last] = copies_of(*this, via);
  const auto begin = copy_from.begin() + first;
  const auto end = copy_from.begin() + last;
  const auto it = std::lower_bound(begin, end, from);
  if (it == end || *it != from) return via;
  return junctions + static_cast<uint32_t>(it - copy_from.begin());
}

bool TurnView::is_banned(uint32_t from, uint32_t via, uint32_t to) const {
  return std::binary_search(banned.begin(), banned.end(), BannedTurn{from, via, to});
}

void TurnView::routing_nodes(uint32_t junction, std::vector<uint32_t>& out) const {
  out.push_back(junction);
  const auto [first, last] = copies_of(*this, junction);
  for (uint32_t c = first; c < last; ++c) out.push_back(junctions + c);
}

void TurnView::departures(uint32_t junction, uint32_t next, std::vector<uint32_t>& out) const {
  out.push_back(junction);
  const auto [first, last] = copies_of(*this, junction);
  for (uint32_t c = first; c < last; ++c) {
    if (!is_banned(copy_from[c], junction, next)) out.push_back(junctions + c);
  }
}

TurnTable turn_table(const RoadNetwork& network) {
  TurnTable table;
  table.junctions = static_cast<uint32_t>(network.nodes.size());
  table.banned = network.banned_turns;
  std::sort(table.banned.begin(), table.banned.end());
  table.banned.erase(std::unique(table.banned.begin(), table.banned.end()), table.banned.end());
  std::vector<uint32_t> restricted;
  for (const BannedTurn& b : table.banned) restricted.push_back(b.via);
  std::sort(restricted.begin(), restricted.end());
  restricted.erase(std::unique(restricted.begin(), restricted.end()), restricted.end());
  auto is_restricted = [&](uint32_t v) {
    return std::binary_search(restricted.begin(), restricted.end(), v);
  };
  // One copy per road arriving at a restricted junction.
  std::vector<std::pair<uint32_t, uint32_t>> arrivals;  // (via, from)
  for (const Segment& s : network.segments) {
    if (s.forward && is_restricted(s.to)) arrivals.emplace_back(s.to, s.from);
    if (s.backward && is_restricted(s.from)) arrivals.emplace_back(s.from, s.to);
  }
  std::sort(arrivals.begin(), arrivals.end());
  arrivals.erase(std::unique(arrivals.begin(), arrivals.end()), arrivals.end());
  for (const auto& [via, from] : arrivals) {
    table.copy_via.push_back(via);
    table.copy_from.push_back(from);
  }
  return table;
}

std::vector<Arc> routing_arcs(const RoadNetwork& network, const SpeedFactors& factors,
                              const TurnView& turns) {
  std::vector<Arc> plain = arcs_of(network, factors);
  if (turns.copy_via.empty()) return plain;
  std::vector<Arc> arcs;
  arcs.reserve(plain.size() + turns.copy_via.size() * 4);
  std::vector<uint32_t> tails;
  for (const Arc& a : plain) {
    tails.clear();
    turns.departures(a.from, a.to, tails);
    const uint32_t head = turns.arrival(a.from, a.to);
    for (uint32_t tail : tails) arcs.push_back({tail, head, a.weight_ms});
  }
  return arcs;
}

std::vector<uint64_t> routing_keys(const RoadNetwork& network, const TurnView& turns) {
  std::vector<uint64_t> keys = locality_keys(network);
  for (uint32_t via : turns.copy_via) keys.push_back(keys[via]);
  return keys;
}

}  // namespace peel::geo
