// peel geo import|synth|search|route|reverse: the geography part from the command line.
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>

#include "app/cli_support.h"
#include "app/commands.h"
#include "geo/geo_service.h"
#include "geo/osm_import.h"
#include "geo/synth.h"

namespace peel::app {

namespace json = boost::json;

namespace {

struct GeoOptions {
  CommonOptions common;
  std::string geo_dir;  // empty: beside the SQLite file, or var/geo
  std::string file, text, from, to, at, profile = "normal";
  uint32_t size = 2'500;
  uint64_t seed = 1;
  size_t limit = 10;
};

std::string geo_dir_for(const GeoOptions& o, const std::string& db_url) {
  if (!o.geo_dir.empty()) return o.geo_dir;
  if (db_url.starts_with("sqlite:")) {
    const auto parent = std::filesystem::path(db_url.substr(7)).parent_path();
    return (parent.empty() ? std::filesystem::path("geo") : parent / "geo").string();
  }
  return "var/geo";
}

json::object record_json(const geo::MapRecord& r) {
  return {{"id", r.id},
          {"source", r.source},
          {"graph_file", r.graph_file},
          {"imported_at", format_rfc3339(r.imported_at)},
          {"nodes", r.nodes},
          {"segments", r.segments},
          {"places", r.places}};
}

int install(const GeoOptions& o, const std::string& source, geo::RoadNetwork network,
            std::vector<geo::Place> places, double read_seconds) {
  SystemClock clock;
  auto platform = open_platform(o.common, clock);
  if (!platform) return fail(platform.error());
  const size_t banned_turns = network.banned_turns.size();
  const auto start = std::chrono::steady_clock::now();
  auto record = geo::install_map(
      (*platform)->store(), clock, geo_dir_for(o, (*platform)->store().description()), source,
      std::move(network), std::move(places), (*platform)->options().emergency_speed);
  if (!record) return fail(record.error());
  const double build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  json::object out = record_json(*record);
  out["read_seconds"] = read_seconds;
  out["build_seconds"] = build_seconds;
  out["banned_turns"] = banned_turns;
  print(o.common, out,
        "map " + record->id + " from " + source + ": " + std::to_string(record->nodes) +
            " nodes, " + std::to_string(record->segments) + " road segments, " +
            std::to_string(banned_turns) + " banned turns, " + std::to_string(record->places) +
            " gazetteer entries; graph " + record->graph_file);
  return 0;
}

// The map the platform loaded at start, or why there is none.
Result<const geo::GeoService*> open_geo(const GeoOptions& o, std::unique_ptr<Platform>& platform) {
  static SystemClock clock;  // the platform keeps a reference to it until it is destroyed
  auto opened = open_platform(o.common, clock);
  if (!opened) return std::move(opened).error();
  platform = std::move(*opened);
  const auto& map = platform->geo();
  if (!map.service) return map.missing;
  return map.service.get();
}

int search(const GeoOptions& o) {
  std::unique_ptr<Platform> platform;
  auto service = open_geo(o, platform);
  if (!service) return fail(service.error());
  json::array items;
  std::string text;
  for (const auto& c : (*service)->search(o.text, o.limit)) {
    items.push_back(json::object{{"name", c.place.name},
                                 {"kind", geo::place_kind_name(c.place.kind)},
                                 {"category", c.place.category},
                                 {"lat", c.place.at.lat},
                                 {"lon", c.place.at.lon},
                                 {"score", c.score}});
    text += std::to_string(c.score).substr(0, 5) + "  " + c.place.name + "  (" +
            std::to_string(c.place.at.lat) + "," + std::to_string(c.place.at.lon) + ")\n";
  }
  if (items.empty()) text = "nothing matches \"" + o.text + "\"";
  print(o.common, items, text);
  return 0;
}

int route(const GeoOptions& o) {
  auto from = geo::parse_lat_lon("from", o.from);
  if (!from) return fail(from.error());
  auto to = geo::parse_lat_lon("to", o.to);
  if (!to) return fail(to.error());
  auto profile = geo::parse_profile(o.profile);
  if (!profile) return fail(profile.error());
  std::unique_ptr<Platform> platform;
  auto service = open_geo(o, platform);
  if (!service) return fail(service.error());
  auto answer = (*service)->route(*from, *to, *profile);
  if (!answer) return fail(answer.error());
  json::array geometry;
  for (const auto& p : answer->geometry) geometry.push_back(json::array{p.lon, p.lat});
  print(o.common,
        json::object{{"meters", answer->meters},
                     {"seconds", answer->seconds},
                     {"profile", o.profile},
                     {"geometry", json::object{{"type", "LineString"}, {"coordinates", geometry}}}},
        std::to_string(static_cast<long>(answer->meters)) + " m, " +
            std::to_string(static_cast<long>(answer->seconds)) + " s (" + o.profile + ")");
  return 0;
}

int reverse(const GeoOptions& o) {
  auto at = geo::parse_lat_lon("at", o.at);
  if (!at) return fail(at.error());
  std::unique_ptr<Platform> platform;
  auto service = open_geo(o, platform);
  if (!service) return fail(service.error());
  auto answer = (*service)->reverse(*at);
  if (!answer) return fail(answer.error());
  json::object out{{"street", answer->street},
                   {"lat", answer->point.lat},
                   {"lon", answer->point.lon},
                   {"distance_m", answer->distance_m}};
  if (answer->address) out["address"] = answer->address->name;
  print(o.common, out, answer->address ? answer->address->name : answer->street);
  return 0;
}

}  // namespace

void add_geo_commands(CLI::App& app, int& exit_code) {
  auto* geo = app.add_subcommand("geo", "Maps: import, synthetic town, gazetteer search, routing");
  geo->require_subcommand(1);
  auto options = std::make_shared<GeoOptions>();
  auto common = [&](CLI::App* c) {
    add_common_options(*c, options->common);
    c->add_option("--geo-dir", options->geo_dir,
                  "Where graph files go (default: beside the SQLite file)");
  };

  auto* import =
      geo->add_subcommand("import", "Import an OpenStreetMap extract (.osm.pbf, .osm, .osm.bz2)");
  common(import);
  import->add_option("file", options->file, "The extract")->required();
  import->callback([options, &exit_code] {
    const auto start = std::chrono::steady_clock::now();
  auto imported = geo::import_osm(options->file);
  if (!imported) {
    exit_code = fail(imported.error());
    return;
  }
  const double read =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  exit_code = install(*options, std::filesystem::path(options->file).filename().string(),
                      std::move(imported->network), std::move(imported->places), read);
});

auto* synth = geo->add_subcommand("synth", "Generate a synthetic town and make it the map");
common(synth);
synth->add_option("--size", options->size, "About this many junctions (500000+ is London-sized)")
    ->check(CLI::Range(9U, 5'000'000U));
synth->add_option("--seed", options->seed, "Random seed (same seed, same town)");
synth->callback([options, &exit_code] {
  geo::SynthOptions s;
  s.junctions = options->size;
  s.seed = options->seed;
  auto town = geo::synthesize(s);
  exit_code = install(*options,
                      "synthetic town (" + std::to_string(options->size) + " junctions, seed " +
                          std::to_string(options->seed) + ")",
                      std::move(town.network), std::move(town.places), 0);
});

auto* search_command = geo->add_subcommand("search", "Find places from free text");
common(search_command);
search_command->add_option("text", options->text, "What the caller said")->required();
search_command->add_option("--limit", options->limit, "At most this many candidates")
    ->check(CLI::Range(1, 100));
search_command->callback([options, &exit_code] { exit_code = search(*options); });

auto* route_command = geo->add_subcommand("route", "Fastest road route between two points");
common(route_command);
route_command->add_option("from", options->from, "LAT,LON")->required();
route_command->add_option("to", options->to, "LAT,LON")->required();
route_command->add_option("--profile", options->profile, "normal or emergency");
route_command->callback([options, &exit_code] { exit_code = route(*options); });

auto* reverse_command = geo->add_subcommand("reverse", "The street and address at a point");
common(reverse_command);
reverse_command->add_option("at", options->at, "LAT,LON")->required();
reverse_command->callback([options, &exit_code] { exit_code = reverse(*options); });
}  // namespace peel::app

}  // namespace peel::app
