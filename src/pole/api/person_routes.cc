// /api/v1/persons: record, amend, read (with markers, links, possible duplicates and merged
// records), search; possible duplicates, merges and their undoing.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "pole/api/pole_json.h"
#include "pole/api/routes.h"

namespace peel::pole {

namespace json = boost::json;
namespace perm = auth::permission;
using auth::AccessAction;

namespace {

Result<NewPerson> read_person(const std::string& body) {
  auto fields = http::JsonFields::parse(body);
  if (!fields) return std::move(fields).error();
  NewPerson p;
  p.surname = fields->string("surname", 1, 100);
  p.forenames = fields->string_list("forenames", 10, 60);
  const auto born = fields->optional_string("date_of_birth", 10);
  p.aliases = fields->string_list("aliases", 20, 160);
  for (auto& i : fields->object_list("identifiers", 20, 0)) {
    Identifier id{i.string("kind", 1, 20), i.string("value", 1, 40)};
    fields->absorb(i);
    p.identifiers.push_back(std::move(id));
  }
  p.addresses = fields->string_list("addresses", 10, 300);
  p.description = fields->optional_string("description", 4000).value_or("");
  if (Status s = fields->finish(); !s) return std::move(s).error();
  if (born) {
    p.date_of_birth = parse_date(*born);
    if (!p.date_of_birth) return Error::invalid("date_of_birth", "must be YYYY-MM-DD");
  }
  return p;
}

http::Handler record_person(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto p = read_person(c.request.body);
    if (!p) return std::move(p).error();
    auto made = deps.pole.persons.record(*p, c.actor());
    if (!made) return std::move(made).error();
    json::object out = person_json(*made);
    // Who the new record may duplicate, and why, tells whether a person is on record: only
    // those who may read records see it (and each is logged); the others' records go to the
    // duplicates queue all the same.
    if (c.principal->can(perm::kPoleRead)) {
      auto possible = deps.pole.merges.possible(made->id, 10);
      if (!possible) return std::move(possible).error();
      json::array duplicates;
      for (const auto& d : *possible) duplicates.push_back(duplicate_json(d));
      out["possible_duplicates"] = std::move(duplicates);
    }
    return http::json_response(201, out);
  };
}

http::Handler amend_person(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto p = read_person(c.request.body);
    if (!p) return std::move(p).error();
    auto amended = deps.pole.persons.amend(c.path_params.at("id"), *p, c.actor());
    if (!amended) return std::move(amended).error();
    return http::json_response(200, person_json(*amended));
  };
}

// The whole record: the person, and everything the store holds about them.
Result<json::object> full_person(const PoleApiDeps& deps, const Person& person) {
  json::object out = person_json(person);
  auto merged = deps.pole.merges.merged_into(person.id);
  if (!merged) return std::move(merged).error();
  json::array merged_records;
  std::vector<std::string> ids{person.id};
  for (const auto& id : *merged) {
    auto other = deps.pole.persons.find(id);
    if (!other) return std::move(other).error();
    merged_records.push_back(person_json(*other));
    ids.push_back(id);
  }
  out["merged_records"] = std::move(merged_records);
  auto markers = deps.pole.markers.of(ids);
  if (!markers) return std::move(markers).error();
  out["markers"] = markers_json(*markers);
  auto links = deps.pole.links.of(ids);
  if (!links) return std::move(links).error();
  out["links"] = links_json(*links);
  auto possible = deps.pole.merges.possible(person.id, 20);
  if (!possible) return std::move(possible).error();
  json::array duplicates;
  for (const auto& d : *possible) {
    auto other = deps.pole.persons.find(d.person_id == person.id ? d.other_id : d.person_id);
    if (!other) return std::move(other).error();
    json::object item = duplicate_json(d);
    item["other"] = person_json(*other);
    duplicates.push_back(std::move(item));
  }
  out["possible_duplicates"] = std::move(duplicates);
  auto history = deps.pole.merges.history(person.id);
  if (!history) return std::move(history).error();
  json::array merges;
  for (const auto& m : *history) merges.push_back(merge_json(m));
  out["merges"] = std::move(merges);
  return out;
}

