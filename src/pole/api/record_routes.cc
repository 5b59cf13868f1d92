// /api/v1/objects, /api/v1/locations, /api/v1/links and /api/v1/markers.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "pole/api/pole_json.h"
#include "pole/api/routes.h"

namespace peel::pole {

namespace json = boost::json;
namespace perm = auth::permission;
using auth::AccessAction;

namespace {

http::Handler record_object(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewObject o;
    o.kind = fields->string("kind", 1, 20);
    o.vrm = fields->optional_string("vrm", 20).value_or("");
    o.make = fields->optional_string("make", 60).value_or("");
    o.model = fields->optional_string("model", 60).value_or("");
    o.colour = fields->optional_string("colour", 40).value_or("");
    o.identifier = fields->optional_string("identifier", 60).value_or("");
    o.description = fields->optional_string("description", 4000).value_or("");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto made = deps.pole.objects.record(o, c.actor());
    if (!made) return std::move(made).error();
    return http::json_response(201, object_json(*made));
  };
}

// A record with its links and markers.
template <typename Record, typename ToJson>
Result<http::Response> record_with_links(const PoleApiDeps& deps, const Record& record,
                                         ToJson to_json) {
  json::object out = to_json(record);
  auto links = deps.pole.links.of({record.id});
  if (!links) return std::move(links).error();
  out["links"] = links_json(*links);
  auto markers = deps.pole.markers.of({record.id});
  if (!markers) return std::move(markers).error();
  out["markers"] = markers_json(*markers);
  return http::json_response(200, out);
}

http::Handler get_object(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto o = deps.pole.objects.find(c.path_params.at("id"));
    if (!o) return std::move(o).error();
    return record_with_links(deps, *o, object_json);
  };
}

http::Handler search_objects(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const auto vrm = c.query.find("vrm");
    if (vrm == c.query.end()) return Error::invalid("vrm", "is required (a partial VRM)");
    auto limit = http::limit_param(c, 20, 200);
    if (!limit) return std::move(limit).error();
    auto hits = deps.pole.objects.search_vrm(vrm->second, static_cast<size_t>(*limit));
    if (!hits) return std::move(hits).error();
    json::array items;
    for (const auto& h : *hits) {
      json::object item = object_json(h.object);
      item["why"] = json::array{json::value(h.why)};
      items.push_back(std::move(item));
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler record_location(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewLocation l;
    l.address = fields->string("address", 1, 300);
    std::optional<geo::LatLon> at;
    if (auto p = fields->optional_object("location")) {
      at = geo::LatLon{p->number("lat", -90, 90), p->number("lon", -180, 180)};
      fields->absorb(*p);
    }
    l.description = fields->optional_string("description", 4000).value_or("");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    if (!at) {
      auto placed = place_address(deps, l.address);
      if (!placed) return std::move(placed).error();
      at = *placed;
    }
    l.at = *at;
    auto made = deps.pole.locations.record(l, c.actor());
    if (!made) return std::move(made).error();
    return http::json_response(201, location_json(*made));
  };
}

http::Handler get_location(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto l = deps.pole.locations.find(c.path_params.at("id"));
    if (!l) return std::move(l).error();
    return record_with_links(deps, *l, location_json);
  };
}

