#include "geo/place.h"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <unordered_map>

namespace peel::geo {

const char* place_kind_name(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::kStreet:
      return "street";
    case PlaceKind::kAddress:
      return "address";
    case PlaceKind::kPlace:
      return "place";
    case PlaceKind::kPoi:
      return "poi";
  }
  return "place";
}

Result<PlaceKind> parse_place_kind(const std::string& name) {
  for (PlaceKind k :
       {PlaceKind::kStreet, PlaceKind::kAddress, PlaceKind::kPlace, PlaceKind::kPoi}) {
    if (name == place_kind_name(k)) return k;
  }
  return Error::invalid("kind", "must be street, address, place or poi");
}

namespace {

struct DisjointSets {
  std::vector<uint32_t> parent;
  explicit DisjointSets(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0U); }
  uint32_t find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(uint32_t a, uint32_t b) { parent[find(a)] = find(b); }
};

}  // namespace

std::vector<Place> street_places(const RoadNetwork& network) {
  // Union segments of one name that share a node.
  const auto& segments = network.segments;
  DisjointSets sets(segments.size());
  std::unordered_map<uint64_t, uint32_t> first_at_node;  // (name, node) -> a segment
  for (uint32_t i = 0; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    if (s.name == 0) continue;
    for (uint32_t node : {s.from, s.to}) {
      const uint64_t key = (uint64_t{s.name} << 32) | node;
      auto [it, inserted] = first_at_node.emplace(key, i);
      if (!inserted) sets.join(i, it->second);
    }
  }
  std::unordered_map<uint32_t, std::vector<uint32_t>> streets;  // root -> segments
  for (uint32_t i = 0; i < segments.size(); ++i) {
    if (segments[i].name != 0) streets[sets.find(i)].push_back(i);
  }
  std::vector<uint32_t> roots;
  roots.reserve(streets.size());
  for (const auto& [root, members] : streets) roots.push_back(root);
  std::sort(roots.begin(), roots.end());  // deterministic order
  std::vector<Place> places;
  places.reserve(roots.size());
  for (uint32_t root : roots) {
    const auto& members = streets[root];
    const Segment& middle = segments[members[members.size() / 2]];
    const LatLon a = network.nodes[middle.from].degrees();
    const LatLon b = network.nodes[middle.to].degrees();
    RoadClass best = middle.road_class;
    for (uint32_t m : members) best = std::min(best, segments[m].road_class);
    places.push_back({PlaceKind::kStreet,
                      network.names[middle.name],
                      road_class_name(best),
                      "",
                      "",
                      {(a.lat + b.lat) / 2, (a.lon + b.lon) / 2}});
  }
  return places;
}

bool has_house_number(const Place& place, std::string_view number) {
  if (place.kind != PlaceKind::kAddress || place.housenumber.size() != number.size()) return false;
  return std::equal(place.housenumber.begin(), place.housenumber.end(), number.begin(),
                    [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                    });
}

}  // namespace peel::geo
