#include "pole/api/pole_json.h"

#include "pole/crime_classes.h"

namespace peel::pole {

namespace json = boost::json;

namespace {

void add_retention(json::object& o, const Retention& r) {
  o["mopi_group"] = r.mopi_group;
  o["review_due"] = format_date(r.review_due);
}

}  // namespace

json::value date_json(const std::optional<Date>& d) {
  return d ? json::value(format_date(*d)) : json::value();
}

json::array links_json(const std::vector<Link>& links) {
  json::array out;
  for (const auto& l : links) out.push_back(link_json(l));
  return out;
}

json::array markers_json(const std::vector<Marker>& markers) {
  json::array out;
  for (const auto& m : markers) out.push_back(marker_json(m));
  return out;
}

json::array strings_json(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

json::object person_json(const Person& p) {
  json::array identifiers;
  for (const auto& i : p.identifiers)
    identifiers.push_back(json::object{{"kind", i.kind}, {"value", i.value}});
  json::object o{
      {"id", p.id},
      {"surname", p.surname},
      {"forenames", strings_json(p.forenames)},
      {"date_of_birth", date_json(p.date_of_birth)},
      {"aliases", strings_json(p.aliases)},
      {"identifiers", std::move(identifiers)},
      {"addresses", strings_json(p.addresses)},
      {"description", p.description},
      {"recorded_at", format_rfc3339(p.recorded_at)},
      {"merged_into", p.merged_into.empty() ? json::value() : json::value(p.merged_into)}};
  add_retention(o, p.retention);
  return o;
}

json::object object_json(const Object& o) {
  const NewObject& f = o.facts;
  json::object out{{"id", o.id},
                   {"kind", f.kind},
                   {"vrm", f.vrm.empty() ? json::value() : json::value(f.vrm)},
                   {"make", f.make},
                   {"model", f.model},
                   {"colour", f.colour},
                   {"identifier", f.identifier},
                   {"description", f.description},
                   {"recorded_at", format_rfc3339(o.recorded_at)}};
  add_retention(out, o.retention);
  return out;
}

json::object location_json(const Location& l) {
  json::object out{{"id", l.id},
                   {"address", l.facts.address},
                   {"location", json::object{{"lat", l.facts.at.lat}, {"lon", l.facts.at.lon}}},
                   {"description", l.facts.description},
                   {"recorded_at", format_rfc3339(l.recorded_at)}};
  add_retention(out, l.retention);
  return out;
}

json::object event_json(const Occurrence& e) {
  const NewOccurrence& f = e.facts;
  const CrimeClass* c = f.type == "crime" ? find_crime_class(f.classification) : nullptr;
  json::object out{
      {"id", e.id},
      {"reference", e.reference.empty() ? json::value() : json::value(e.reference)},
      {"type", f.type},
      {"classification", f.classification},
      {"classification_name", c ? c->name : f.classification},
      {"occurred_from", format_rfc3339(f.occurred_from)},
      {"occurred_to", format_rfc3339(f.occurred_to)},
      {"location",
       f.at ? json::value(json::object{{"lat", f.at->lat}, {"lon", f.at->lon}}) : json::value()},
      {"location_id", f.location_id.empty() ? json::value() : json::value(f.location_id)},
      {"place", f.place},
      {"narrative", f.narrative},
      {"modus_operandi", f.modus_operandi},
      {"outcome", f.outcome},
      {"source", f.source},
      {"external_id", f.external_id.empty() ? json::value() : json::value(f.external_id)},
      {"recorded_at", format_rfc3339(e.recorded_at)}};
  add_retention(out, e.retention);
  return out;
}

json::object link_json(const Link& l) {
  return {{"id", l.id},
          {"from_id", l.facts.from_id},
          {"from_kind", l.from_kind},
          {"type", l.facts.type},
          {"to_id", l.facts.to_id},
          {"to_kind", l.to_kind},
          {"from_label", l.from_label},
          {"to_label", l.to_label},
          {"valid_from", date_json(l.facts.valid_from)},
          {"valid_to", date_json(l.facts.valid_to)},
          {"source", l.facts.source},
          {"recorded_at", format_rfc3339(l.recorded_at)},
          {"recorded_by", l.recorded_by}};
}

json::object marker_json(const Marker& m) {
  return {{"id", m.id},
          {"record_id", m.facts.record_id},
          {"record_kind", m.record_kind},
          {"kind", m.facts.kind},
          {"note", m.facts.note},
          {"created_at", format_rfc3339(m.created_at)},
          {"created_by", m.created_by}};
}

json::object merge_json(const Merge& m) {
  return {{"id", m.id},
          {"survivor_id", m.survivor_id},
          {"merged_id", m.merged_id},
          {"reason", m.reason},
          {"merged_at", format_rfc3339(m.merged_at)},
          {"merged_by", m.merged_by},
          {"undone_at", m.undone_at ? json::value(format_rfc3339(*m.undone_at)) : json::value()}};
}

json::object duplicate_json(const PossibleDuplicate& d) {
  json::array evidence;
  for (const auto& e : d.evidence)
    evidence.push_back(json::object{{"field", e.field}, {"weight", e.weight}, {"why", e.why}});
  return {{"person_id", d.person_id},
          {"other_id", d.other_id},
          {"score", d.score},
          {"evidence", std::move(evidence)},
          {"found_at", format_rfc3339(d.found_at)}};
}

}  // namespace peel::pole