http::Handler get_person(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto person = deps.pole.persons.find(c.path_params.at("id"));
    if (!person) return std::move(person).error();
    auto out = full_person(deps, *person);
    if (!out) return std::move(out).error();
    return http::json_response(200, *out);
  };
}

// ?min_age= / ?max_age=: whole years, 0..130.
Result<std::optional<int>> age_param(const http::Context& c, const char* name) {
  const auto it = c.query.find(name);
  if (it == c.query.end()) return std::optional<int>();
  int age = -1, used = 0;
  if (std::sscanf(it->second.c_str(), "%3d%n", &age, &used) != 1 ||
      used != static_cast<int>(it->second.size()) || age < 0 || age > 130)
    return Error::invalid(name, "must be a whole number of years, 0 to 130");
  return std::optional<int>(age);
}

http::Handler search_persons(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    PersonQuery q;
    q.name = c.query.count("q") ? c.query.at("q") : std::string();
    if (q.name.size() > 200) return Error::invalid("q", "must be at most 200 characters");
    if (const auto dob = c.query.find("dob"); dob != c.query.end()) {
      const std::string& t = dob->second;
      int used = 0;
      const int parts = std::sscanf(t.c_str(), "%4d-%2d-%2d%n", &q.birth_year, &q.birth_month,
                                    &q.birth_day, &used);
      const bool shape_ok = (t.size() == 4 || t.size() == 7 || t.size() == 10) && parts >= 1 &&
                            q.birth_year >= 1880 && q.birth_month >= 0 && q.birth_month <= 12 &&
                            q.birth_day >= 0 && q.birth_day <= 31;
      if (!shape_ok) return Error::invalid("dob", "must be YYYY, YYYY-MM or YYYY-MM-DD");
    }
    auto min_age = age_param(c, "min_age");
    if (!min_age) return std::move(min_age).error();
    auto max_age = age_param(c, "max_age");
    if (!max_age) return std::move(max_age).error();
    q.min_age = *min_age;
    q.max_age = *max_age;
    if (q.min_age && q.max_age && *q.min_age > *q.max_age)
      return Error::invalid("max_age", "must not be below min_age");
    auto limit = http::limit_param(c, 20, 100);
    if (!limit) return std::move(limit).error();
    q.limit = static_cast<size_t>(*limit);
    q.today = deps.clock.now();
    auto hits = deps.pole.persons.search(q);
    if (!hits) return std::move(hits).error();
    std::vector<std::string> ids;
    for (const auto& h : *hits) ids.push_back(h.person.id);
    auto markers = deps.pole.markers.of(ids);
    if (!markers) return std::move(markers).error();
    json::array items;
    for (const auto& h : *hits) {
      json::object item = person_json(h.person);
      item["score"] = h.score;
      item["why"] = strings_json(h.why);
      json::array marks;
      for (const auto& m : *markers) {
        if (m.facts.record_id == h.person.id) marks.push_back(marker_json(m));
      }
      item["markers"] = std::move(marks);
      items.push_back(std::move(item));
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler list_duplicates(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto limit = http::limit_param(c, 50, 1000);
    if (!limit) return std::move(limit).error();
    const std::string person = c.query.count("person_id") ? c.query.at("person_id") : "";
    // The cursor is the place in the list, best first: a page after a merge may start a pair
    // or two later or earlier than before it, which a worklist can live with.
    size_t skip = 0;
    if (c.query.count("cursor")) {
      const std::string& cursor = c.query.at("cursor");
      const auto [end, error] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), skip);
      if (error != std::errc() || end != cursor.data() + cursor.size() || cursor.empty())
        return Error::invalid("cursor",
                              "is not one this list gave: use the next_cursor of the "
                              "page before");
    }
    const auto page = static_cast<size_t>(*limit);
    auto pairs = deps.pole.merges.possible(person, page + 1, skip);
    if (!pairs) return std::move(pairs).error();
    const bool more = pairs->size() > page;
    if (more) pairs->pop_back();
    json::array items;
    for (const auto& d : *pairs) {
      json::object item = duplicate_json(d);
      for (const auto& [field, id] : {std::pair("person", d.person_id), {"other", d.other_id}}) {
        auto p = deps.pole.persons.find(id);
        if (!p) return std::move(p).error();
        item[field] = person_json(*p);
      }
      items.push_back(std::move(item));
    }
    return http::json_response(
        200, json::object{
                 {"items", std::move(items)},
                 {"next_cursor", more ? json::value(std::to_string(skip + page)) : json::value()}});
  };
}

