// The JSON payloads of Command & Control's events, read and written one way everywhere.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "cad/cad.h"
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

inline std::vector<std::string> string_list_of(const boost::json::object& o, const char* key) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(key);
  if (!v || !v->is_array()) return out;
  for (const auto& item : v->as_array()) {
    if (item.is_string()) out.emplace_back(item.as_string());
  }
  return out;
}

// An RFC 3339 time, or null for one that has not happened.
inline boost::json::value optional_time_json(const std::optional<Timestamp>& at) {
  return at ? boost::json::value(format_rfc3339(*at)) : boost::json::value();
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

inline boost::json::object caller_json(const Caller& c) {
  return {{"name", c.name}, {"phone", c.phone}};
}

inline Caller caller_of(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_object()) return {};
  return {text_of(v->as_object(), "name"), text_of(v->as_object(), "phone")};
}

inline boost::json::object thrive_json(const Thrive& t) {
  return {{"threat", t.threat},
          {"harm", t.harm},
          {"risk", t.risk},
          {"investigation", t.investigation},
          {"vulnerability", t.vulnerability},
          {"engagement", t.engagement}};
}

inline Thrive thrive_of(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_object()) return {};
  const auto& t = v->as_object();
  return {text_of(t, "threat"),        text_of(t, "harm"),          text_of(t, "risk"),
          text_of(t, "investigation"), text_of(t, "vulnerability"), text_of(t, "engagement")};
}

}  // namespace peel::cad
