#include "geo/osm_import.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <optional>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>
#include <unordered_map>

namespace peel::geo {

int parse_maxspeed_kmh(const std::string& value) {
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  if (end == value.c_str() || number <= 0 || number > 250) return 0;
  const bool mph = std::strstr(end, "mph") != nullptr;
  return static_cast<int>(std::lround(mph ? number * 1.609344 : number));
}

namespace {

bool is_one_of(const char* value, std::initializer_list<const char*> options) {
  if (!value) return false;
  for (const char* o : options) {
    if (std::strcmp(value, o) == 0) return true;
  }
  return false;
}

const char* poi_category(const osmium::TagList& tags) {
  if (const char* amenity = tags["amenity"];
      is_one_of(amenity, {"police", "hospital", "school", "fire_station", "university", "college",
                          "townhall", "courthouse", "prison", "library", "clinic", "pharmacy",
                          "bank", "post_office", "place_of_worship", "theatre", "cinema"})) {
    return amenity;
  }
  if (is_one_of(tags["railway"], {"station", "halt"}) ||
      is_one_of(tags["public_transport"], {"station"})) {
    return "station";
  }
  if (const char* tourism = tags["tourism"];
      is_one_of(tourism, {"hotel", "museum", "attraction"})) {
    return tourism;
  }
  if (tags["shop"]) return "shop";
  return nullptr;
}

class MapBuilder : public osmium::handler::Handler {
 public:
  explicit MapBuilder(ImportedMap& out) : out_(out) {}

  void node(const osmium::Node& node) {
    if (node.tags().empty() || !node.location().valid()) return;
    add_places(node.tags(), {node.location().lat(), node.location().lon()});
  }

  void relation(const osmium::Relation& relation) {
    const auto& tags = relation.tags();
    if (!is_one_of(tags["type"], {"restriction"})) return;
    const char* kind =
        tags["restriction:motorcar"] ? tags["restriction:motorcar"] : tags["restriction"];
    if (!kind) return;
    const bool only = std::strncmp(kind, "only_", 5) == 0;
    if (!only && std::strncmp(kind, "no_", 3) != 0) return;
    if (const char* except = tags["except"]; except && std::strstr(except, "motorcar")) return;
    uint64_t from_way = 0, to_way = 0, via_node = 0;
    for (const auto& m : relation.members()) {
      const std::string_view role = m.role();
      if (role == "from" && m.type() == osmium::item_type::way) from_way = m.positive_ref();
      if (role == "to" && m.type() == osmium::item_type::way) to_way = m.positive_ref();
      if (role == "via" && m.type() == osmium::item_type::node) via_node = m.positive_ref();
    }
    const auto via = nodes_.find(via_node);
    const auto from = neighbour_on(from_way, via == nodes_.end() ? 0 : via->second);
    const auto to = neighbour_on(to_way, via == nodes_.end() ? 0 : via->second);
    if (via == nodes_.end() || !from || !to) {
      ++out_.stats.skipped_turn_restrictions;
      return;
    }
    restrictions_.push_back({{*from, via->second, *to}, only});
  }

  // Turns the restrictions read into banned turns, once every road is known.
  void finish() {
    std::unordered_map<uint32_t, std::vector<uint32_t>> onward;  // restricted junction -> nodes
    for (const auto& r : restrictions_) onward.emplace(r.turn.via, std::vector<uint32_t>{});
    for (const Segment& s : out_.network.segments) {
      if (auto it = onward.find(s.from); it != onward.end() && s.forward)
        it->second.push_back(s.to);
      if (auto it = onward.find(s.to); it != onward.end() && s.backward)
        it->second.push_back(s.from);
    }
    for (const auto& r : restrictions_) {
      ++out_.stats.turn_restrictions;
      if (!r.only) {
        out_.network.banned_turns.push_back(r.turn);
        continue;
      }
      for (uint32_t next : onward[r.turn.via]) {
        if (next != r.turn.to) out_.network.banned_turns.push_back({r.turn.from, r.turn.via, next});
      }
    }
  }

  void way(const osmium::Way& way) {
    ++out_.stats.ways_read;
    const auto& tags = way.tags();
    RoadClass road_class{};
    const char* highway = tags["highway"];
    if (highway && parse_highway(highway, road_class) && !is_area(tags)) {
      add_road(way, road_class);
    } else if (!tags.empty()) {
      if (auto centre = centre_of(way)) add_places(tags, *centre);
    }
  }

 private:
  static bool is_area(const osmium::TagList& tags) { return is_one_of(tags["area"], {"yes"}); }

  // The node next to `junction` on a road that starts or ends there; none when the road is not
  // in the extract or passes through the junction (then the restriction is ambiguous).
  std::optional<uint32_t> neighbour_on(uint64_t way, uint32_t junction) const {
    const auto it = road_nodes_.find(way);
    if (it == road_nodes_.end() || it->second.size() < 2) return std::nullopt;
    const auto& nodes = it->second;
    if (nodes.front() == junction) return nodes[1];
    if (nodes.back() == junction) return nodes[nodes.size() - 2];
    return std::nullopt;
  }

  static std::optional<LatLon> centre_of(const osmium::Way& way) {
    double lat = 0, lon = 0;
    size_t count = 0;
    for (const auto& ref : way.nodes()) {
      if (!ref.location().valid()) continue;
      lat += ref.location().lat();
      lon += ref.location().lon();
      ++count;
    }
    if (count == 0) return std::nullopt;
    return LatLon{lat / count, lon / count};
  }

