// Peel's travel times against an independent reference: pgRouting's Dijkstra in a real
// PostgreSQL server (scripts/with-postgres), on the same arcs and weights. A few hundred random
// pairs and one many-to-one query, on the real Monaco and central London extracts (when
// ../shared/data is here) and on a synthetic town (always), must agree to within 0.1%.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>

#include "geo/osm_import.h"
#include "geo/profile.h"
#include "geo/router.h"
#include "geo/synth.h"
#include "geo/turns.h"
#include "support/pgrouting_reference.h"
#include "support/test_store.h"

namespace peel::geo {
namespace {

constexpr double kTolerance = 0.001;
constexpr size_t kPairs = 300;

struct Reference {
  std::map<testing::NodePair, double> pairs;
  std::vector<double> to_target;
};

Result<Reference> ask_pgrouting(store::Store& store, const std::vector<Arc>& arcs,
                                const std::vector<testing::NodePair>& pairs,
                                const std::vector<uint32_t>& sources, uint32_t target) {
  return store::in_transaction<Reference>(
      store, store::Access::kWrite, [&](store::Session& s) -> Result<Reference> {
        if (auto ok = testing::use_pgrouting(s); !ok.ok()) return std::move(ok).error();
        if (auto ok = testing::load_arcs(s, arcs); !ok.ok()) return std::move(ok).error();
        auto by_pair = testing::pair_costs(s, pairs);
        if (!by_pair.ok()) return std::move(by_pair).error();
        auto to_target = testing::many_to_one_costs(s, sources, target);
        if (!to_target.ok()) return std::move(to_target).error();
        return Reference{std::move(*by_pair), std::move(*to_target)};
      });
}

void expect_same_as_pgrouting(const RoadNetwork& network, const std::string& what) {
  testing::TestStore db("postgres");
  if (!db.skip_reason.empty()) GTEST_SKIP() << db.skip_reason;
  // The routing graph as the server builds it, turn restrictions included.
  const TurnTable table = turn_table(network);
  const TurnView turns = table.view();
  const auto arcs = routing_arcs(network, SpeedFactors::normal(), turns);
  const auto ch = contract(turns.node_count(), arcs, routing_keys(network, turns));
  const Router router(ch.view());
  RouterWorkspace ws(turns.node_count());

  std::mt19937 random(2026);
  std::uniform_int_distribution<uint32_t> pick(0, turns.node_count() - 1);
  std::vector<testing::NodePair> pairs;
  for (size_t i = 0; i < kPairs; ++i) pairs.emplace_back(pick(random), pick(random));
  // One many-to-one query: every pair's source to the first pair's target.
  std::vector<uint32_t> sources;
  for (const auto& p : pairs) sources.push_back(p.first);
  const uint32_t target = pairs.front().second;

  auto reference = ask_pgrouting(db.store(), arcs, pairs, sources, target);
  ASSERT_TRUE(reference.ok()) << reference.error().message;

  size_t connected = 0;
  auto check = [&](uint32_t from, uint32_t to, uint32_t ours, double theirs) {
    if (from == to) {
      EXPECT_EQ(ours, 0U);
      return;
    }
    if (theirs == kUnreachable) {
      EXPECT_EQ(ours, kUnreachable) << what << ": " << from << " -> " << to;
      return;
    }
    ++connected;
    ASSERT_NE(ours, kUnreachable) << what << ": " << from << " -> " << to;
    EXPECT_LE(std::abs(ours - theirs), kTolerance * theirs)
        << what << ": " << from << " -> " << to << " peel " << ours << " ms, pgRouting " << theirs
        << " ms";
  };
  for (const auto& [from, to] : pairs) {
    const std::vector<Endpoint> a{{from, 0}}, b{{to, 0}};
    const auto path = router.route(a, b, ws);
    // pgRouting leaves out pairs with no path.
    const auto it = reference->pairs.find({from, to});
    check(from, to, path ? path->weight_ms : kUnreachable,
          it == reference->pairs.end() ? kUnreachable : it->second);
  }
  std::vector<std::vector<Endpoint>> units;
  for (uint32_t s : sources) units.push_back({{s, 0}});
  const std::vector<Endpoint> incident{{target, 0}};
  const auto times = router.many_to_one(units, incident, ws);
  for (size_t i = 0; i < sources.size(); ++i)
    check(sources[i], target, times[i], reference->to_target[i]);
  // The comparison means something only if most random pairs are connected.
  EXPECT_GT(connected, kPairs) << what;
}

TEST(PgRouting, SameTravelTimesOnASyntheticTown) {
  SynthOptions options;
  options.junctions = 4'000;
  options.seed = 5;
  expect_same_as_pgrouting(synthesize(options).network, "synthetic town");
}

TEST(PgRouting, SameTravelTimesOnMonaco) {
  const std::filesystem::path monaco =
      std::filesystem::path(PEEL_SOURCE_DIR) / "../shared/data/geo/monaco.osm.pbf";
  if (!std::filesystem::exists(monaco)) GTEST_SKIP() << "no " << monaco << " here";
  auto imported = import_osm(monaco.string());
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  expect_same_as_pgrouting(imported->network, "Monaco");
}

// Central London (the City and Holborn): one-way streets, dual carriageways and 79 banned turns,
// which the routing graph and pgRouting's arcs both carry (turn copies).
TEST(PgRouting, SameTravelTimesOnCentralLondon) {
  const std::filesystem::path london =
      std::filesystem::path(PEEL_SOURCE_DIR) / "../shared/data/geo/london-central-2020-07.osm.pbf";
  if (!std::filesystem::exists(london)) GTEST_SKIP() << "no " << london << " here";
  auto imported = import_osm(london.string());
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  ASSERT_FALSE(imported->network.banned_turns.empty()) << "the extract's turn restrictions";
  expect_same_as_pgrouting(imported->network, "central London");
}

}  // namespace
}  // namespace peel::geo
