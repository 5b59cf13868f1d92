// The drivable road network as imported or generated: junctions and shape points (nodes) and
// the road segments between them. Every other geo structure (contraction hierarchies, the
// spatial index, the graph file) is derived from this.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace peel::geo {

// WGS84 degrees.
struct LatLon {
  double lat = 0;
  double lon = 0;
};

// Degrees as integers of 1e-7 degree (about 1 cm): compact and exact to store.
struct FixedPoint {
  int32_t lat_e7 = 0;
  int32_t lon_e7 = 0;

  static FixedPoint of(LatLon p);
  LatLon degrees() const;
};

// Great-circle distance in metres.
double distance_m(LatLon a, LatLon b);
// Along a line of points, to the decimetre.
double length_m(const std::vector<LatLon>& line);

// "51.5034,-0.1276" as the command line and the API take a point; the error names `field`.
Result<LatLon> parse_lat_lon(const std::string& field, std::string_view text);

// The square grid the spatial lookups (roads, addresses) hash points into: about 200 m cells.
inline constexpr double kGridCellDegrees = 0.002;
int64_t grid_cell(LatLon p);

// The OpenStreetMap highway classes Peel routes on, most important first.
enum class RoadClass : uint8_t {
  kMotorway,
  kTrunk,
  kPrimary,
  kSecondary,
  kTertiary,
  kUnclassified,
  kResidential,
  kLivingStreet,
  kService,
};
inline constexpr int kRoadClassCount = 9;

const char* road_class_name(RoadClass road_class);
// "motorway", "primary_link", ...; false for a highway that is not drivable (footway, ...).
bool parse_highway(const std::string& highway, RoadClass& road_class);
// The speed assumed when a road has no usable maxspeed, in km/h (UK urban defaults).
int default_speed_kmh(RoadClass road_class);

struct Segment {
  uint32_t from = 0;
  uint32_t to = 0;
  float meters = 0;
  uint8_t speed_kmh = 0;
  RoadClass road_class = RoadClass::kResidential;
  bool forward = true;   // from -> to is allowed
  bool backward = true;  // to -> from is allowed
  uint32_t name = 0;     // index into RoadNetwork::names; 0 is the empty name
};

// A turn that may not be made (an OpenStreetMap turn restriction): arriving at junction `via`
// from node `from`, driving on to node `to`.
struct BannedTurn {
  uint32_t from = 0;
  uint32_t via = 0;
  uint32_t to = 0;
  bool operator==(const BannedTurn&) const = default;
  bool operator<(const BannedTurn& o) const {
    return std::tie(from, via, to) < std::tie(o.from, o.via, o.to);
  }
};

struct RoadNetwork;
// A Morton (Z-order) code of each node's position: nodes near each other get near codes.
std::vector<uint64_t> locality_keys(const RoadNetwork& network);

struct RoadNetwork {
  std::vector<FixedPoint> nodes;
  std::vector<Segment> segments;
  std::vector<std::string> names{""};
  std::vector<BannedTurn> banned_turns;

  // Adds a name (or finds it) and returns its index.
  uint32_t name_index(const std::string& name);

 private:
  std::unordered_map<std::string, uint32_t> name_lookup_;
};

}  // namespace peel::geo
