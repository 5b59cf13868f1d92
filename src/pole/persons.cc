#include "pole/persons.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>

#include "core/id.h"
#include "core/json_text.h"
#include "pole/duplicates.h"
#include "pole/register.h"
#include "pole/text_similarity.h"

namespace peel::pole {

namespace json = boost::json;

std::string format_date(const Date& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::optional<Date> parse_date(std::string_view text) {
  Date d;
  char dash1 = 0, dash2 = 0;
  int used = 0;
  const std::string s(text);
  if (s.size() != 10 ||
      std::sscanf(s.c_str(), "%4d%c%2d%c%2d%n", &d.year, &dash1, &d.month, &dash2, &d.day, &used) !=
          5 ||
      dash1 != '-' || dash2 != '-' || used != 10)
    return std::nullopt;
  return d;
}

SplitName split_name(const std::string& written) {
  SplitName name;
  name.forenames = words(written);
  if (!name.forenames.empty()) {
    name.surname = std::move(name.forenames.back());
    name.forenames.pop_back();
  }
  return name;
}

namespace {

const std::vector<std::string>& identifier_kinds() {
  static const std::vector<std::string> kinds = {"pnc",       "driving_licence", "phone",
                                                 "ni_number", "passport",        "other"};
  return kinds;
}

bool valid_date(const Date& d) {
  using namespace std::chrono;
  return year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)},
                        day{static_cast<unsigned>(d.day)}}
      .ok();
}