http::Handler near_locations(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto near = near_params(c);
    if (!near) return std::move(near).error();
    auto area = area_param(c);
    if (!area) return std::move(area).error();
    if (!near->centre && !*area) return Error::invalid("lat", "give lat, lon (and radius) or bbox");
    auto limit = http::limit_param(c, 50, 500);
    if (!limit) return std::move(limit).error();
    auto hits = near->centre ? deps.pole.locations.near(*near->centre, near->meters,
                                                        static_cast<size_t>(*limit))
                             : deps.pole.locations.within(**area, static_cast<size_t>(*limit));
    if (!hits) return std::move(hits).error();
    std::vector<std::string> ids;
    for (const auto& h : *hits) ids.push_back(h.location.id);
    auto markers = deps.pole.markers.of(ids);
    if (!markers) return std::move(markers).error();
    json::array items;
    for (const auto& h : *hits) {
      json::object item = location_json(h.location);
      item["meters"] = h.meters;
      json::array marks;
      for (const auto& m : *markers) {
        if (m.facts.record_id == h.location.id) marks.push_back(marker_json(m));
      }
      item["markers"] = std::move(marks);
      items.push_back(std::move(item));
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler record_link(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewLink l;
    l.from_id = fields->string("from_id", 1, 64);
    l.type = fields->string("type", 1, 40);
    l.to_id = fields->string("to_id", 1, 64);
    const auto from = fields->optional_string("valid_from", 10);
    const auto to = fields->optional_string("valid_to", 10);
    l.source = fields->string("source", 1, 200);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto valid_from = read_date(from, "valid_from");
    if (!valid_from) return std::move(valid_from).error();
    auto valid_to = read_date(to, "valid_to");
    if (!valid_to) return std::move(valid_to).error();
    l.valid_from = *valid_from;
    l.valid_to = *valid_to;
    auto made = deps.pole.links.add(l, c.actor());
    if (!made) return std::move(made).error();
    // The writer named both ends by id; the answer does not tell them who the ids are.
    json::object out = link_json(*made);
    out.erase("from_label");
    out.erase("to_label");
    return http::json_response(201, out);
  };
}

http::Handler add_marker(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewMarker m;
    m.record_id = fields->string("record_id", 1, 64);
    m.kind = fields->string("kind", 1, 40);
    m.note = fields->string("note", 1, 1000);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto made = deps.pole.markers.add(m, c.actor());
    if (!made) return std::move(made).error();
    return http::json_response(201, marker_json(*made));
  };
}

}  // namespace

void add_record_routes(http::Router& router, const PoleApiDeps& deps) {
  router.add({.method = "POST",
              .pattern = "/api/v1/objects",
              .permission = perm::kPoleWrite,
              .handler = record_object(deps),
              .summary = "Record an object: vehicle (vrm, make, model, colour), phone, weapon, "
                         "property or document",
              .personal_data = http::PersonalData::usual(
                  "recording an object", {{"object", "/id", AccessAction::kCollection}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/objects/search",
              .permission = perm::kPoleRead,
              .handler = search_objects(deps),
              .summary = "Vehicles by partial VRM (?vrm=AB12, ? for an unknown character)",
              .personal_data = http::PersonalData::stated_purpose({{"object", "/items/*/id"}})});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/objects/{id}",
       .permission = perm::kPoleRead,
       .handler = get_object(deps),
       .summary = "One object with its links (needs Peel-Purpose; logged)",
       .personal_data = http::PersonalData::stated_purpose(
           {{"object", "/id"}, {"record", "/links/*/from_id"}, {"record", "/links/*/to_id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/locations",
              .permission = perm::kPoleWrite,
              .handler = record_location(deps),
              .summary = "Record a location (address, and location {lat, lon} or the gazetteer "
                         "places the address)",
              .personal_data = http::PersonalData::usual(
                  "recording a location", {{"location", "/id", AccessAction::kCollection}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/locations/near",
              .permission = perm::kPoleRead,
              .handler = near_locations(deps),
              .summary = "Locations within ?radius= metres of ?lat=&lon=, or in ?bbox=s,w,n,e, "
                         "with their markers",
              .personal_data = http::PersonalData::stated_purpose({{"location", "/items/*/id"}})});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/locations/{id}",
       .permission = perm::kPoleRead,
       .handler = get_location(deps),
       .summary = "One location with its links and markers (needs Peel-Purpose; logged)",
       .personal_data = http::PersonalData::stated_purpose(
           {{"location", "/id"}, {"record", "/links/*/from_id"}, {"record", "/links/*/to_id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/links",
              .permission = perm::kPoleWrite,
              .handler = record_link(deps),
              .summary = "Link two records (from_id, type, to_id, valid_from, valid_to, source)",
              .personal_data = http::PersonalData::usual(
                  "linking records", {{"record", "/from_id", AccessAction::kAlteration},
                                      {"record", "/to_id", AccessAction::kAlteration}})});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/markers",
       .permission = perm::kPoleWrite,
       .handler = add_marker(deps),
       .summary = "A warning marker on a person or a location (record_id, kind, note)",
       .personal_data = http::PersonalData::usual(
           "adding a warning marker", {{"record", "/record_id", AccessAction::kAlteration}})});
}

}  // namespace peel::pole
