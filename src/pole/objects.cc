#include "pole/objects.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"
#include "pole/register.h"

namespace peel::pole {

namespace json = boost::json;

namespace {

// Candidates read for one partial VRM at most.
constexpr size_t kCandidates = 5'000;

bool matches_at(const std::string& vrm, size_t at, const std::string& pattern) {
  if (at + pattern.size() > vrm.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '?' && pattern[i] != vrm[at + i]) return false;
  }
  return true;
}

// The first string of letters and digits after every string that starts with `prefix`, in any
// collation that sorts digits before letters (C and the usual locales): "AB12" -> "AB13",
// "ABZ" -> "AC"; empty when there is none ("ZZ").
std::string next_prefix(std::string prefix) {
  static constexpr std::string_view kOrder = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  while (!prefix.empty()) {
    const size_t at = kOrder.find(prefix.back());
    prefix.pop_back();
    if (at + 1 < kOrder.size()) return prefix + kOrder[at + 1];
  }
  return prefix;
}

Object object_from_row(const store::Row& row) {
  Object o;
  o.id = row.text(0);
  o.facts.kind = row.text(1);
  o.facts.vrm = row.optional_text(2).value_or("");
  std::error_code ec;
  const json::value d = json::parse(row.text(3), ec);
  if (!ec && d.is_object()) {
    auto get = [&](const char* name) {
      const auto* v = d.as_object().if_contains(name);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    o.facts.make = get("make");
    o.facts.model = get("model");
    o.facts.colour = get("colour");
    o.facts.identifier = get("identifier");
    o.facts.description = get("description");
  }
  o.recorded_at = parse_rfc3339(row.text(4)).value_or(Timestamp{});
  o.retention = retention_from(row, 5);
  return o;
}

constexpr std::string_view kColumns =
    "o.id, o.kind, o.vrm, o.details, r.recorded_at, r.mopi_group, r.review_due";

}  // namespace

const std::vector<std::string>& object_kinds() {
  static const std::vector<std::string> kinds = {"vehicle", "phone", "weapon", "property",
                                                 "document"};
  return kinds;
}

std::optional<std::string> normalise_vrm(std::string_view written) {
  std::string out;
  bool letter = false, digit = false;
  for (const char c : written) {
    if (c == ' ') continue;
    const auto u = static_cast<unsigned char>(c);
    if (std::isdigit(u)) {
      digit = true;
    } else if (std::isalpha(u)) {
      letter = true;
    } else {
      return std::nullopt;
    }
    out += static_cast<char>(std::toupper(u));
  }
  if (out.size() < 2 || out.size() > 7 || !letter || !digit) return std::nullopt;
  return out;
}

Result<NewObject> validate_object(NewObject o) {
  if (std::find(object_kinds().begin(), object_kinds().end(), o.kind) == object_kinds().end())
    return Error::invalid("kind", "must be vehicle, phone, weapon, property or document");
  if (o.kind == "vehicle") {
    const auto vrm = normalise_vrm(o.vrm);
    if (!vrm)
      return Error::invalid("vrm",
                            "is not a registration mark (2 to 7 letters and digits, with both)");
    o.vrm = *vrm;
  } else if (!o.vrm.empty()) {
    return Error::invalid("vrm", "only a vehicle has a registration mark");
  }
  for (auto [field, value, max] :
       {std::tuple<const char*, std::string*, size_t>{"make", &o.make, 60},
        {"model", &o.model, 60},
        {"colour", &o.colour, 40},
        {"identifier", &o.identifier, 60},
        {"description", &o.description, 4000}}) {
    if (Status s = check_text(field, *value, max); !s) return std::move(s).error();
  }
  if (o.kind != "vehicle" && o.identifier.empty() && o.description.empty())
    return Error::invalid("description", "is required when there is no identifier");
  return o;
}

Objects::Objects(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<Object> Objects::record(const NewObject& request, const auth::Actor& by) {
  auto checked = validate_object(request);
  if (!checked) return std::move(checked).error();
  const NewObject& o = *checked;
  const std::string id = new_id(clock_);
  const json::object details{{"make", o.make},
                             {"model", o.model},
                             {"colour", o.colour},
                             {"identifier", o.identifier},
                             {"description", o.description}};
  json::object payload = details;
  payload["kind"] = o.kind;
  payload["vrm"] = o.vrm;
  auto event = log_.append(
      {"object/" + id, "ObjectRecorded", by.id, "", json_text(payload)},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto row = s.execute(
            "INSERT INTO pole_objects (id, kind, vrm, details) VALUES ($1, $2, $3, $4)",
            {id, o.kind, o.vrm.empty() ? store::Value() : store::Value(o.vrm), json_text(details)});
        if (!row) return std::move(row).error();
        for (size_t from = 0; o.vrm.size() >= 2 && from + 2 <= o.vrm.size(); ++from) {
          auto key = s.execute("INSERT INTO pole_object_keys (key, object_id) VALUES ($1, $2)",
                               {o.vrm.substr(from), id});
          if (!key) return std::move(key).error();
        }
        return register_record(s, id, "object", e.at, kMopiDefaultGroup);
      });
  if (!event) return std::move(event).error();
  return find(id);
}

Result<Object> Objects::find(const std::string& id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("SELECT {} FROM pole_objects o JOIN pole_records r ON"
                                   " r.id = o.id WHERE o.id = $1",
                                   kColumns),
                       {id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no object " + id);
  return object_from_row(rows->front());
}

Result<std::vector<ObjectHit>> Objects::search_vrm(const std::string& partial, size_t limit) const {
  std::string pattern;
  for (const char c : partial) {
    if (c == ' ') continue;
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '?')
      return Error::invalid("vrm", "may hold letters, digits and ? for an unknown character");
    pattern += static_cast<char>(std::toupper(u));
  }
  if (pattern.size() > 7) return Error::invalid("vrm", "at most 7 characters");
  // The longest run of known characters is what the index is read by.
  std::string run, longest;
  for (const char c : pattern + "?") {
    if (c == '?') {
      if (run.size() > longest.size()) longest = run;
      run.clear();
    } else {
      run += c;
    }
  }
  if (longest.size() < 2) return Error::invalid("vrm", "needs two known characters in a row");
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        // Every key is an ending of a VRM, so the endings that start with the run are the VRMs
        // that contain it.
        const std::string upto = next_prefix(longest);
        return s.query(fmt::format("SELECT DISTINCT {} FROM pole_object_keys k JOIN pole_objects"
                                   " o ON o.id = k.object_id JOIN pole_records r ON r.id = o.id"
                                   " WHERE k.key >= $1 AND ($2 = '' OR k.key < $2) LIMIT {}",
                                   kColumns, kCandidates),
                       {longest, upto});
      });
  if (!rows) return std::move(rows).error();
  std::vector<ObjectHit> hits;
  for (const auto& row : *rows) {
    Object o = object_from_row(row);
    for (size_t at = 0; at + pattern.size() <= o.facts.vrm.size(); ++at) {
      if (!matches_at(o.facts.vrm, at, pattern)) continue;
      ObjectHit hit{std::move(o), ""};
      hit.why = at == 0 && pattern.size() == hit.object.facts.vrm.size()
                    ? "VRM is " + pattern
                    : fmt::format("VRM contains {} at {}", pattern, at + 1);
      hits.push_back(std::move(hit));
      break;
    }
  }
  // Whole marks first, then marks that start with it, then the rest, alphabetically.
  std::sort(hits.begin(), hits.end(), [&](const ObjectHit& a, const ObjectHit& b) {
    auto rank = [&](const ObjectHit& h) {
      return h.object.facts.vrm.size() == pattern.size() ? 0 : h.why.ends_with(" at 1") ? 1 : 2;
    };
    return std::pair(rank(a), a.object.facts.vrm) < std::pair(rank(b), b.object.facts.vrm);
  });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace peel::pole
