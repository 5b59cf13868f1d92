// The geo module's tables: which map is current (its graph file, where it came from) and its
// gazetteer. A new map replaces the old in one transaction, so a failed import leaves the
// previous map and gazetteer exactly as they were.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "geo/place.h"
#include "store/migrations.h"
#include "store/store.h"

namespace peel::geo {

std::vector<store::Migration> migrations();

struct MapRecord {
  std::string id;
  std::string source;      // the extract's file name, or "synthetic town (N junctions, seed S)"
  std::string graph_file;  // path of the memory-mapped graph
  Timestamp imported_at;
  long long nodes = 0;
  long long segments = 0;
  long long places = 0;
};

// Makes `record` (whose graph file is already written) the current map with `places` as its
// gazetteer, and returns the graph files of the maps it replaced (to be deleted afterwards).
Result<std::vector<std::string>> replace_map(store::Store& store, const MapRecord& record,
                                             const std::vector<Place>& places);

Result<std::optional<MapRecord>> current_map(store::Store& store);
Result<std::vector<Place>> load_places(store::Store& store, const std::string& map_id);

}  // namespace peel::geo
