// /api/v1/events and /api/v1/crimes: record, read and search events; record a crime (and turn a
// Command & Control incident into one) with its reference at once; the crime categories.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "pole/api/pole_json.h"
#include "pole/api/routes.h"
#include "pole/crime_classes.h"

namespace peel::pole {

namespace json = boost::json;
namespace perm = auth::permission;
using auth::AccessAction;

namespace {

// The fields of an event as the API takes them; `defaults` holds what an incident already says,
// each given field replacing its default.
Status read_occurrence(http::JsonFields& fields, const PoleApiDeps& deps, NewOccurrence& o) {
  if (auto t = fields.optional_string("type", 20)) o.type = *t;
  if (auto c = fields.optional_string("classification", 80)) o.classification = *c;
  const auto from = fields.optional_string("occurred_from", 40);
  const auto to = fields.optional_string("occurred_to", 40);
  if (auto p = fields.optional_object("location")) {
    o.at = geo::LatLon{p->number("lat", -90, 90), p->number("lon", -180, 180)};
    fields.absorb(*p);
  }
  if (auto id = fields.optional_string("location_id", 64)) o.location_id = *id;
  const auto address = fields.optional_string("address", 300);
  if (auto v = fields.optional_string("place", 300)) o.place = *v;
  if (auto v = fields.optional_string("narrative", 20'000)) o.narrative = *v;
  if (auto v = fields.optional_string("modus_operandi", 4'000)) o.modus_operandi = *v;
  if (auto v = fields.optional_string("outcome", 300)) o.outcome = *v;
  if (auto v = fields.optional_string("source", 200)) o.source = *v;
  auto f = read_time(from, "occurred_from");
  if (!f) return std::move(f).error();
  auto t = read_time(to, "occurred_to");
  if (!t) return std::move(t).error();
  if (*f) o.occurred_from = **f;
  if (*t) o.occurred_to = **t;
  if (*f && !*t) o.occurred_to = o.occurred_from;  // a moment, unless a span is given
  if (o.occurred_from == Timestamp{})
    return Error::invalid("occurred_from", "is required (RFC 3339)");
  if (address) {
    o.place = *address;
    if (!o.at && o.location_id.empty()) {
      auto placed = place_address(deps, *address);
      if (!placed) return std::move(placed).error();
      o.at = *placed;
    }
  }
  return {};
}

// What an open or closed incident already says, so that nobody keys it again.
Status from_incident(const PoleApiDeps& deps, const std::string& incident_id, NewOccurrence& o) {
  const auto incident = deps.cad.find_incident(incident_id);
  if (!incident) return Error::invalid("incident_id", "no incident " + incident_id);
  if (const CrimeClass* c = crime_class_for_incident(incident->classification))
    o.classification = c->code;
  o.occurred_from = o.occurred_to = incident->opened_at;
  o.at = incident->location;
  o.place = incident->address;
  o.narrative = incident->narrative;
  for (const auto& call : incident->calls) {
    if (!call.narrative.empty()) o.narrative += (o.narrative.empty() ? "" : "\n") + call.narrative;
  }
  o.source = "CAD " + incident->reference;
  o.external_id = "cad:" + incident->id;
  return {};
}

std::vector<std::string> ids_of(http::JsonFields& fields, const char* name) {
  return fields.string_list(name, 50, 64);
}

http::Handler record_crime(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewCrime crime;
    crime.event.type = "crime";
    crime.event.source = "officer " + c.actor().username;
    if (const auto incident = fields->optional_string("incident_id", 64)) {
      if (Status s = from_incident(deps, *incident, crime.event); !s) return std::move(s).error();
    }
    if (Status s = read_occurrence(*fields, deps, crime.event); !s) return std::move(s).error();
    crime.victims = ids_of(*fields, "victims");
    crime.suspects = ids_of(*fields, "suspects");
    crime.witnesses = ids_of(*fields, "witnesses");
    crime.property = ids_of(*fields, "property");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    if (crime.event.type != "crime") return Error::invalid("type", "must be crime here");
    auto made = deps.pole.events.record_crime(crime, c.actor());
    if (!made) return std::move(made).error();
    // Who the crime was recorded against: each of them is logged (Route::personal_data).
    json::object out = event_json(*made);
    out["victims"] = strings_json(crime.victims);
    out["suspects"] = strings_json(crime.suspects);
    out["witnesses"] = strings_json(crime.witnesses);
    return http::json_response(201, out);
  };
}

http::Handler record_event(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewOccurrence o;
    o.source = "officer " + c.actor().username;
    if (Status s = read_occurrence(*fields, deps, o); !s) return std::move(s).error();
    if (Status s = fields->finish(); !s) return std::move(s).error();
    if (o.type.empty()) return Error::invalid("type", "is required");
    auto made = deps.pole.events.record(o, c.actor());
    if (!made) return std::move(made).error();
    return http::json_response(201, event_json(*made));
  };
}

http::Handler get_event(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto e = deps.pole.events.find(c.path_params.at("id"));
    if (!e) return std::move(e).error();
    json::object out = event_json(*e);
    auto links = deps.pole.links.of({e->id});
    if (!links) return std::move(links).error();
    out["links"] = links_json(*links);
    return http::json_response(200, out);
  };
}

http::Handler search_events(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    EventQuery q;
    auto param = [&](const char* name) {
      const auto it = c.query.find(name);
      return it == c.query.end() ? std::optional<std::string>() : it->second;
    };
    q.type = param("type").value_or("");
    q.classification = param("classification").value_or("");
    if (!q.classification.empty()) {
      if (const CrimeClass* k = find_crime_class(q.classification)) q.classification = k->code;
    }
    auto from = read_time(param("from"), "from");
    if (!from) return std::move(from).error();
    auto to = read_time(param("to"), "to");
    if (!to) return std::move(to).error();
    q.from = *from;
    q.to = *to;
    if (q.from && q.to && *q.to < *q.from) return Error::invalid("to", "is before from");
    auto near = near_params(c);
    if (!near) return std::move(near).error();
    q.centre = near->centre;
    q.meters = near->meters;
    auto area = area_param(c);
    if (!area) return std::move(area).error();
    q.area = *area;
    q.text = param("text").value_or("");
    if (q.text.size() > 200) return Error::invalid("text", "must be at most 200 characters");
    if (q.type.empty() && q.classification.empty() && !q.from && !q.to && !q.centre && !q.area &&
        q.text.empty())
      return Error::invalid("text",
                            "say what to look for: type, classification, from, to, "
                            "lat/lon, bbox or text");
    auto limit = http::limit_param(c, 50, 500);
    if (!limit) return std::move(limit).error();
    q.limit = static_cast<size_t>(*limit);
    auto hits = deps.pole.events.search(q);
    if (!hits) return std::move(hits).error();
    json::array items;
    for (const auto& h : *hits) {
      json::object item = event_json(h.event);
      if (h.meters >= 0) item["meters"] = h.meters;
      item["why"] = strings_json(h.why);
      items.push_back(std::move(item));
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler list_classes() {
  return [](http::Context&) -> Result<http::Response> {
    json::array items;
    for (const auto& k : crime_classes()) {
      items.push_back(json::object{{"code", k.code},
                                   {"name", k.name},
                                   {"mopi_group", k.mopi_group},
                                   {"is_crime", k.is_crime}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

}  // namespace

void add_event_routes(http::Router& router, const PoleApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/crimes/classifications",
              .permission = perm::kPoleRead,
              .handler = list_classes(),
              .summary = "The Home Office categories a crime is classified in",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/crimes",
              .permission = perm::kPoleWrite,
              .handler = record_crime(deps),
              .summary = "Record a crime (classification, occurred_from, occurred_to, location, "
                         "victims, suspects, witnesses, property, narrative, modus_operandi; or "
                         "incident_id to take them from an incident): 201 with id and reference",
              .personal_data = http::PersonalData::usual(
                  "recording a crime", {{"event", "/id", AccessAction::kCollection},
                                        {"person", "/victims/*", AccessAction::kAlteration},
                                        {"person", "/suspects/*", AccessAction::kAlteration},
                                        {"person", "/witnesses/*", AccessAction::kAlteration}})});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/crimes/{id}",
       .permission = perm::kPoleRead,
       .handler = get_event(deps),
       .summary = "A crime by id or reference, with its links (needs Peel-Purpose)",
       .personal_data = http::PersonalData::stated_purpose(
           {{"event", "/id"}, {"record", "/links/*/from_id"}, {"record", "/links/*/to_id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/events",
              .permission = perm::kPoleWrite,
              .handler = record_event(deps),
              .summary = "Record an event: incident, stop, arrest, intelligence (or crime)",
              .personal_data = http::PersonalData::usual(
                  "recording an event", {{"event", "/id", AccessAction::kCollection}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/events/search",
              .permission = perm::kPoleRead,
              .handler = search_events(deps),
              .summary = "Events by ?type=, ?classification=, ?from=&to=, ?lat=&lon=&radius=, "
                         "?bbox=, ?text= (all words); with why (needs Peel-Purpose; logged)",
              .personal_data = http::PersonalData::stated_purpose({{"event", "/items/*/id"}})});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/events/{id}",
       .permission = perm::kPoleRead,
       .handler = get_event(deps),
       .summary = "One event with its links (needs Peel-Purpose; logged)",
       .personal_data = http::PersonalData::stated_purpose(
           {{"event", "/id"}, {"record", "/links/*/from_id"}, {"record", "/links/*/to_id"}})});
}

}  // namespace peel::pole
