// The JSON payloads of Command & Control's events, read and written one way everywhere.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "geo/road_network.h"

namespace peel::cad {

inline std::string text_of(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

inline boost::json::array string_array(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

inline boost::json::object point_json(geo::LatLon at) { return {{"lat", at.lat}, {"lon", at.lon}}; }

inline geo::LatLon point_of(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_object()) return {};
  const auto& p = v->as_object();
  const auto* lat = p.if_contains("lat");
  const auto* lon = p.if_contains("lon");
  if (!lat || !lon || !lat->is_number() || !lon->is_number()) return {};
  return {lat->to_number<double>(), lon->to_number<double>()};
}

}  // namespace peel::cad
