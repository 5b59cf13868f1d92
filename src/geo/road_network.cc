#include "geo/road_network.h"

#include <array>
#include <charconv>
#include <cmath>

namespace peel::geo {

FixedPoint FixedPoint::of(LatLon p) {
  return {static_cast<int32_t>(std::lround(p.lat * 1e7)),
          static_cast<int32_t>(std::lround(p.lon * 1e7))};
}

LatLon FixedPoint::degrees() const { return {lat_e7 / 1e7, lon_e7 / 1e7}; }

double distance_m(LatLon a, LatLon b) {
  constexpr double kEarthRadiusM = 6'371'008.8;
  constexpr double kRadians = M_PI / 180.0;
  const double dlat = (b.lat - a.lat) * kRadians;
  const double dlon = (b.lon - a.lon) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRadians) * std::cos(b.lat * kRadians) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

double length_m(const std::vector<LatLon>& line) {
  double meters = 0;
  for (size_t i = 1; i < line.size(); ++i) meters += distance_m(line[i - 1], line[i]);
  return std::round(meters * 10) / 10;
}

Result<LatLon> parse_lat_lon(const std::string& field, std::string_view text) {
  const size_t comma = text.find(',');
  const char* end = text.data() + text.size();
  LatLon p;
  if (comma == std::string_view::npos ||
      std::from_chars(text.data(), text.data() + comma, p.lat).ptr != text.data() + comma ||
      std::from_chars(text.data() + comma + 1, end, p.lon).ptr != end || p.lat < -90 ||
      p.lat > 90 || p.lon < -180 || p.lon > 180) {
    return Error::invalid(field, "must be LAT,LON in WGS84 degrees, e.g. 51.5034,-0.1276");
  }
  return p;
}

int64_t grid_cell(LatLon p) {
  return (static_cast<int64_t>(std::floor(p.lat / kGridCellDegrees)) << 32) ^
         static_cast<int64_t>(std::floor(p.lon / kGridCellDegrees) + (1LL << 31));
}

namespace {

struct ClassInfo {
  const char* name;
  int speed_kmh;
};

constexpr std::array<ClassInfo, kRoadClassCount> kClasses = {{
    {"motorway", 96},
    {"trunk", 72},
    {"primary", 48},
    {"secondary", 48},
    {"tertiary", 40},
    {"unclassified", 32},
    {"residential", 32},
    {"living_street", 10},
    {"service", 16},
}};

}  // namespace

const char* road_class_name(RoadClass road_class) {
  return kClasses.at(static_cast<size_t>(road_class)).name;
}

int default_speed_kmh(RoadClass road_class) {
  return kClasses.at(static_cast<size_t>(road_class)).speed_kmh;
}

bool parse_highway(const std::string& highway, RoadClass& road_class) {
  std::string base = highway;
  if (base.ends_with("_link")) base.resize(base.size() - 5);  // slip roads rank with their road
  for (size_t i = 0; i < kClasses.size(); ++i) {
    if (base == kClasses.at(i).name) {
      road_class = static_cast<RoadClass>(i);
      return true;
    }
  }
  return false;
}

std::vector<uint64_t> locality_keys(const RoadNetwork& network) {
  auto spread = [](uint64_t x) {  // 32 bits to the even bits of 64
    x = (x | (x << 16)) & 0x0000FFFF0000FFFFULL;
    x = (x | (x << 8)) & 0x00FF00FF00FF00FFULL;
    x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FULL;
    x = (x | (x << 2)) & 0x3333333333333333ULL;
    x = (x | (x << 1)) & 0x5555555555555555ULL;
    return x;
  };
  std::vector<uint64_t> keys;
  keys.reserve(network.nodes.size());
  for (const FixedPoint& p : network.nodes) {
    const auto lat = static_cast<uint32_t>(int64_t{p.lat_e7} + 900'000'000);
    const auto lon = static_cast<uint32_t>(int64_t{p.lon_e7} + 1'800'000'000);
    keys.push_back(spread(lat) | (spread(lon) << 1));
  }
  return keys;
}

uint32_t RoadNetwork::name_index(const std::string& name) {
  if (name_lookup_.size() != names.size()) {  // names was filled directly (a loaded file)
    name_lookup_.clear();
    for (uint32_t i = 0; i < names.size(); ++i) name_lookup_.emplace(names[i], i);
  }
  auto [it, inserted] = name_lookup_.emplace(name, static_cast<uint32_t>(names.size()));
  if (inserted) names.push_back(name);
  return it->second;
}

}  // namespace peel::geo