  void add_places(const osmium::TagList& tags, LatLon at) {
    const char* name = tags["name"];
    const char* number = tags["addr:housenumber"];
    const char* street = tags["addr:street"];
    if (number && street) {
      out_.places.push_back(
          {PlaceKind::kAddress, std::string(number) + " " + street, "", number, street, at});
    }
    if (!name) return;
    if (const char* category = poi_category(tags)) {
      out_.places.push_back({PlaceKind::kPoi, name, category, "", street ? street : "", at});
    } else if (const char* place = tags["place"];
               is_one_of(place, {"city", "town", "suburb", "neighbourhood", "quarter", "village",
                                 "hamlet", "locality", "square"})) {
      out_.places.push_back({PlaceKind::kPlace, name, place, "", "", at});
    }
  }

  void add_road(const osmium::Way& way, RoadClass road_class) {
    const auto& tags = way.tags();
    for (const char* key : {"access", "motor_vehicle", "motorcar", "vehicle"}) {
      // Emergency vehicles may use private roads, but a dispatcher cannot count on a gate.
      if (is_one_of(tags[key], {"no", "private", "agricultural", "forestry", "delivery"}) &&
          !(std::strcmp(key, "access") == 0 &&
            is_one_of(tags["motor_vehicle"], {"yes", "permissive", "destination"}))) {
        ++out_.stats.restricted_ways;
        return;
      }
    }
    ++out_.stats.drivable_ways;
    const char* oneway = tags["oneway"];
    bool forward = true, backward = true;
    const bool implied_one_way = road_class == RoadClass::kMotorway ||
                                 is_one_of(tags["junction"], {"roundabout", "circular"});
    if (is_one_of(oneway, {"-1", "reverse"})) {
      forward = false;
    } else if (is_one_of(oneway, {"yes", "true", "1"}) ||
               (implied_one_way && !is_one_of(oneway, {"no", "false", "0"}))) {
      backward = false;
    }
    if (!forward || !backward) ++out_.stats.one_way_ways;
    int speed = tags["maxspeed"] ? parse_maxspeed_kmh(tags["maxspeed"]) : 0;
    if (speed <= 0) speed = default_speed_kmh(road_class);
    const char* name = tags["name"] ? tags["name"] : tags["ref"];
    const uint32_t name_index = out_.network.name_index(name ? name : "");
    uint32_t previous = 0;
    LatLon previous_at;
    bool have_previous = false;
    auto& road_nodes = road_nodes_[way.positive_id()];
    for (const auto& ref : way.nodes()) {
      if (!ref.location().valid()) {  // a node missing from the extract: the road is cut here
        have_previous = false;
        continue;
      }
      const LatLon at{ref.location().lat(), ref.location().lon()};
      const uint32_t node = node_index(ref.positive_ref(), at);
      road_nodes.push_back(node);
      if (have_previous && node != previous) {
        Segment s;
        s.from = previous;
        s.to = node;
        s.meters = static_cast<float>(distance_m(previous_at, at));
        s.speed_kmh = static_cast<uint8_t>(std::min(speed, 250));
        s.road_class = road_class;
        s.forward = forward;
        s.backward = backward;
        s.name = name_index;
        out_.network.segments.push_back(s);
      }
      previous = node;
      previous_at = at;
      have_previous = true;
    }
  }

  uint32_t node_index(uint64_t osm_id, LatLon at) {
    auto [it, inserted] = nodes_.emplace(osm_id, static_cast<uint32_t>(out_.network.nodes.size()));
    if (inserted) out_.network.nodes.push_back(FixedPoint::of(at));
    return it->second;
  }

  struct Restriction {
    BannedTurn turn;  // for an only_* restriction, the one turn allowed
    bool only;
  };

  ImportedMap& out_;
  std::unordered_map<uint64_t, uint32_t> nodes_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> road_nodes_;  // road way -> its nodes
  std::vector<Restriction> restrictions_;
};

// Reads `file` (a path or bytes in memory); `what` names it in errors.
Result<ImportedMap> read_osm(const osmium::io::File& file, const std::string& what) {
  ImportedMap map;
  try {
    osmium::io::Reader reader(file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way |
                                        osmium::osm_entity_bits::relation);
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations(index);
    locations.ignore_errors();  // extracts cut ways at their border; such nodes have no location
    MapBuilder builder(map);
    osmium::apply(reader, locations, builder);
    reader.close();
    builder.finish();
  } catch (const std::exception& e) {
    return Error::invalid("file", what + " cannot be read as OpenStreetMap data: " + e.what());
  }
  if (map.network.segments.empty()) {
    return Error::invalid("file", what + " has no drivable roads (" +
                                      std::to_string(map.stats.ways_read) + " ways read)");
  }
  return map;
}

}  // namespace

Result<ImportedMap> import_osm(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Error::invalid("file", path + " is not a readable file");
  }
  if (std::filesystem::file_size(path, ec) == 0) return Error::invalid("file", path + " is empty");
  return read_osm(osmium::io::File(path), path);
}

Result<ImportedMap> import_osm_bytes(std::string_view bytes, const std::string& format) {
  if (bytes.empty()) return Error::invalid("file", "the " + format + " data is empty");
  return read_osm(osmium::io::File(bytes.data(), bytes.size(), format), "the " + format + " data");
}

}  // namespace peel::geo
