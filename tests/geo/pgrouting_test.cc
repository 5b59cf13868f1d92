// Peel's travel times against an independent reference: pgRouting's Dijkstra in a real
// PostgreSQL server (scripts/with-postgres), on the same arcs and weights. A few hundred random
// pairs and one many-to-one query, on the real Monaco extract (when ../shared/data is here) and
// on a synthetic town (always), must agree to within 0.1%.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <sstream>

#include "geo/osm_import.h"
#include "geo/profile.h"
#include "geo/router.h"
#include "geo/synth.h"
#include "support/test_store.h"

namespace peel::geo {
namespace {

constexpr double kTolerance = 0.001;
constexpr size_t kPairs = 300;

// "{a,b,c}": a PostgreSQL array literal, sent as one text parameter.
template <typename Range, typename Project>
std::string array_literal(const Range& values, Project project) {
  std::ostringstream out;
  out << '{';
  bool first = true;
  for (const auto& v : values) {
    out << (first ? "" : ",") << project(v);
    first = false;
  }
  out << '}';
  return out.str();
}

// pgRouting's vertex ids start at 1; ours at 0.
long long vertex(uint32_t node) { return static_cast<long long>(node) + 1; }

using Costs = std::map<std::pair<long long, long long>, double>;

Result<Costs> rows_to_costs(const store::Rows& rows) {
  Costs costs;
  for (const auto& row : rows) costs[{row.integer(0), row.integer(1)}] = row.real(2);
  return costs;
}

// Loads `arcs` into a table and asks pgRouting for the cost of each pair.
Result<Costs> pgrouting_costs(store::Store& store, const std::vector<Arc>& arcs,
                              const std::vector<std::pair<uint32_t, uint32_t>>& pairs) {
  return store::in_transaction<Costs>(
      store, store::Access::kWrite, [&](store::Session& s) -> Result<Costs> {
        if (auto r =
                s.execute("CREATE EXTENSION IF NOT EXISTS pgrouting WITH SCHEMA public CASCADE");
            !r.ok())
          return r.error();
        // pgRouting's functions call their helpers by unqualified name.
        if (auto r =
                s.query("SELECT set_config('search_path', current_schema() || ',public', true)");
            !r.ok())
          return r.error();
        if (auto r = s.execute(
                "CREATE TABLE road_arcs (id BIGINT, source BIGINT, target BIGINT, cost DOUBLE "
                "PRECISION)");
            !r.ok())
          return r.error();
        std::vector<size_t> ids(arcs.size());
        for (size_t i = 0; i < ids.size(); ++i) ids[i] = i + 1;
        if (auto r =
                s.execute("INSERT INTO road_arcs SELECT * FROM unnest($1::bigint[], $2::bigint[], "
                          "$3::bigint[], $4::float8[])",
                          {array_literal(ids, [](size_t i) { return i; }),
                           array_literal(arcs, [](const Arc& a) { return vertex(a.from); }),
                           array_literal(arcs, [](const Arc& a) { return vertex(a.to); }),
                           array_literal(arcs, [](const Arc& a) { return a.weight_ms; })});
            !r.ok())
          return r.error();
        if (auto r = s.execute("CREATE TABLE route_pairs (source BIGINT, target BIGINT)"); !r.ok())
          return r.error();
        if (auto r = s.execute(
                "INSERT INTO route_pairs SELECT * FROM unnest($1::bigint[], $2::bigint[])",
                {array_literal(pairs, [](const auto& p) { return vertex(p.first); }),
                 array_literal(pairs, [](const auto& p) { return vertex(p.second); })});
            !r.ok())
          return r.error();
        auto rows = s.query(
            "SELECT start_vid, end_vid, agg_cost FROM public.pgr_dijkstraCost("
            "'SELECT id, source, target, cost FROM road_arcs', "
            "'SELECT source, target FROM route_pairs', true)");
        if (!rows.ok()) return rows.error();
        return rows_to_costs(*rows);
      });
}

void expect_same_as_pgrouting(const RoadNetwork& network, const std::string& backend_note) {
  testing::TestStore db("postgres");
  if (!db.skip_reason.empty()) GTEST_SKIP() << db.skip_reason;
  const auto n = static_cast<uint32_t>(network.nodes.size());
  const auto arcs = arcs_of(network, SpeedFactors::normal());
  const auto ch = contract(n, arcs, locality_keys(network));
  const Router router(ch.view());
  RouterWorkspace ws(n);

  std::mt19937 random(2026);
  std::uniform_int_distribution<uint32_t> pick(0, n - 1);
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (size_t i = 0; i < kPairs; ++i) pairs.emplace_back(pick(random), pick(random));
  // One many-to-one query: every pair's source to the first pair's target.
  const uint32_t target = pairs.front().second;
  for (size_t i = 0; i < kPairs; ++i) pairs.emplace_back(pairs[i].first, target);

  auto reference = pgrouting_costs(db.store(), arcs, pairs);
  ASSERT_TRUE(reference.ok()) << reference.error().message;

  size_t connected = 0;
  auto check = [&](uint32_t from, uint32_t to, uint32_t ours) {
    auto it = reference->find({vertex(from), vertex(to)});
    // pgRouting leaves out unreachable pairs and pairs of a node with itself (cost 0).
    if (from == to) {
      EXPECT_EQ(ours, 0U);
      return;
    }
    if (it == reference->end()) {
      EXPECT_EQ(ours, kUnreachable) << backend_note << ": " << from << " -> " << to;
      return;
    }
    ++connected;
    ASSERT_NE(ours, kUnreachable) << backend_note << ": " << from << " -> " << to;
    EXPECT_LE(std::abs(ours - it->second), kTolerance * it->second)
        << backend_note << ": " << from << " -> " << to << " peel " << ours << " ms, pgRouting "
        << it->second << " ms";
  };
  for (size_t i = 0; i < kPairs; ++i) {
    const auto [from, to] = pairs[i];
    const std::vector<Endpoint> a{{from, 0}}, b{{to, 0}};
    const auto path = router.route(a, b, ws);
    check(from, to, path ? path->weight_ms : kUnreachable);
  }
  std::vector<std::vector<Endpoint>> sources;
  for (size_t i = 0; i < kPairs; ++i) sources.push_back({{pairs[i].first, 0}});
  const std::vector<Endpoint> incident{{target, 0}};
  const auto times = router.many_to_one(sources, incident, ws);
  for (size_t i = 0; i < kPairs; ++i) check(pairs[i].first, target, times[i]);
  // The comparison means something only if most random pairs are connected.
  EXPECT_GT(connected, kPairs) << backend_note;
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

}  // namespace
}  // namespace peel::geo
