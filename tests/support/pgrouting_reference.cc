#include "support/pgrouting_reference.h"

#include <sstream>

namespace peel::testing {

namespace {

// pgRouting's vertex ids start at 1; ours at 0.
long long vertex(uint32_t node) { return static_cast<long long>(node) + 1; }
uint32_t node(long long vertex) { return static_cast<uint32_t>(vertex - 1); }

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

Status executed(Result<long long> result) {
  if (!result.ok()) return std::move(result).error();
  return {};
}

}  // namespace

Status use_pgrouting(store::Session& session) {
  // Tests run in parallel, each in its own schema of one database, and two concurrent
  // CREATE EXTENSION race on the catalog ("duplicate key ... pg_extension_name_index"): take a
  // lock for the rest of the transaction so that the second one finds the extension there.
  constexpr long long kExtensionLock = 0x7065656c;  // "peel"
  if (auto s = session.query("SELECT pg_advisory_xact_lock($1::bigint)",
                             {std::to_string(kExtensionLock)});
      !s.ok())
    return std::move(s).error();
  if (auto s = executed(
          session.execute("CREATE EXTENSION IF NOT EXISTS pgrouting WITH SCHEMA public CASCADE"));
      !s.ok())
    return s;
  // pgRouting's functions call their helpers by unqualified name.
  auto set = session.query("SELECT set_config('search_path', current_schema() || ',public', true)");
  if (!set.ok()) return std::move(set).error();
  return {};
}

Status load_arcs(store::Session& session, const std::vector<geo::Arc>& arcs) {
  if (auto s = executed(session.execute("CREATE TABLE road_arcs (id BIGINT, source BIGINT, target "
                                        "BIGINT, cost DOUBLE PRECISION)"));
      !s.ok())
    return s;
  std::vector<size_t> ids(arcs.size());
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = i + 1;
  return executed(session.execute(
      "INSERT INTO road_arcs SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], "
      "$4::float8[])",
      {array_literal(ids, [](size_t i) { return i; }),
       array_literal(arcs, [](const geo::Arc& a) { return vertex(a.from); }),
       array_literal(arcs, [](const geo::Arc& a) { return vertex(a.to); }),
       array_literal(arcs, [](const geo::Arc& a) { return a.weight_ms; })}));
}

Result<std::map<NodePair, double>> pair_costs(store::Session& session,
                                              const std::vector<NodePair>& pairs) {
  if (auto s = executed(session.execute("CREATE TEMPORARY TABLE route_pairs (source BIGINT, "
                                        "target BIGINT) ON COMMIT DROP"));
      !s.ok())
    return std::move(s).error();
  if (auto s = executed(session.execute(
          "INSERT INTO route_pairs SELECT * FROM unnest($1::bigint[], $2::bigint[])",
          {array_literal(pairs, [](const NodePair& p) { return vertex(p.first); }),
           array_literal(pairs, [](const NodePair& p) { return vertex(p.second); })}));
      !s.ok())
    return std::move(s).error();
  auto rows = session.query(
      "SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost("
      "'SELECT id, source, target, cost FROM road_arcs', "
      "'SELECT source, target FROM route_pairs', true)");
  if (!rows.ok()) return std::move(rows).error();
  std::map<NodePair, double> costs;
  for (const auto& row : *rows) costs[{node(row.integer(0)), node(row.integer(1))}] = row.real(2);
  return costs;
}

Result<std::vector<double>> many_to_one_costs(store::Session& session,
                                              const std::vector<uint32_t>& sources,
                                              uint32_t target) {
  auto rows = session.query(
      "SELECT end_vid, agg_cost FROM pgr_dijkstraCost("
      "'SELECT id, target AS source, source AS target, cost FROM road_arcs', "
      "$1::bigint, $2::bigint[], true)",
      {vertex(target), array_literal(sources, [](uint32_t s) { return vertex(s); })});
  if (!rows.ok()) return std::move(rows).error();
  std::map<uint32_t, double> reached;
  for (const auto& row : *rows) reached[node(row.integer(0))] = row.real(1);
  std::vector<double> costs;
  costs.reserve(sources.size());
  for (uint32_t s : sources) {
    auto it = reached.find(s);
    costs.push_back(s == target ? 0 : (it == reached.end() ? geo::kUnreachable : it->second));
  }
  return costs;
}

}  // namespace peel::testing
