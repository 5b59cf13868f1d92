// The compact graph file: the road network and one contraction hierarchy per profile, laid
// out as flat arrays so that the server memory-maps it at start instead of rebuilding (minutes
// at London scale). Written to a temporary name and renamed, so a reader never sees half a file.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "geo/contraction.h"
#include "geo/profile.h"
#include "geo/road_network.h"
#include "geo/turns.h"

namespace peel::geo {

// A road network with its hierarchies, however it is held (built in memory or mapped).
struct MapView {
  std::span<const FixedPoint> nodes;
  std::span<const Segment> segments;
  std::vector<std::string_view> names;
  TurnView turns;  // the hierarchies' nodes are routing nodes: junctions, then their copies
  std::array<ChView, kProfileCount> hierarchies;
  std::array<SpeedFactors, kProfileCount> factors;

  const ChView& hierarchy(Profile p) const { return hierarchies.at(static_cast<size_t>(p)); }
};

// A network and its hierarchies owned in memory (what an import or `geo synth` builds).
struct BuiltMap {
  RoadNetwork network;
  TurnTable turns;
  std::array<ContractionHierarchy, kProfileCount> hierarchies;
  std::array<SpeedFactors, kProfileCount> factors;

  MapView view() const;
};

// Contracts the network, with its turn restrictions, for both profiles.
BuiltMap build_map(RoadNetwork network, const SpeedFactors& emergency);

Status write_graph_file(const MapView& map, const std::string& path);

// A mapped graph file; the view stays valid while this lives.
class GraphFile {
 public:
  // Checks the header, the sizes and every id in the file, so a damaged file is refused
  // rather than read out of bounds.
  static Result<std::unique_ptr<GraphFile>> open(const std::string& path);
  ~GraphFile();
  GraphFile(const GraphFile&) = delete;
  GraphFile& operator=(const GraphFile&) = delete;

  const MapView& view() const { return view_; }

 private:
  GraphFile() = default;
  void* data_ = nullptr;
  size_t size_ = 0;
  MapView view_;
};

}  // namespace peel::geo
