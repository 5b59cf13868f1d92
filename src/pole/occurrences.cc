#include "pole/occurrences.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <set>

#include "core/id.h"
#include "core/json_text.h"
#include "pole/crime_classes.h"
#include "pole/links.h"
#include "pole/register.h"
#include "pole/text_similarity.h"

namespace peel::pole {

namespace json = boost::json;

namespace {

// Words shorter than this are not filed (and not searched for): "a", "of", "on".
constexpr size_t kShortestWord = 3;
constexpr size_t kMostWords = 2'000;

// The words an event is found by, each once.
std::set<std::string> filed_words(const NewOccurrence& o) {
  std::set<std::string> out;
  const CrimeClass* c = find_crime_class(o.classification);
  for (const auto* text : {&o.narrative, &o.modus_operandi, &o.place, &o.outcome, &o.classification,
                           c ? &c->name : &o.classification}) {
    for (auto& w : words(normalise(*text))) {
      if (w.size() >= kShortestWord && out.size() < kMostWords) out.insert(std::move(w));
    }
  }
  return out;
}

json::object payload_of(const NewOccurrence& o) {
  return {{"type", o.type},
          {"classification", o.classification},
          {"occurred_from", format_rfc3339(o.occurred_from)},
          {"occurred_to", format_rfc3339(o.occurred_to)},
          {"lat", o.at ? json::value(o.at->lat) : json::value()},
          {"lon", o.at ? json::value(o.at->lon) : json::value()},
          {"location_id", o.location_id},
          {"place", o.place},
          {"narrative", o.narrative},
          {"modus_operandi", o.modus_operandi},
          {"outcome", o.outcome},
          {"source", o.source},
          {"external_id", o.external_id}};
}

}  // namespace

std::string_view occurrence_columns() {
  return "e.id, e.reference, e.type, e.classification, e.occurred_from, e.occurred_to, e.lat,"
         " e.lon, e.location_id, e.narrative, e.source, e.external_id, e.details, r.recorded_at,"
         " r.mopi_group, r.review_due";
}

Occurrence occurrence_from_row(const store::Row& row) {
  Occurrence o;
  o.id = row.text(0);
  o.reference = row.optional_text(1).value_or("");
  NewOccurrence& f = o.facts;
  f.type = row.text(2);
  f.classification = row.text(3);
  f.occurred_from = parse_rfc3339(row.text(4)).value_or(Timestamp{});
  f.occurred_to = parse_rfc3339(row.text(5)).value_or(Timestamp{});
  if (!row.is_null(6) && !row.is_null(7)) f.at = geo::LatLon{row.real(6), row.real(7)};
  f.location_id = row.optional_text(8).value_or("");
  f.narrative = row.text(9);
  f.source = row.text(10);
  f.external_id = row.optional_text(11).value_or("");
  std::error_code ec;
  const json::value d = json::parse(row.text(12), ec);
  if (!ec && d.is_object()) {
    auto get = [&](const char* name) {
      const auto* v = d.as_object().if_contains(name);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    f.place = get("place");
    f.modus_operandi = get("modus_operandi");
    f.outcome = get("outcome");
  }
  o.recorded_at = parse_rfc3339(row.text(13)).value_or(Timestamp{});
  o.retention = retention_from(row, 14);
  return o;
}

namespace {

// Writes the event's row, its words and its register entry. A location given by id lends the
// event its point.
Status write_occurrence(store::Session& s, const std::string& id, const std::string& reference,
                        NewOccurrence o, Timestamp at) {
  if (!o.location_id.empty()) {
    auto where = registered(s, "location_id", o.location_id);
    if (!where) return std::move(where).error();
    if (where->kind != "location")
      return Error::invalid("location_id", "is a " + where->kind + ", not a location");
    if (!o.at) {
      auto point = s.query("SELECT lat, lon FROM pole_locations WHERE id = $1", {o.location_id});
      if (!point) return std::move(point).error();
      o.at = geo::LatLon{point->front().real(0), point->front().real(1)};
    }
  }
  if (!o.external_id.empty()) {
    auto held = s.query("SELECT id FROM pole_events WHERE external_id = $1", {o.external_id});
    if (!held) return std::move(held).error();
    if (!held->empty())
      return Error::conflict(o.external_id + " is recorded already, as event " +
                             held->front().text(0));
  }
  const json::object details{
      {"place", o.place}, {"modus_operandi", o.modus_operandi}, {"outcome", o.outcome}};
  auto row = s.execute(
      "INSERT INTO pole_events (id, type, reference, classification, occurred_from, occurred_to,"
      " lat, lon, location_id, narrative, source, external_id, details)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      {id, o.type, reference.empty() ? store::Value() : store::Value(reference), o.classification,
       format_rfc3339(o.occurred_from), format_rfc3339(o.occurred_to),
       o.at ? store::Value(o.at->lat) : store::Value(),
       o.at ? store::Value(o.at->lon) : store::Value(),
       o.location_id.empty() ? store::Value() : store::Value(o.location_id), o.narrative, o.source,
       o.external_id.empty() ? store::Value() : store::Value(o.external_id), json_text(details)});
  if (!row) return std::move(row).error();
  for (const auto& w : filed_words(o)) {
    auto k = s.execute("INSERT INTO pole_event_words (word, event_id) VALUES ($1, $2)", {w, id});
    if (!k) return std::move(k).error();
  }
  return register_record(s, id, "event", at, mopi_group_of(o));
}

// The next crime reference of the year the crime is recorded in: "CR-0000123-26".
Result<std::string> next_crime_reference(store::Session& s, Timestamp at) {
  const int year = date_of(at).year;
  const std::string counter = fmt::format("crime/{}", year);
  auto bumped = s.execute("UPDATE pole_counters SET value = value + 1 WHERE name = $1", {counter});
  if (!bumped) return std::move(bumped).error();
  if (*bumped == 0) {
    auto first = s.execute("INSERT INTO pole_counters (name, value) VALUES ($1, 1)", {counter});
    if (!first) return std::move(first).error();
  }
  auto value = s.query("SELECT value FROM pole_counters WHERE name = $1", {counter});
  if (!value) return std::move(value).error();
  return fmt::format("CR-{:07}-{:02}", value->front().integer(0), year % 100);
}

}  // namespace

const std::vector<std::string>& occurrence_types() {
  static const std::vector<std::string> types = {"crime", "incident", "stop", "arrest",
                                                 "intelligence"};
  return types;
}

int mopi_group_of(const NewOccurrence& o) {
  const CrimeClass* c = o.type == "crime" ? find_crime_class(o.classification) : nullptr;
  return c ? c->mopi_group : kMopiDefaultGroup;
}

Result<NewOccurrence> validate_occurrence(NewOccurrence o, const Clock& clock) {
  if (std::find(occurrence_types().begin(), occurrence_types().end(), o.type) ==
      occurrence_types().end())
    return Error::invalid("type", "must be crime, incident, stop, arrest or intelligence");
  if (o.type == "crime") {
    const CrimeClass* c = find_crime_class(o.classification);
    if (!c)
      return Error::invalid("classification",
                            "is not a Home Office category (GET /api/v1/crimes/classifications)");
    o.classification = c->code;
  } else if (Status s = check_text("classification", o.classification, 80); !s) {
    return std::move(s).error();
  }
  // A few minutes' grace for the clocks of the devices that record at the scene.
  if (o.occurred_from > clock.now() + std::chrono::minutes(5))
    return Error::invalid("occurred_from", "is in the future");
  if (o.occurred_to < o.occurred_from)
    return Error::invalid("occurred_to", "is before occurred_from");
  if (o.occurred_to > clock.now() + std::chrono::minutes(5))
    return Error::invalid("occurred_to", "is in the future");
  if (o.at && !(o.at->lat >= -90 && o.at->lat <= 90 && o.at->lon >= -180 && o.at->lon <= 180))
    return Error::invalid("location", "lat must be -90 to 90 and lon -180 to 180");
  if (o.type == "crime" && !o.at && o.location_id.empty())
    return Error::invalid("location", "is required for a crime (a point or a location_id)");
  for (auto [field, text, max] :
       {std::tuple<const char*, const std::string*, size_t>{"place", &o.place, 300},
        {"narrative", &o.narrative, 20'000},
        {"modus_operandi", &o.modus_operandi, 4'000},
        {"outcome", &o.outcome, 300},
        {"source", &o.source, 200},
        {"external_id", &o.external_id, 100}}) {
    if (Status s = check_text(field, *text, max); !s) return std::move(s).error();
  }
  if (o.source.empty()) return Error::invalid("source", "is required: who or what reports it");
  return o;
}

Occurrences::Occurrences(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<Occurrence> Occurrences::record(const NewOccurrence& request, const auth::Actor& by) {
  return record_crime({request, {}, {}, {}, {}}, by);
}

Result<Occurrence> Occurrences::record_crime(const NewCrime& request, const auth::Actor& by) {
  auto checked = validate_occurrence(request.event, clock_);
  if (!checked) return std::move(checked).error();
  const NewOccurrence& o = *checked;
  const bool with_people = !request.victims.empty() || !request.suspects.empty() ||
                           !request.witnesses.empty() || !request.property.empty();
  if (with_people && o.type != "crime")
    return Error::invalid("type", "only a crime is recorded with victims, suspects and property");
  const std::string id = new_id(clock_);
  // Who and what the crime involves, as links from them to it.
  struct Party {
    std::string field, link_type;
    const std::vector<std::string>* ids;
  };
  const std::vector<Party> parties = {{"victims", "victim_of", &request.victims},
                                      {"suspects", "suspect_in", &request.suspects},
                                      {"witnesses", "witness_to", &request.witnesses},
                                      {"property", "involved_in", &request.property}};
  json::object payload = payload_of(o);
  for (const auto& p : parties) {
    if (p.ids->size() > 50) return Error::invalid(p.field, "at most 50");
    json::array list;
    for (const auto& x : *p.ids) list.emplace_back(x);
    payload[p.field] = std::move(list);
  }
  const bool is_crime = o.type == "crime";
  std::string reference;
  auto event = log_.append(
      {"pole-event/" + id, is_crime ? "CrimeRecorded" : "EventRecorded", by.id, "",
       json_text(payload)},
      [&](store::Session& s, const events::Event& e) -> Status {
        if (is_crime) {
          auto r = next_crime_reference(s, e.at);
          if (!r) return std::move(r).error();
          reference = *r;
        }
        if (Status w = write_occurrence(s, id, reference, o, e.at); !w) return w;
        for (const auto& p : parties) {
          for (size_t i = 0; i < p.ids->size(); ++i) {
            const NewLink link{(*p.ids)[i],  p.link_type,         id, date_of(o.occurred_from),
                               std::nullopt, "crime " + reference};
            if (Status w = write_link(s, new_id(clock_), link, fmt::format("{}[{}]", p.field, i),
                                      e.at, by.id);
                !w)
              return w;
          }
        }
        return {};
      });
  if (!event) return std::move(event).error();
  return find(id);
}

Result<ImportReport> Occurrences::import(const std::vector<NewOccurrence>& batch,
                                         const auth::Actor& by) {
  std::vector<NewOccurrence> valid;
  for (size_t i = 0; i < batch.size(); ++i) {
    auto checked = validate_occurrence(batch[i], clock_);
    if (!checked) {
      Error e = std::move(checked).error();
      e.message = fmt::format("record {}: {}", i + 1, e.message);
      return e;
    }
    valid.push_back(std::move(*checked));
  }
  ImportReport report;
  json::array items;
  for (const auto& o : valid) items.push_back(payload_of(o));
  auto event = log_.append({"pole-import/" + new_id(clock_), "EventsImported", by.id, "",
                            json_text(json::object{{"events", std::move(items)}})},
                           [&](store::Session& s, const events::Event& e) -> Status {
                             report = {};
                             for (const auto& o : valid) {
                               Status w = write_occurrence(s, new_id(clock_), "", o, e.at);
                               if (!w && w.error().code == ErrorCode::kConflict) {
                                 ++report.already_held;
                                 continue;
                               }
                               if (!w) return w;
                               ++report.recorded;
                             }
                             return {};
                           });
  if (!event) return std::move(event).error();
  return report;
}

Result<Occurrence> Occurrences::find(const std::string& id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("SELECT {} FROM pole_events e JOIN pole_records r ON"
                                   " r.id = e.id WHERE e.id = $1 OR e.reference = $1"
                                   " OR e.external_id = $1",
                                   occurrence_columns()),
                       {id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no event " + id);
  return occurrence_from_row(rows->front());
}

}  // namespace peel::pole
