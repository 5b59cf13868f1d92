// The geo service: the current map (memory-mapped graph, gazetteer, road index) and the
// questions other parts ask of it. Loaded once; queries are safe from many threads.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "geo/gazetteer.h"
#include "geo/geo_store.h"
#include "geo/graph_file.h"
#include "geo/router.h"
#include "geo/segment_index.h"

namespace peel::geo {

// How far from any road a point may be and still be routed from (a unit in a car park).
inline constexpr double kMaxSnapMeters = 1'000;

struct RouteAnswer {
  double meters = 0;
  double seconds = 0;
  std::vector<LatLon> geometry;
};

struct ReverseAnswer {
  // The street here: the nearest named road (passing over unnamed ones up to 60 m farther; at a
  // junction, the biggest of the roads as near); "" when none is named.
  std::string street;
  std::optional<Place> address;  // the nearest address within 100 m
  LatLon point;                  // on that road (or the nearest, when none is named)
  double distance_m = 0;
};

// Builds hierarchies for `network`, writes the graph file into `geo_dir`, and makes it the
// current map with its streets and `places` as the gazetteer. All or nothing.
Result<MapRecord> install_map(store::Store& store, const Clock& clock, const std::string& geo_dir,
                              const std::string& source, RoadNetwork network,
                              std::vector<Place> places, const SpeedFactors& emergency);

class GeoService {
 public:
  // The current map; not found (with what to run) when none was imported.
  static Result<std::unique_ptr<GeoService>> load(store::Store& store);

  const MapRecord& record() const { return record_; }
  std::vector<Candidate> search(const std::string& text, size_t limit) const;
  // Where an address as written is: the best match, when it is good enough (score 0.5 or more)
  // to place a record by, of the text or of its last words (the words around an address).
  std::optional<LatLon> place_of(const std::string& address) const;
  Result<ReverseAnswer> reverse(LatLon at) const;
  // The name of the area `at` is in (the nearest named suburb or district); "" if none.
  std::string area_of(LatLon at) const;
  Result<Snap> snap(LatLon at) const;
  Result<RouteAnswer> route(LatLon from, LatLon to, Profile profile) const;
  // The same between points already snapped (a unit's last fix is snapped once, on arrival).
  Result<RouteAnswer> route(const Snap& from, const Snap& to, Profile profile) const;
  // Seconds from each source to the target; nullopt where no road connects.
  Result<std::vector<std::optional<double>>> travel_times(const std::vector<LatLon>& sources,
                                                          LatLon target, Profile profile) const;
  std::vector<std::optional<double>> travel_times(const std::vector<Snap>& sources,
                                                  const Snap& target, Profile profile) const;
  // The same with the road distance of the `measured` fastest sources (ties included), from
  // the same search: what a ranking of units shows for its top few.
  struct Timed {
    std::vector<std::optional<double>> seconds;  // by source, as travel_times()
    std::vector<std::optional<double>> meters;   // by source; only for the fastest
  };
  Timed travel_times(const std::vector<Snap>& sources, const Snap& target, Profile profile,
                     size_t measured) const;
  // The roads in a box as a GeoJSON FeatureCollection (LineStrings with name, class, one way).
  Result<std::string> roads_geojson(LatLon south_west, LatLon north_east, size_t limit) const;
  const MapView& map() const { return file_->view(); }
  // The gazetteer's entries: addresses, named places, points of interest and streets.
  const std::vector<Place>& places() const { return gazetteer_->places(); }

 private:
  GeoService() = default;
  std::vector<Endpoint> endpoints(const Snap& snap, Profile profile, bool leaving) const;
  // The same, appended to `out`.
  void add_endpoints(const Snap& snap, Profile profile, bool leaving,
                     std::vector<Endpoint>& out) const;
  // The points of a route from `a` along `path` to `b`.
  std::vector<LatLon> geometry(const Snap& a, const Path& path, const Snap& b) const;
  std::unique_ptr<RouterWorkspace> take_workspace() const;
  void give_back(std::unique_ptr<RouterWorkspace> workspace) const;

  MapRecord record_;
  std::unique_ptr<GraphFile> file_;
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<SegmentIndex> roads_;
  mutable std::mutex workspaces_mutex_;
  mutable std::vector<std::unique_ptr<RouterWorkspace>> workspaces_;
};

}  // namespace peel::geo
