#include "pole/api/pole_api.h"

#include <fmt/format.h>

#include <boost/json.hpp>

namespace peel::pole {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

json::object person_json(const Person& p) {
  json::array forenames, aliases, identifiers;
  for (const auto& f : p.forenames) forenames.emplace_back(f);
  for (const auto& a : p.aliases) aliases.emplace_back(a);
  for (const auto& i : p.identifiers)
    identifiers.push_back(json::object{{"kind", i.kind}, {"value", i.value}});
  return {{"id", p.id},
          {"surname", p.surname},
          {"forenames", std::move(forenames)},
          {"date_of_birth",
           p.date_of_birth ? json::value(format_date(*p.date_of_birth)) : json::value()},
          {"aliases", std::move(aliases)},
          {"identifiers", std::move(identifiers)},
          {"description", p.description},
          {"recorded_at", format_rfc3339(p.recorded_at)}};
}

http::Handler record_person(Persons& persons, auth::AuthService& auth) {
  return [&persons, &auth](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
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
    p.description = fields->optional_string("description", 4000).value_or("");
    if (Status s = fields->finish(); !s) return std::move(s).error();
    if (born) {
      p.date_of_birth = parse_date(*born);
      if (!p.date_of_birth) return Error::invalid("date_of_birth", "must be YYYY-MM-DD");
    }
    auto made = persons.record(p, c.actor());
    if (!made) return std::move(made).error();
    const std::string purpose = c.purpose().empty() ? "recording a person" : c.purpose();
    if (Status s = auth.record_access(c.actor(), auth::AccessAction::kCollection, "person",
                                      made->id, purpose, "recorded " + made->surname);
        !s)
      return std::move(s).error();
    return http::json_response(201, person_json(*made));
  };
}

http::Handler get_person(Persons& persons, auth::AuthService& auth) {
  return [&persons, &auth](http::Context& c) -> Result<http::Response> {
    auto person = persons.find(c.path_params.at("id"));
    if (!person) return std::move(person).error();
    if (Status s = auth.record_access(c.actor(), auth::AccessAction::kConsultation, "person",
                                      person->id, c.purpose(), "viewed the record");
        !s)
      return std::move(s).error();
    return http::json_response(200, person_json(*person));
  };
}

// ?age=MIN-MAX or ?min_age= / ?max_age=: whole years, 0..130.
Result<std::optional<int>> age_param(const http::Context& c, const char* name) {
  const auto it = c.query.find(name);
  if (it == c.query.end()) return std::optional<int>();
  int age = -1, used = 0;
  if (std::sscanf(it->second.c_str(), "%3d%n", &age, &used) != 1 ||
      used != static_cast<int>(it->second.size()) || age < 0 || age > 130)
    return Error::invalid(name, "must be a whole number of years, 0 to 130");
  return std::optional<int>(age);
}

http::Handler search_persons(Persons& persons, auth::AuthService& auth, const Clock& clock) {
  return [&persons, &auth, &clock](http::Context& c) -> Result<http::Response> {
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
    q.today = clock.now();
    auto hits = persons.search(q);
    if (!hits) return std::move(hits).error();
    // Recorded, with what was asked, before anything is returned.
    if (Status s = auth.record_access(c.actor(), auth::AccessAction::kConsultation, "person", "*",
                                      c.purpose(), "searched for '" + q.name + "'");
        !s)
      return std::move(s).error();
    json::array items;
    for (const auto& h : *hits) {
      json::object item = person_json(h.person);
      item["score"] = h.score;
      json::array why;
      for (const auto& w : h.why) why.emplace_back(w);
      item["why"] = std::move(why);
      items.push_back(std::move(item));
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

}  // namespace

void add_pole_routes(http::Router& router, Persons& persons, auth::AuthService& auth,
                     const Clock& clock) {
  router.add({.method = "POST",
              .pattern = "/api/v1/persons",
              .permission = perm::kPoleWrite,
              .handler = record_person(persons, auth),
              .summary = "Record a person: 201 with the record and its id"});
  router.add({.method = "GET",
              .pattern = "/api/v1/persons/search",
              .permission = perm::kPoleRead,
              .handler = search_persons(persons, auth, clock),
              .summary = "People by name (?q=, any order, sounds-alike), ?dob=YYYY[-MM[-DD]], "
                         "?min_age=&max_age=; ranked with why (needs Peel-Purpose; logged)"});
  router.add({.method = "GET",
              .pattern = "/api/v1/persons/{id}",
              .permission = perm::kPoleRead,
              .handler = get_person(persons, auth),
              .summary = "One person (needs Peel-Purpose; logged)"});
}

}  // namespace peel::pole
