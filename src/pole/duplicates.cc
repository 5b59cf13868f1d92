#include "pole/duplicates.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <regex>
#include <set>

#include "core/id.h"
#include "core/json_text.h"
#include "pole/register.h"
#include "pole/text_similarity.h"

namespace peel::pole {

namespace json = boost::json;

namespace {

// People compared with one arriving record at most: more share a key only when the key is as
// common as "Smith born 1980", and the likeliest are filed under the narrower keys read first.
constexpr size_t kCandidates = 300;

// A UK postcode at the end of an address: "NW5 1AA", "nw51aa".
const std::regex& postcode_pattern() {
  static const std::regex pattern(R"(([A-Za-z]{1,2}[0-9][A-Za-z0-9]?) ?([0-9][A-Za-z]{2})\s*$)");
  return pattern;
}

// "14 Acacia Avenue, Kentish Town, London NW5 1AA" into number, street, locality, town and
// postcode, as well as a free-written address allows.
void read_address(std::string address, PersonFacts& f) {
  std::smatch m;
  if (std::regex_search(address, m, postcode_pattern())) {
    f.postcode = normalise(m[1].str() + m[2].str());
    address = address.substr(0, static_cast<size_t>(m.position(0)));
  }
  std::vector<std::string> parts;
  std::string part;
  for (const char c : address + ",") {
    if (c != ',') {
      part += c;
      continue;
    }
    if (!normalise(part).empty()) parts.push_back(normalise(part));
    part.clear();
  }
  if (parts.empty()) return;
  std::vector<std::string> first = words(parts.front());
  if (!first.empty() && std::isdigit(static_cast<unsigned char>(first.front()[0]))) {
    f.house_number = first.front();
    first.erase(first.begin());
  }
  for (const auto& w : first) f.street += (f.street.empty() ? "" : " ") + w;
  if (parts.size() >= 3) f.locality = parts[1];
  if (parts.size() >= 2) f.town = parts.back();
}

std::string evidence_json(const std::vector<Evidence>& evidence) {
  json::array out;
  for (const auto& e : evidence)
    out.push_back(json::object{{"field", e.field}, {"weight", e.weight}, {"why", e.why}});
  return json_text(out);
}

std::vector<Evidence> evidence_from(const std::string& text) {
  std::vector<Evidence> out;
  std::error_code ec;
  const json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    out.push_back({std::string(e.at("field").as_string()), e.at("weight").to_number<double>(),
                   std::string(e.at("why").as_string())});
  }
  return out;
}

NewPerson as_new(const Person& p) {
  return {p.surname,     p.forenames, p.date_of_birth, p.aliases,
          p.identifiers, p.addresses, p.description};
}

constexpr std::string_view kMergeColumns =
    "id, survivor_id, merged_id, reason, merged_at, merged_by, undone_at";

Merge merge_from_row(const store::Row& row) {
  Merge m;
  m.id = row.text(0);
  m.survivor_id = row.text(1);
  m.merged_id = row.text(2);
  m.reason = row.text(3);
  m.merged_at = parse_rfc3339(row.text(4)).value_or(Timestamp{});
  m.merged_by = row.text(5);
  if (const auto u = row.optional_text(6)) m.undone_at = parse_rfc3339(*u);
  return m;
}

// The people filed under `p`'s narrow keys (the same identifier, the sound of the surname with a
// forename's sound or with the year of birth) who score `threshold` or more against `p`, other
// than `self`.
Result<std::vector<std::pair<Person, MatchScore>>> scored_candidates(store::Session& s,
                                                                     const std::string& self,
                                                                     const NewPerson& p,
                                                                     double threshold) {
  std::vector<std::string> keys;
  for (const auto& i : p.identifiers) keys.push_back(identifier_key(i));
  for (const auto& k : all_person_keys(p)) {
    if (k.starts_with("n:") || k.starts_with("y:")) keys.push_back(k);
  }
  std::set<std::string> seen{self};
  const PersonFacts mine = facts_of(p);
  std::vector<std::pair<Person, MatchScore>> out;
  for (const auto& key : keys) {
    if (seen.size() > kCandidates) break;
    auto rows = person_candidates(s, key, kCandidates);
    if (!rows) return std::move(rows).error();
    for (const auto& row : *rows) {
      if (!seen.insert(row.text(0)).second) continue;
      Person other = person_from_candidate(row);
      MatchScore score = compare_persons(mine, facts_of(as_new(other)));
      if (score.score >= threshold) out.emplace_back(std::move(other), std::move(score));
    }
  }
  return out;
}

}  // namespace

