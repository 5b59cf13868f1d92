#include "geo/router.h"

#include <gtest/gtest.h>

#include <random>

#include "geo/profile.h"
#include "geo/synth.h"
#include "reference_dijkstra.h"

namespace peel::geo {
namespace {

// Sums the arc times along a path, failing if a step is not an arc of the graph.
uint32_t path_weight(const std::vector<Arc>& arcs, const std::vector<uint32_t>& nodes) {
  uint32_t total = 0;
  for (size_t i = 1; i < nodes.size(); ++i) {
    uint32_t best = kUnreachable;
    for (const Arc& a : arcs) {
      if (a.from == nodes[i - 1] && a.to == nodes[i]) best = std::min(best, a.weight_ms);
    }
    EXPECT_NE(best, kUnreachable) << "no arc " << nodes[i - 1] << " -> " << nodes[i];
    total += best;
  }
  return total;
}

TEST(Router, RespectsOneWayStreetsOnATinyGraph) {
  // 0 -> 1 -> 2 one way round; 2 -> 0 direct.
  std::vector<Arc> arcs{{0, 1, 10}, {1, 2, 10}, {2, 0, 5}};
  auto ch = contract(3, arcs);
  Router router(ch.view());
  RouterWorkspace ws(3);
  std::vector<Endpoint> from{{0, 0}}, to{{2, 0}};
  auto there = router.route(from, to, ws);
  ASSERT_TRUE(there);
  EXPECT_EQ(there->weight_ms, 20U);
  EXPECT_EQ(there->nodes, (std::vector<uint32_t>{0, 1, 2}));
  auto back = router.route(to, from, ws);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->weight_ms, 5U);
}

TEST(Router, SaysWhenNothingConnects) {
  std::vector<Arc> arcs{{0, 1, 10}};
  auto ch = contract(3, arcs);
  Router router(ch.view());
  RouterWorkspace ws(3);
  std::vector<Endpoint> from{{0, 0}}, to{{2, 0}};
  EXPECT_FALSE(router.route(from, to, ws));
  std::vector<std::vector<Endpoint>> sources{{{0, 0}}, {{1, 0}}};
  std::vector<Endpoint> target{{1, 0}};
  EXPECT_EQ(router.many_to_one(sources, target, ws), (std::vector<uint32_t>{10, 0}));
}

TEST(Router, OffsetsCountTowardsTheTime) {
  std::vector<Arc> arcs{{0, 1, 100}, {1, 0, 100}};
  auto ch = contract(2, arcs);
  Router router(ch.view());
  RouterWorkspace ws(2);
  // From a point 30 ms along the road from 0: 70 ms to node 1, or 30 ms back to node 0.
  std::vector<Endpoint> from{{0, 30}, {1, 70}}, to{{0, 0}};
  EXPECT_EQ(router.route(from, to, ws)->weight_ms, 30U);
}

class RouterOnSynthTown : public ::testing::TestWithParam<Profile> {};

TEST_P(RouterOnSynthTown, MatchesDijkstraForRandomPairsAndManyToOne) {
  SynthOptions options;
  options.junctions = 3'000;
  options.seed = 7;
  const SynthTown town = synthesize(options);
  const auto n = static_cast<uint32_t>(town.network.nodes.size());
  const auto arcs =
      arcs_of(town.network, GetParam() == Profile::kNormal ? SpeedFactors::normal()
                                                           : SpeedFactors::emergency_defaults());
  const auto ch = contract(n, arcs, locality_keys(town.network));
  Router router(ch.view());
  RouterWorkspace ws(n);
  std::mt19937 random(11);
  std::uniform_int_distribution<uint32_t> any(0, n - 1);
  for (int pair = 0; pair < 40; ++pair) {
    const uint32_t s = any(random);
    const auto reference = testing::dijkstra(n, arcs, s);
    for (int k = 0; k < 10; ++k) {
      const uint32_t t = any(random);
      std::vector<Endpoint> from{{s, 0}}, to{{t, 0}};
      auto path = router.route(from, to, ws);
      if (reference[t] == kUnreachable) {
        EXPECT_FALSE(path);
        continue;
      }
      ASSERT_TRUE(path) << s << " -> " << t;
      EXPECT_EQ(path->weight_ms, reference[t]);
      EXPECT_EQ(path->nodes.front(), s);
      EXPECT_EQ(path->nodes.back(), t);
      if (k == 0) {
        EXPECT_EQ(path_weight(arcs, path->nodes), reference[t]);
      }
    }
  }
  // Many sources to one target: the times equal a Dijkstra from each source.
  const uint32_t target = any(random);
  std::vector<std::vector<Endpoint>> sources;
  for (int i = 0; i < 60; ++i) sources.push_back({{any(random), 0}});
  std::vector<Endpoint> to{{target, 0}};
  const auto times = router.many_to_one(sources, to, ws);
  for (size_t i = 0; i < sources.size(); ++i) {
    EXPECT_EQ(times[i], testing::dijkstra(n, arcs, sources[i][0].node)[target]) << i;
  }
  // The same sweep gives the paths of the fastest ten, each a real walk of that weight.
  constexpr size_t kFastest = 10;
  SourceEnds flat;
  for (const auto& ends : sources) flat.add(ends);
  const auto swept = router.many_to_one_with_paths(flat, to, kFastest, ws);
  EXPECT_EQ(swept.times, times);
  std::vector<uint32_t> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  size_t with_path = 0;
  for (size_t i = 0; i < sources.size(); ++i) {
    const auto& path = swept.paths.at(i);
    const bool among_fastest = times[i] != kUnreachable && times[i] <= sorted[kFastest - 1];
    ASSERT_EQ(path.has_value(), among_fastest) << i;
    if (!path) continue;
    ++with_path;
    EXPECT_EQ(path->weight_ms, times[i]);
    EXPECT_EQ(path->nodes.front(), sources[i][0].node);
    EXPECT_EQ(path->nodes.back(), target);
    EXPECT_EQ(path_weight(arcs, path->nodes), times[i]) << i;
  }
  EXPECT_GE(with_path, kFastest);
}

INSTANTIATE_TEST_SUITE_P(Profiles, RouterOnSynthTown,
                         ::testing::Values(Profile::kNormal, Profile::kEmergency));

}  // namespace
}  // namespace peel::geo
