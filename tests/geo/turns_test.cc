#include "geo/turns.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <queue>
#include <random>

#include "geo/router.h"
#include "geo/synth.h"

namespace peel::geo {
namespace {

// West (0) - centre (1) - east (3), north (2) above the centre, and a road from east to north.
RoadNetwork crossroads() {
  RoadNetwork net;
  for (int i = 0; i < 4; ++i) net.nodes.push_back(FixedPoint::of({51.5 + i * 0.001, -0.1}));
  auto road = [&](uint32_t a, uint32_t b) {
    Segment s;
    s.from = a;
    s.to = b;
    s.meters = 100;
    s.speed_kmh = 36;  // 10 s per road
    net.segments.push_back(s);
  };
  road(0, 1);
  road(1, 2);
  road(1, 3);
  road(3, 2);
  return net;
}

// The routing graph of a network with its restrictions, contracted, answering junction to
// junction (any arrival at the end counts).
class TurnRouter {
 public:
  explicit TurnRouter(const RoadNetwork& net)
      : table_(turn_table(net)),
        turns_(table_.view()),
        ch_(contract(turns_.node_count(), routing_arcs(net, SpeedFactors::normal(), turns_))),
        ws_(turns_.node_count()) {}

  uint32_t fastest_ms(uint32_t from, uint32_t to) {
    const std::vector<Endpoint> start{{from, 0}};
    std::vector<uint32_t> ends;
    turns_.routing_nodes(to, ends);
    std::vector<Endpoint> end;
    for (uint32_t node : ends) end.push_back({node, 0});
    const auto path = Router(ch_.view()).route(start, end, ws_);
    return path ? path->weight_ms : kUnreachable;
  }

 private:
  TurnTable table_;
  TurnView turns_;
  ContractionHierarchy ch_;
  RouterWorkspace ws_;
};

uint32_t fastest_ms(const RoadNetwork& net, uint32_t from, uint32_t to) {
  return TurnRouter(net).fastest_ms(from, to);
}

TEST(Turns, ABannedTurnIsNotTakenAndOtherTurnsStay) {
  auto net = crossroads();
  EXPECT_EQ(fastest_ms(net, 0, 2), 20'000U);  // west, centre, north
  net.banned_turns.push_back({0, 1, 2});      // no left turn from the west to the north
  EXPECT_EQ(fastest_ms(net, 0, 2), 30'000U);  // round by the east
  EXPECT_EQ(fastest_ms(net, 0, 3), 20'000U);  // straight on is still allowed
  EXPECT_EQ(fastest_ms(net, 1, 2), 10'000U);  // a trip that starts at the junction may turn
  EXPECT_EQ(fastest_ms(net, 0, 1), 10'000U);  // and one that ends there arrives
  EXPECT_EQ(fastest_ms(net, 3, 0), 20'000U);  // the other way through is not restricted
}

TEST(Turns, CopiesOnlyWhereTurnsAreBanned) {
  auto net = crossroads();
  EXPECT_TRUE(turn_table(net).copy_via.empty());
  net.banned_turns.push_back({0, 1, 2});
  net.banned_turns.push_back({0, 1, 2});  // the same restriction twice
  const TurnTable table = turn_table(net);
  EXPECT_EQ(table.banned.size(), 1U);
  EXPECT_EQ(table.copy_via, (std::vector<uint32_t>{1, 1, 1}));  // one per road into the centre
  EXPECT_EQ(table.view().arrival(0, 1), 4U);
  EXPECT_EQ(table.view().arrival(1, 2), 2U);  // the north is not restricted
  EXPECT_EQ(table.view().junction(4), 1U);
}

// A reference that knows nothing of copies: Dijkstra over (junction, came-from) states.
uint32_t turn_aware_dijkstra(const std::vector<std::vector<std::pair<uint32_t, uint32_t>>>& out,
                             const std::vector<BannedTurn>& banned, uint32_t from, uint32_t to) {
  constexpr uint32_t kStart = kUnreachable;
  using State = std::pair<uint32_t, uint32_t>;  // (junction, previous)
  std::map<State, uint32_t> distance{{{from, kStart}, 0}};
  using Entry = std::pair<uint32_t, State>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  heap.push({0, {from, kStart}});
  while (!heap.empty()) {
    const auto [d, state] = heap.top();
    heap.pop();
    if (distance[state] != d) continue;
    const auto [v, previous] = state;
    if (v == to) return d;
    for (const auto& [w, weight] : out[v]) {
      if (previous != kStart &&
          std::binary_search(banned.begin(), banned.end(), BannedTurn{previous, v, w}))
        continue;
      const State next{w, v};
      auto it = distance.find(next);
      if (it == distance.end() || d + weight < it->second) {
        distance[next] = d + weight;
        heap.push({d + weight, next});
      }
    }
  }
  return kUnreachable;
}

TEST(Turns, HierarchyMatchesATurnAwareDijkstraOnASyntheticTown) {
  SynthOptions options;
  options.junctions = 900;
  options.seed = 3;
  SynthTown town = synthesize(options);
  RoadNetwork& net = town.network;
  // Many more restrictions than a real city, so that most trips meet some.
  std::mt19937 random(5);
  const auto plain = arcs_of(net, SpeedFactors::normal());
  for (int i = 0; i < 400; ++i) {
    const Arc& in = plain[random() % plain.size()];
    for (const Arc& out : plain) {
      if (out.from == in.to && out.to != in.from && random() % 2 == 0) {
        net.banned_turns.push_back({in.from, in.to, out.to});
        break;
      }
    }
  }
  const auto n = static_cast<uint32_t>(net.nodes.size());
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> out(n);
  for (const Arc& a : plain) out[a.from].emplace_back(a.to, a.weight_ms);
  std::vector<BannedTurn> banned = net.banned_turns;
  std::sort(banned.begin(), banned.end());
  TurnRouter router(net);
  std::uniform_int_distribution<uint32_t> any(0, n - 1);
  int longer = 0;
  for (int pair = 0; pair < 300; ++pair) {
    const uint32_t s = any(random), t = any(random);
    const uint32_t expected = turn_aware_dijkstra(out, banned, s, t);
    EXPECT_EQ(router.fastest_ms(s, t), expected) << s << " -> " << t;
    if (expected != turn_aware_dijkstra(out, {}, s, t)) ++longer;
  }
  EXPECT_GT(longer, 0) << "no trip met a restriction: the test would not notice them ignored";
}

}  // namespace
}  // namespace peel::geo