std::string identifier_key(const Identifier& i) { return "id:" + i.kind + ":" + i.value; }

PersonFacts facts_of(const NewPerson& p) {
  PersonFacts f;
  f.surname = normalise(p.surname);
  if (!p.forenames.empty()) f.forenames = normalise(p.forenames.front());
  if (p.date_of_birth) {
    f.birth_year = p.date_of_birth->year;
    f.birth_month = p.date_of_birth->month;
    f.birth_day = p.date_of_birth->day;
  }
  if (!p.addresses.empty()) read_address(p.addresses.front(), f);
  // The identifier that names one person best: a PNC ID, else an NI number, else any.
  for (const char* kind : {"pnc", "ni_number", "driving_licence", "passport"}) {
    const auto it = std::find_if(p.identifiers.begin(), p.identifiers.end(),
                                 [&](const Identifier& i) { return i.kind == kind; });
    if (it != p.identifiers.end()) {
      f.identifier = normalise(it->value);
      break;
    }
  }
  return f;
}

Status file_possible_duplicates(store::Session& s, const std::string& id, const NewPerson& p,
                                Timestamp at) {
  auto cleared =
      s.execute("DELETE FROM pole_duplicates WHERE person_id = $1 OR other_id = $1", {id});
  if (!cleared) return std::move(cleared).error();
  auto likely = scored_candidates(s, id, p, kDuplicateThreshold);
  if (!likely) return std::move(likely).error();
  for (const auto& [other, score] : *likely) {
    const auto [first, second] = std::minmax(id, other.id);
    auto saved = s.execute(
        "INSERT INTO pole_duplicates (person_id, other_id, score, evidence, found_at)"
        " VALUES ($1, $2, $3, $4, $5)",
        {first, second, score.score, evidence_json(score.evidence), format_rfc3339(at)});
    if (!saved) return std::move(saved).error();
  }
  return {};
}

Result<std::vector<PersonHit>> Persons::likely_same(const NewPerson& p, double threshold) const {
  auto likely = store::in_transaction<std::vector<std::pair<Person, MatchScore>>>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return scored_candidates(s, "", p, threshold); });
  if (!likely) return std::move(likely).error();
  std::vector<PersonHit> hits;
  for (auto& [person, score] : *likely) {
    PersonHit hit{.person = std::move(person), .score = score.score, .why = {}};
    for (const auto& e : score.evidence) hit.why.push_back(e.why);
    hits.push_back(std::move(hit));
  }
  std::sort(hits.begin(), hits.end(),
            [](const PersonHit& a, const PersonHit& b) { return a.score > b.score; });
  return hits;
}

Merges::Merges(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<std::vector<PossibleDuplicate>> Merges::possible(const std::string& person_id, size_t limit,
                                                        size_t skip) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            fmt::format("SELECT d.person_id, d.other_id, d.score, d.evidence, d.found_at"
                        " FROM pole_duplicates d JOIN pole_records a ON a.id = d.person_id"
                        " JOIN pole_records b ON b.id = d.other_id"
                        " WHERE a.merged_into IS NULL AND b.merged_into IS NULL"
                        " AND ($1 = '' OR d.person_id = $1 OR d.other_id = $1)"
                        " ORDER BY d.score DESC, d.found_at DESC, d.person_id, d.other_id"
                        " LIMIT {} OFFSET {}",
                        limit, skip),
            {person_id});
      });
  if (!rows) return std::move(rows).error();
  std::vector<PossibleDuplicate> out;
  for (const auto& r : *rows) {
    out.push_back({r.text(0), r.text(1), r.real(2), evidence_from(r.text(3)),
                   parse_rfc3339(r.text(4)).value_or(Timestamp{})});
  }
  return out;
}

