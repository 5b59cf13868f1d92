#include "geo/geo_service.h"

#include <boost/json.hpp>
#include <filesystem>
#include <sstream>

#include "core/id.h"
#include "core/json_text.h"

namespace peel::geo {

namespace json = boost::json;

Result<MapRecord> install_map(store::Store& store, const Clock& clock, const std::string& geo_dir,
                              const std::string& source, RoadNetwork network,
                              std::vector<Place> places, const SpeedFactors& emergency) {
  std::error_code ec;
  std::filesystem::create_directories(geo_dir, ec);
  if (ec) return Error::invalid("geo dir", "cannot create " + geo_dir + ": " + ec.message());
  auto streets = street_places(network);
  places.insert(places.begin(), streets.begin(), streets.end());
  MapRecord record;
  record.id = new_id(clock);
  record.source = source;
  record.graph_file = (std::filesystem::path(geo_dir) / (record.id + ".peelgraph")).string();
  record.imported_at = clock.now();
  record.nodes = static_cast<long long>(network.nodes.size());
  record.segments = static_cast<long long>(network.segments.size());
  record.places = static_cast<long long>(places.size());
  const BuiltMap built = build_map(std::move(network), emergency);
  if (Status s = write_graph_file(built.view(), record.graph_file); !s) return std::move(s).error();
  auto replaced = replace_map(store, record, places);
  if (!replaced) {
    std::filesystem::remove(record.graph_file, ec);  // the previous map stays current
    return std::move(replaced).error();
  }
  for (const auto& old : *replaced) std::filesystem::remove(old, ec);
  return record;
}

Result<std::unique_ptr<GeoService>> GeoService::load(store::Store& store) {
  auto record = current_map(store);
  if (!record) return std::move(record).error();
  if (!*record) {
    return Error::not_found(
        "no map has been imported: run peel geo import FILE.osm.pbf or peel geo synth");
  }
  std::unique_ptr<GeoService> service(new GeoService());
  service->record_ = **record;
  auto file = GraphFile::open(service->record_.graph_file);
  if (!file) return std::move(file).error();
  service->file_ = std::move(*file);
  auto places = load_places(store, service->record_.id);
  if (!places) return std::move(places).error();
  service->gazetteer_ = std::make_unique<Gazetteer>(std::move(*places), &service->file_->view());
  service->roads_ = std::make_unique<SegmentIndex>(service->file_->view());
  return service;
}

std::vector<Candidate> GeoService::search(const std::string& text, size_t limit) const {
  return gazetteer_->search(text, limit);
}

std::optional<LatLon> GeoService::place_of(const std::string& address) const {
  // People write where as they would say it ("outside the shops on Albrook Road"): the whole
  // text is tried first, then without its first words, one at a time, down to the last two.
  std::vector<std::string> words;
  std::istringstream in(address);
  for (std::string w; in >> w;) words.push_back(w);
  for (size_t from = 0; from == 0 || from + 2 <= words.size(); ++from) {
    std::string text;
    for (size_t i = from; i < words.size(); ++i) text += (text.empty() ? "" : " ") + words[i];
    const auto found = gazetteer_->search(text, 1);
    if (!found.empty() && found.front().score >= 0.5) return found.front().place.at;
  }
  return std::nullopt;
}

Result<Snap> GeoService::snap(LatLon at) const {
  if (!(at.lat >= -90 && at.lat <= 90 && at.lon >= -180 && at.lon <= 180)) {
    return Error::invalid("lat/lon", "must be WGS84 degrees (lat -90..90, lon -180..180)");
  }
  auto snap = roads_->nearest(at, kMaxSnapMeters);
  if (!snap) {
    return Error::invalid("lat/lon", "no road within " +
                                         std::to_string(static_cast<int>(kMaxSnapMeters)) +
                                         " m of " + std::to_string(at.lat) + "," +
                                         std::to_string(at.lon) + ": the point is outside the map");
  }
  return *snap;
}

namespace {
// How much farther than the nearest road a named one may be and still name the place, and how
// close two roads' distances are for a point to be at their junction.
constexpr double kStreetReach = 60;
constexpr double kJunctionTie = 4;
}  // namespace

Result<ReverseAnswer> GeoService::reverse(LatLon at) const {
  auto s = snap(at);
  if (!s) return std::move(s).error();
  ReverseAnswer answer;
  answer.point = s->point;
  answer.distance_m = s->distance_m;
  // The street a person would name here: the nearest road may be an unnamed service road or
  // footway, and at a junction every road is as near; so the named roads within reach, and of
  // those about as near as the nearest, the biggest ("Fleet Street", not the side street).
  const auto near = roads_->within(at, s->distance_m + kStreetReach);
  const Snap* named = nullptr;
  for (const Snap& candidate : near) {
    const Segment& road = map().segments[candidate.segment];
    if (road.name == 0) continue;
    if (!named) {
      named = &candidate;
      continue;
    }
    if (candidate.distance_m > named->distance_m + kJunctionTie) break;
    if (road.road_class < map().segments[named->segment].road_class) named = &candidate;
  }
  if (named) {
    answer.street = std::string(map().names[map().segments[named->segment].name]);
    answer.point = named->point;
    answer.distance_m = named->distance_m;
  }
  if (const Place* p = gazetteer_->nearest_address(at, 100)) answer.address = *p;
  return answer;
}

std::string GeoService::area_of(LatLon at) const {
  const Place* area = gazetteer_->nearest_area(at);
  return area ? area->name : std::string();
}

namespace {
// How far apart the two carriageways of one road may be for a place between them to be reached
// from either (Aldersgate Street's are 5 to 10 m apart).
constexpr double kOtherCarriageway = 15;
}  // namespace

std::vector<Endpoint> GeoService::endpoints(const Snap& snap, Profile profile, bool leaving) const {
  std::vector<Endpoint> ends;
  add_endpoints(snap, profile, leaving, ends);
  // A place on a dual carriageway is reached from whichever side is quicker to drive to (an
  // officer crosses on foot): the other carriageway, a one-way road of the same name close by,
  // is a target too. A vehicle leaving is on the carriageway it is on.
  const Segment& on = map().segments[snap.segment];
  if (leaving || on.name == 0 || on.forward == on.backward) return ends;
  for (const Snap& other : roads_->within(snap.point, kOtherCarriageway)) {
    const Segment& road = map().segments[other.segment];
    if (other.segment == snap.segment || road.name != on.name || road.forward == road.backward ||
        !roads_->routable(other.segment))
      continue;
    add_endpoints(other, profile, false, ends);
  }
  return ends;
}

void GeoService::add_endpoints(const Snap& snap, Profile profile, bool leaving,
                               std::vector<Endpoint>& ends) const {
  const Segment& s = map().segments[snap.segment];
  const uint32_t ms = travel_ms(s.meters, s.speed_kmh,
                                map()
                                    .factors.at(static_cast<size_t>(profile))
                                    .by_class.at(static_cast<size_t>(s.road_class)));
  const auto to_from = static_cast<uint32_t>(std::lround(ms * snap.fraction));
  const auto to_to = ms - std::min(ms, to_from);
  const TurnView& turns = map().turns;
  if (leaving) {
    // Drive on to `to` if the road allows from->to, back to `from` if to->from; either way the
    // vehicle arrives at a junction from this road, and that junction's restrictions apply.
    if (s.forward) ends.push_back({turns.arrival(s.from, s.to), to_to});
    if (s.backward) ends.push_back({turns.arrival(s.to, s.from), to_from});
    return;
  }
  // Arriving: reach the point from `from` along from->to, or from `to` along to->from, by any
  // arrival at that junction that may turn into this road.
  std::vector<uint32_t> departures;
  if (s.forward) turns.departures(s.from, s.to, departures);
  for (uint32_t d : departures) ends.push_back({d, to_from});
  departures.clear();
  if (s.backward) turns.departures(s.to, s.from, departures);
  for (uint32_t d : departures) ends.push_back({d, to_to});
}

std::unique_ptr<RouterWorkspace> GeoService::take_workspace() const {
  {
    std::lock_guard lock(workspaces_mutex_);
    if (!workspaces_.empty()) {
      auto w = std::move(workspaces_.back());
      workspaces_.pop_back();
      return w;
    }
  }
  return std::make_unique<RouterWorkspace>(map().turns.node_count());
}

void GeoService::give_back(std::unique_ptr<RouterWorkspace> workspace) const {
  std::lock_guard lock(workspaces_mutex_);
  workspaces_.push_back(std::move(workspace));
}

Result<RouteAnswer> GeoService::route(LatLon from, LatLon to, Profile profile) const {
  auto a = snap(from);
  if (!a) return std::move(a).error();
  auto b = snap(to);
  if (!b) return std::move(b).error();
  return route(*a, *b, profile);
}

Result<RouteAnswer> GeoService::route(const Snap& a, const Snap& b, Profile profile) const {
  Router router(map().hierarchy(profile));
  auto ws = take_workspace();
  auto path = router.route(endpoints(a, profile, true), endpoints(b, profile, false), *ws);
  give_back(std::move(ws));
  if (!path)
    return Error::not_found(
        "no road route connects these points (one-way streets or separate road networks)");
  RouteAnswer answer;
  answer.seconds = path->weight_ms / 1000.0;
  answer.geometry = geometry(a, *path, b);
  answer.meters = length_m(answer.geometry);
  return answer;
}

std::vector<LatLon> GeoService::geometry(const Snap& a, const Path& path, const Snap& b) const {
  std::vector<LatLon> points;
  points.reserve(path.nodes.size() + 2);
  points.push_back(a.point);
  for (uint32_t node : path.nodes)
    points.push_back(map().nodes[map().turns.junction(node)].degrees());
  points.push_back(b.point);
  return points;
}

Result<std::vector<std::optional<double>>> GeoService::travel_times(
    const std::vector<LatLon>& sources, LatLon target, Profile profile) const {
  auto t = snap(target);
  if (!t) return std::move(t).error();
  std::vector<Snap> snapped;
  snapped.reserve(sources.size());
  for (size_t i = 0; i < sources.size(); ++i) {
    auto s = snap(sources[i]);
    if (!s) {
      Error e = std::move(s).error();
      return Error::invalid("sources[" + std::to_string(i) + "]",
                            e.fields.empty() ? e.message : e.fields[0].reason);
    }
    snapped.push_back(*s);
  }
  return travel_times(snapped, *t, profile);
}

std::vector<std::optional<double>> GeoService::travel_times(const std::vector<Snap>& sources,
                                                            const Snap& target,
                                                            Profile profile) const {
  return travel_times(sources, target, profile, 0).seconds;
}

GeoService::Timed GeoService::travel_times(const std::vector<Snap>& sources, const Snap& target,
                                           Profile profile, size_t measured) const {
  SourceEnds starts;
  starts.ends.reserve(sources.size() * 2);
  starts.first.reserve(sources.size() + 1);
  for (const Snap& s : sources) {
    add_endpoints(s, profile, true, starts.ends);
    starts.close();
  }
  Router router(map().hierarchy(profile));
  auto ws = take_workspace();
  auto swept =
      router.many_to_one_with_paths(starts, endpoints(target, profile, false), measured, *ws);
  give_back(std::move(ws));
  Timed out;
  out.seconds.reserve(sources.size());
  for (uint32_t ms : swept.times)
    out.seconds.push_back(ms == kUnreachable ? std::nullopt : std::optional<double>(ms / 1000.0));
  out.meters.resize(sources.size());
  for (size_t i = 0; i < swept.paths.size(); ++i) {
    if (swept.paths[i]) out.meters[i] = length_m(geometry(sources[i], *swept.paths[i], target));
  }
  return out;
}

Result<std::string> GeoService::roads_geojson(LatLon sw, LatLon ne, size_t limit) const {
  if (!(sw.lat < ne.lat && sw.lon < ne.lon))
    return Error::invalid("bbox",
                          "must be south,west,north,east with south < north and west < east");
  if (ne.lat - sw.lat > 0.2 || ne.lon - sw.lon > 0.2)
    return Error::invalid("bbox", "must be at most 0.2 degrees on a side");
  json::array features;
  for (uint32_t i : roads_->in_box(sw, ne, limit)) {
    const Segment& s = map().segments[i];
    const LatLon a = map().nodes[s.from].degrees(), b = map().nodes[s.to].degrees();
    features.push_back(json::object{
        {"type", "Feature"},
        {"geometry", json::object{{"type", "LineString"},
                                  {"coordinates", json::array{json::array{a.lon, a.lat},
                                                              json::array{b.lon, b.lat}}}}},
        {"properties", json::object{{"name", std::string(map().names[s.name])},
                                    {"class", road_class_name(s.road_class)},
                                    {"oneway", s.forward != s.backward},
                                    {"maxspeed_kmh", s.speed_kmh}}}});
  }
  return json_text(json::object{{"type", "FeatureCollection"}, {"features", std::move(features)}});
}

}  // namespace peel::geo