Date today(const Clock& clock) {
  const auto days = std::chrono::floor<std::chrono::days>(clock.now());
  const std::chrono::year_month_day ymd{days};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// A name as written by people: trimmed, inner spaces single; 1..`max` characters.
Result<std::string> name_field(const std::string& field, const std::string& text, size_t max) {
  std::string out;
  for (const char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    if (static_cast<unsigned char>(c) < 0x20)
      return Error::invalid(field, "must not hold control characters");
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty() || out.size() > max)
    return Error::invalid(field, fmt::format("must be 1 to {} characters", max));
  if (normalise(out).empty()) return Error::invalid(field, "must contain letters");
  return out;
}

// The forms identifiers take: a PNC ID is YY/NNNNNNNL (year, serial of up to seven digits, check
// letter); a GB driving licence number 16 letters and digits; a phone number 10 to 13 digits
// (a leading + allowed); a National Insurance number two letters, six digits, a letter A-D.
Status check_identifier(size_t index, const Identifier& id) {
  const std::string field = fmt::format("identifiers[{}]", index);
  if (std::find(identifier_kinds().begin(), identifier_kinds().end(), id.kind) ==
      identifier_kinds().end())
    return Error::invalid(field + ".kind",
                          "must be pnc, driving_licence, phone, ni_number, passport or other");
  const std::string& v = id.value;
  auto all = [&](size_t from, size_t to, int (*test)(int)) {
    for (size_t i = from; i < to; ++i) {
      if (!test(static_cast<unsigned char>(v[i]))) return false;
    }
    return true;
  };
  bool ok = !v.empty() && v.size() <= 40;
  if (id.kind == "pnc") {
    const size_t slash = v.find('/');
    ok = slash == 2 && v.size() >= 5 && v.size() <= 11 && all(0, 2, isdigit) &&
         all(3, v.size() - 1, isdigit) && isupper(static_cast<unsigned char>(v.back()));
  } else if (id.kind == "driving_licence") {
    ok = v.size() == 16 && all(0, 16, isalnum);
  } else if (id.kind == "phone") {
    const size_t from = !v.empty() && v[0] == '+' ? 1 : 0;
    ok = v.size() - from >= 10 && v.size() - from <= 13 && all(from, v.size(), isdigit);
  } else if (id.kind == "ni_number") {
    ok = v.size() == 9 && all(0, 2, isupper) && all(2, 8, isdigit) && v[8] >= 'A' && v[8] <= 'D';
  }
  if (!ok) return Error::invalid(field + ".value", "is not a well-formed " + id.kind);
  return {};
}

json::object details_json(const NewPerson& p) {
  json::array aliases, identifiers;
  for (const auto& a : p.aliases) aliases.emplace_back(a);
  for (const auto& i : p.identifiers)
    identifiers.push_back(json::object{{"kind", i.kind}, {"value", i.value}});
  json::array addresses;
  for (const auto& a : p.addresses) addresses.emplace_back(a);
  return {{"aliases", std::move(aliases)},
          {"identifiers", std::move(identifiers)},
          {"addresses", std::move(addresses)},
          {"description", p.description}};
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

Result<NewPerson> validate_person(NewPerson p, const Clock& clock) {
  auto surname = name_field("surname", p.surname, 100);
  if (!surname) return std::move(surname).error();
  p.surname = std::move(*surname);
  if (p.forenames.size() > 10) return Error::invalid("forenames", "at most 10 names");
  for (size_t i = 0; i < p.forenames.size(); ++i) {
    auto f = name_field(fmt::format("forenames[{}]", i), p.forenames[i], 60);
    if (!f) return std::move(f).error();
    p.forenames[i] = std::move(*f);
  }
  if (p.date_of_birth) {
    if (!valid_date(*p.date_of_birth) || p.date_of_birth->year < 1880)
      return Error::invalid("date_of_birth", "is not a date (YYYY-MM-DD, from 1880)");
    const Date now = today(clock);
    if (std::tie(p.date_of_birth->year, p.date_of_birth->month, p.date_of_birth->day) >
        std::tie(now.year, now.month, now.day))
      return Error::invalid("date_of_birth", "is in the future");
  }
  if (p.aliases.size() > 20) return Error::invalid("aliases", "at most 20");
  for (size_t i = 0; i < p.aliases.size(); ++i) {
    auto a = name_field(fmt::format("aliases[{}]", i), p.aliases[i], 160);
    if (!a) return std::move(a).error();
    p.aliases[i] = std::move(*a);
  }
  if (p.identifiers.size() > 20) return Error::invalid("identifiers", "at most 20");
  for (size_t i = 0; i < p.identifiers.size(); ++i) {
    if (Status s = check_identifier(i, p.identifiers[i]); !s) return std::move(s).error();
  }
  if (p.addresses.size() > 10) return Error::invalid("addresses", "at most 10");
  for (size_t i = 0; i < p.addresses.size(); ++i) {
    auto a = name_field(fmt::format("addresses[{}]", i), p.addresses[i], 300);
    if (!a) return std::move(a).error();
    p.addresses[i] = std::move(*a);
  }
  if (p.description.size() > 4000)
    return Error::invalid("description", "must be at most 4,000 characters");
  return p;
}

namespace {

json::object person_payload(const NewPerson& p) {
  json::array forenames;
  for (const auto& f : p.forenames) forenames.emplace_back(f);
  return {{"surname", p.surname},
          {"forenames", forenames},
          {"date_of_birth",
           p.date_of_birth ? json::value(format_date(*p.date_of_birth)) : json::value()},
          {"details", details_json(p)}};
}

// The person's row and keys, and the people they may duplicate.
Status write_person(store::Session& s, const std::string& id, const NewPerson& p, bool is_new,
                    Timestamp at) {
  const store::Value born =
      p.date_of_birth ? store::Value(format_date(*p.date_of_birth)) : store::Value();
  const std::string details = json_text(details_json(p));
  auto row = is_new ? s.execute(
                          "INSERT INTO pole_persons (id, surname, forenames, date_of_birth,"
                          " details, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
                          {id, p.surname, joined(p.forenames), born, details, format_rfc3339(at)})
                    : s.execute(
                          "UPDATE pole_persons SET surname = $2, forenames = $3,"
                          " date_of_birth = $4, details = $5 WHERE id = $1",
                          {id, p.surname, joined(p.forenames), born, details});
  if (!row) return std::move(row).error();
  if (!is_new) {
    auto gone = s.execute("DELETE FROM pole_person_keys WHERE person_id = $1", {id});
    if (!gone) return std::move(gone).error();
  }
  for (const auto& key : all_person_keys(p)) {
    auto k = s.execute("INSERT INTO pole_person_keys (key, person_id) VALUES ($1, $2)", {key, id});
    if (!k) return std::move(k).error();
  }
  if (is_new) {
    if (Status r = register_record(s, id, "person", at, kMopiDefaultGroup); !r) return r;
  }
  return file_possible_duplicates(s, id, p, at);
}

}  // namespace

std::vector<std::string> all_person_keys(const NewPerson& p) {
  const int year = p.date_of_birth ? p.date_of_birth->year : 0;
  std::vector<std::string> keys = person_keys(p.surname, p.forenames, year);
  for (const auto& alias : p.aliases) {
    const SplitName name = split_name(alias);
    for (auto& k : person_keys(name.surname, name.forenames, year)) keys.push_back(std::move(k));
  }
  for (const auto& i : p.identifiers) keys.push_back(identifier_key(i));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

Persons::Persons(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<Person> Persons::record(const NewPerson& request, const auth::Actor& by) {
  auto checked = validate_person(request, clock_);
  if (!checked) return std::move(checked).error();
  const std::string id = new_id(clock_);
  auto event = log_.append(
      {"person/" + id, "PersonRecorded", by.id, "", json_text(person_payload(*checked))},
      [&](store::Session& s, const events::Event& e) {
        return write_person(s, id, *checked, true, e.at);
      });
  if (!event) return std::move(event).error();
  return find(id);
}

Result<Person> Persons::amend(const std::string& id, const NewPerson& request,
                              const auth::Actor& by) {
  auto checked = validate_person(request, clock_);
  if (!checked) return std::move(checked).error();
  auto event =
      log_.append({"person/" + id, "PersonAmended", by.id, "", json_text(person_payload(*checked))},
                  [&](store::Session& s, const events::Event& e) -> Status {
                    auto now = registered(s, "id", id);
                    if (!now || now->kind != "person") return Error::not_found("no person " + id);
                    if (!now->merged_into.empty())
                      return Error::conflict("this record was merged into " + now->merged_into +
                                             "; amend that one");
                    return write_person(s, id, *checked, false, e.at);
                  });
  if (!event) return std::move(event).error();
  return find(id);
}

}  // namespace peel::pole