Result<Merge> Merges::merge(const std::string& survivor_id, const std::string& merged_id,
                            const std::string& reason, const auth::Actor& by) {
  if (survivor_id == merged_id)
    return Error::invalid("merged_id",
                          "is the survivor itself: a record cannot be merged into"
                          " itself");
  if (reason.empty() || reason.size() > 1000)
    return Error::invalid("reason", "must say why they are one person (1 to 1,000 characters)");
  const std::string id = new_id(clock_);
  const json::object payload{
      {"survivor_id", survivor_id}, {"merged_id", merged_id}, {"merge_id", id}};
  auto event = log_.append(
      {"person/" + merged_id, "PersonMerged", by.id, reason, json_text(payload)},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto survivor = registered(s, "survivor_id", survivor_id);
        if (!survivor) return std::move(survivor).error();
        auto merged = registered(s, "merged_id", merged_id);
        if (!merged) return std::move(merged).error();
        if (survivor->kind != "person")
          return Error::invalid("survivor_id", "is a " + survivor->kind + ", not a person");
        if (merged->kind != "person")
          return Error::invalid("merged_id", "is a " + merged->kind + ", not a person");
        if (!merged->merged_into.empty())
          return Error::conflict("merged_id was already merged into " + merged->merged_into);
        if (!survivor->merged_into.empty()) {
          // Follow the survivor's merges: ending at the merged record would make a cycle.
          std::string at = survivor->merged_into;
          for (int hops = 0; !at.empty() && hops < 100; ++hops) {
            if (at == merged_id)
              return Error::invalid("survivor_id",
                                    fmt::format("was merged into {0}: merging {0} into it would"
                                                " make a cycle",
                                                merged_id));
            auto next = registered(s, "survivor_id", at);
            if (!next) return std::move(next).error();
            at = next->merged_into;
          }
          return Error::invalid("survivor_id", "was merged into " + survivor->merged_into +
                                                   "; merge into that record");
        }
        auto marked = s.execute("UPDATE pole_records SET merged_into = $2 WHERE id = $1",
                                {merged_id, survivor_id});
        if (!marked) return std::move(marked).error();
        auto row = s.execute(
            fmt::format("INSERT INTO pole_merges ({}) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        kMergeColumns),
            {id, survivor_id, merged_id, reason, format_rfc3339(e.at), by.id, store::Value()});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return find(id);
}

Result<Merge> Merges::undo(const std::string& merge_id, const std::string& reason,
                           const auth::Actor& by) {
  if (reason.empty() || reason.size() > 1000)
    return Error::invalid("reason", "must say why the merge was wrong (1 to 1,000 characters)");
  auto merge = find(merge_id);
  if (!merge) return merge;
  auto event = log_.append(
      {"person/" + merge->merged_id, "PersonMergeUndone", by.id, reason,
       json_text(json::object{{"merge_id", merge_id},
                              {"survivor_id", merge->survivor_id},
                              {"merged_id", merge->merged_id}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto undone =
            s.execute("UPDATE pole_merges SET undone_at = $2 WHERE id = $1 AND undone_at IS NULL",
                      {merge_id, format_rfc3339(e.at)});
        if (!undone) return std::move(undone).error();
        if (*undone == 0) return Error::conflict("merge " + merge_id + " was already undone");
        auto freed = s.execute("UPDATE pole_records SET merged_into = NULL WHERE id = $1",
                               {merge->merged_id});
        if (!freed) return std::move(freed).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return find(merge_id);
}

Result<Merge> Merges::find(const std::string& merge_id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("SELECT {} FROM pole_merges WHERE id = $1", kMergeColumns),
                       {merge_id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no merge " + merge_id);
  return merge_from_row(rows->front());
}

Result<std::vector<std::string>> Merges::merged_into(const std::string& id) const {
  return store::in_transaction<std::vector<std::string>>(
      store_, store::Access::kRead, [&](store::Session& s) -> Result<std::vector<std::string>> {
        std::vector<std::string> out, frontier{id};
        while (!frontier.empty() && out.size() < 1000) {
          const std::string next = frontier.back();
          frontier.pop_back();
          auto rows = s.query("SELECT id FROM pole_records WHERE merged_into = $1", {next});
          if (!rows) return std::move(rows).error();
          for (const auto& r : *rows) {
            out.push_back(r.text(0));
            frontier.push_back(r.text(0));
          }
        }
        return out;
      });
}

Result<std::vector<Merge>> Merges::history(const std::string& id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("SELECT {} FROM pole_merges WHERE survivor_id = $1 OR"
                                   " merged_id = $1 ORDER BY merged_at",
                                   kMergeColumns),
                       {id});
      });
  if (!rows) return std::move(rows).error();
  std::vector<Merge> out;
  for (const auto& r : *rows) out.push_back(merge_from_row(r));
  return out;
}

}  // namespace peel::pole
