#include "geo/geo_store.h"

namespace peel::geo {

std::vector<store::Migration> migrations() {
  return {{"geo",
           1,
           "create maps and gazetteer",
           {"CREATE TABLE geo_maps (id TEXT PRIMARY KEY, source TEXT NOT NULL,"
            " graph_file TEXT NOT NULL, imported_at_ms BIGINT NOT NULL, nodes BIGINT NOT NULL,"
            " segments BIGINT NOT NULL, places BIGINT NOT NULL, is_current BIGINT NOT NULL)",
            "CREATE TABLE geo_places (map_id TEXT NOT NULL, position BIGINT NOT NULL,"
            " kind TEXT NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL,"
            " housenumber TEXT NOT NULL, street TEXT NOT NULL, lat DOUBLE PRECISION NOT NULL,"
            " lon DOUBLE PRECISION NOT NULL, PRIMARY KEY (map_id, position))"},
           {}}};
}

namespace {

constexpr size_t kRowsPerInsert = 100;  // multi-row inserts: far fewer round trips

Status insert_places(store::Session& session, const std::string& map_id,
                     const std::vector<Place>& places) {
  for (size_t start = 0; start < places.size(); start += kRowsPerInsert) {
    const size_t end = std::min(places.size(), start + kRowsPerInsert);
    std::string sql =
        "INSERT INTO geo_places (map_id, position, kind, name, category, housenumber, street,"
        " lat, lon) VALUES ";
    store::Params params;
    params.reserve((end - start) * 9);
    for (size_t i = start; i < end; ++i) {
      const Place& p = places[i];
      const size_t base = params.size();
      sql += i == start ? "(" : ",(";
      for (size_t k = 1; k <= 9; ++k) sql += "$" + std::to_string(base + k) + (k < 9 ? "," : ")");
      params.insert(params.end(),
                    {map_id, static_cast<long long>(i), place_kind_name(p.kind), p.name, p.category,
                     p.housenumber, p.street, p.at.lat, p.at.lon});
    }
    if (auto r = session.execute(sql, params); !r) return std::move(r).error();
  }
  return {};
}

}  // namespace

Result<std::vector<std::string>> replace_map(store::Store& store, const MapRecord& record,
                                             const std::vector<Place>& places) {
  return store::in_transaction<std::vector<std::string>>(
      store, store::Access::kWrite, [&](store::Session& s) -> Result<std::vector<std::string>> {
        auto old = s.query("SELECT id, graph_file FROM geo_maps");
        if (!old) return std::move(old).error();
        std::vector<std::string> old_files;
        for (const auto& row : *old) {
          if (row.text(1) != record.graph_file) old_files.push_back(row.text(1));
        }
        for (const char* sql : {"DELETE FROM geo_places", "DELETE FROM geo_maps"}) {
          if (auto r = s.execute(sql); !r) return std::move(r).error();
        }
        if (auto r = s.execute(
                "INSERT INTO geo_maps (id, source, graph_file, imported_at_ms, nodes, segments,"
                " places, is_current) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)",
                {record.id, record.source, record.graph_file,
                 static_cast<long long>(record.imported_at.time_since_epoch().count()),
                 record.nodes, record.segments, static_cast<long long>(places.size())});
            !r) {
          return std::move(r).error();
        }
        if (Status st = insert_places(s, record.id, places); !st) return std::move(st).error();
        return old_files;
      });
}

Result<std::optional<MapRecord>> current_map(store::Store& store) {
  return store::in_transaction<std::optional<MapRecord>>(
      store, store::Access::kRead, [](store::Session& s) -> Result<std::optional<MapRecord>> {
        auto rows = s.query(
            "SELECT id, source, graph_file, imported_at_ms, nodes, segments, places FROM geo_maps"
            " WHERE is_current = 1");
        if (!rows) return std::move(rows).error();
        if (rows->empty()) return std::optional<MapRecord>();
        const auto& r = rows->front();
        return std::optional<MapRecord>(MapRecord{
            r.text(0), r.text(1), r.text(2), Timestamp(std::chrono::milliseconds(r.integer(3))),
            r.integer(4), r.integer(5), r.integer(6)});
      });
}

Result<std::vector<Place>> load_places(store::Store& store, const std::string& map_id) {
  return store::in_transaction<std::vector<
      Place>>(store, store::Access::kRead, [&](store::Session& s) -> Result<std::vector<Place>> {
    auto rows = s.query(
        "SELECT kind, name, category, housenumber, street, lat, lon FROM geo_places"
        " WHERE map_id = $1 ORDER BY position",
        {map_id});
    if (!rows) return std::move(rows).error();
    std::vector<Place> places;
    places.reserve(rows->size());
    for (const auto& r : *rows) {
      auto kind = parse_place_kind(r.text(0));
      if (!kind) return std::move(kind).error();
      places.push_back({*kind, r.text(1), r.text(2), r.text(3), r.text(4), {r.real(5), r.real(6)}});
    }
    return places;
  });
}

}  // namespace peel::geo