http::Handler merge_persons(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string survivor = fields->string("survivor_id", 1, 64);
    const std::string merged = fields->string("merged_id", 1, 64);
    const std::string reason = fields->string("reason", 1, 1000);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto done = deps.pole.merges.merge(survivor, merged, reason, c.actor());
    if (!done) return std::move(done).error();
    return http::json_response(201, merge_json(*done));
  };
}

http::Handler undo_merge(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string reason = fields->string("reason", 1, 1000);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto undone = deps.pole.merges.undo(c.path_params.at("id"), reason, c.actor());
    if (!undone) return std::move(undone).error();
    return http::json_response(200, merge_json(*undone));
  };
}

}  // namespace

void add_person_routes(http::Router& router, const PoleApiDeps& deps) {
  router.add({.method = "POST",
              .pattern = "/api/v1/persons",
              .permission = perm::kPoleWrite,
              .handler = record_person(deps),
              .summary = "Record a person: 201 with the record, its id and the people it may "
                         "duplicate",
              .personal_data = http::PersonalData::usual(
                  "recording a person", {{"person", "/id", AccessAction::kCollection},
                                         {"person", "/possible_duplicates/*/person_id"},
                                         {"person", "/possible_duplicates/*/other_id"}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/persons/search",
              .permission = perm::kPoleRead,
              .handler = search_persons(deps),
              .summary = "People by name (?q=, any order, sounds-alike), ?dob=YYYY[-MM[-DD]], "
                         "?min_age=&max_age=; ranked with why (needs Peel-Purpose; logged)",
              .personal_data = http::PersonalData::stated_purpose({{"person", "/items/*/id"}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/persons/duplicates",
              .permission = perm::kPoleRead,
              .handler = list_duplicates(deps),
              .summary = "Possible duplicate people with score and evidence, best first "
                         "(?person_id=, ?limit=1..1000, ?cursor= from next_cursor; needs "
                         "Peel-Purpose; logged)",
              .personal_data = http::PersonalData::stated_purpose(
                  {{"person", "/items/*/person/id"}, {"person", "/items/*/other/id"}})});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/persons/merges",
       .permission = perm::kPoleMerge,
       .handler = merge_persons(deps),
       .summary = "Merge one person into another (survivor_id, merged_id, reason); both "
                  "records and their histories are kept",
       .personal_data = http::PersonalData::usual(
           "merging duplicate records", {{"person", "/survivor_id", AccessAction::kCombination},
                                         {"person", "/merged_id", AccessAction::kCombination}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/persons/merges/{id}/undo",
              .permission = perm::kPoleMerge,
              .handler = undo_merge(deps),
              .summary = "Undo a merge (reason)",
              .personal_data = http::PersonalData::usual(
                  "undoing a merge", {{"person", "/survivor_id", AccessAction::kAlteration},
                                      {"person", "/merged_id", AccessAction::kAlteration}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/persons/{id}",
              .permission = perm::kPoleRead,
              .handler = get_person(deps),
              .summary = "One person with markers, links, possible duplicates, merged records "
                         "and merges (needs Peel-Purpose; logged)",
              .personal_data =
                  http::PersonalData::stated_purpose({{"person", "/id"},
                                                      {"person", "/merged_records/*/id"},
                                                      {"person", "/possible_duplicates/*/other/id"},
                                                      {"record", "/links/*/from_id"},
                                                      {"record", "/links/*/to_id"}})});
  router.add({.method = "PUT",
              .pattern = "/api/v1/persons/{id}",
              .permission = perm::kPoleWrite,
              .handler = amend_person(deps),
              .summary = "Amend a person (the whole record, as POST); logged",
              .personal_data = http::PersonalData::usual(
                  "amending a person", {{"person", "/id", AccessAction::kAlteration}})});
}

}  // namespace peel::pole
