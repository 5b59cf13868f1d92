#include "duty/abstractions.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"

namespace peel::duty {

namespace json = boost::json;

namespace {

constexpr auto kLongestAbstraction = std::chrono::days(366);

constexpr std::string_view kColumns =
    "SELECT id, person_id, kind, starts, ends, note, status, requested_by, decided_by,"
    " decision_note FROM duty_abstractions";

Abstraction abstraction_from_row(const store::Row& r) {
  Abstraction a;
  a.id = r.text(0);
  a.facts = {.person_id = r.text(1),
             .kind = r.text(2),
             .start = parse_rfc3339(r.text(3)).value_or(Timestamp{}),
             .end = parse_rfc3339(r.text(4)).value_or(Timestamp{}),
             .note = r.text(5)};
  a.status = r.text(6);
  a.requested_by = r.text(7);
  a.decided_by = r.optional_text(8).value_or("");
  a.decision_note = r.optional_text(9).value_or("");
  return a;
}

}  // namespace

const std::vector<std::string>& abstraction_kinds() {
  static const std::vector<std::string> kinds = {"annual_leave", "sickness",      "training",
                                                 "court",        "compassionate", "other"};
  return kinds;
}

Abstractions::Abstractions(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<Abstraction> Abstractions::record(const NewAbstraction& a, bool stands,
                                         const auth::Actor& by) {
  const auto& kinds = abstraction_kinds();
  if (std::find(kinds.begin(), kinds.end(), a.kind) == kinds.end())
    return Error::invalid("kind",
                          "must be annual_leave, sickness, training, court,"
                          " compassionate or other");
  if (a.end <= a.start) return Error::invalid("end", "must be after start");
  if (a.end - a.start > kLongestAbstraction)
    return Error::invalid("end", "makes it longer than a year; record it in parts");
  if (a.note.size() > 1000) return Error::invalid("note", "must be at most 1,000 characters");
  const std::string id = new_id(clock_);
  const std::string status = stands ? "approved" : "requested";
  const json::object payload{{"person_id", a.person_id},
                             {"kind", a.kind},
                             {"start", format_rfc3339(a.start)},
                             {"end", format_rfc3339(a.end)},
                             {"status", status}};
  auto event = log_.append(
      {"duty-abstraction/" + id, "AbstractionRecorded", by.id, a.note, json_text(payload)},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto known = s.query("SELECT 1 FROM duty_people WHERE id = $1", {a.person_id});
        if (!known) return std::move(known).error();
        if (known->empty())
          return Error::invalid("person_id", "is nobody on the roster (" + a.person_id + ")");
        if (stands) {  // no one records their own absence as approved
          auto own = s.query("SELECT 1 FROM duty_people WHERE id = $1 AND user_name = $2",
                             {a.person_id, by.username});
          if (!own) return std::move(own).error();
          if (!own->empty())
            return Error::forbidden("no one records their own " + a.kind +
                                    " as approved: ask another supervisor or planner");
        }
        auto row = s.execute(
            "INSERT INTO duty_abstractions (id, person_id, kind, starts, ends, note, status,"
            " requested_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            {id, a.person_id, a.kind, format_rfc3339(a.start), format_rfc3339(a.end), a.note,
             status, by.id, format_rfc3339(e.at)});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<Abstraction> Abstractions::decide(const std::string& id, bool approve,
                                         const std::string& note, const auth::Actor& by) {
  if (note.size() > 1000) return Error::invalid("note", "must be at most 1,000 characters");
  const std::string status = approve ? "approved" : "refused";
  auto event = log_.append(
      {"duty-abstraction/" + id, approve ? "AbstractionApproved" : "AbstractionRefused", by.id,
       note, "{}"},
      [&](store::Session& s, const events::Event&) -> Status {
        auto now = s.query("SELECT status FROM duty_abstractions WHERE id = $1", {id});
        if (!now) return std::move(now).error();
        if (now->empty()) return Error::not_found("no abstraction " + id);
        if (now->front().text(0) != "requested")
          return Error::conflict("abstraction " + id + " was " + now->front().text(0) + " already");
        auto own = s.query(
            "SELECT 1 FROM duty_abstractions a JOIN duty_people p ON p.id = a.person_id"
            " WHERE a.id = $1 AND (p.user_name = $2 OR a.requested_by = $3)",
            {id, by.username, by.id});
        if (!own) return std::move(own).error();
        if (!own->empty())
          return Error::forbidden(
              "no one decides their own request, or one they made: ask another supervisor");
        auto row = s.execute(
            "UPDATE duty_abstractions SET status = $2, decided_by = $3, decision_note = $4"
            " WHERE id = $1",
            {id, status, by.id, note});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<Abstraction> Abstractions::get(const std::string& id) const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return s.query(fmt::format("{} WHERE id = $1", kColumns), {id}); });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no abstraction " + id);
  return abstraction_from_row(rows->front());
}

Result<std::vector<Abstraction>> Abstractions::between(Timestamp from, Timestamp to,
                                                       const std::string& person_id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        // None is longer than kLongestAbstraction: the start bounds both sides (the index).
        std::string where = "starts < $1 AND starts > $3 AND ends > $2";
        store::Params params{format_rfc3339(to), format_rfc3339(from),
                             format_rfc3339(from - kLongestAbstraction)};
        if (!person_id.empty()) where += " AND person_id = $4", params.emplace_back(person_id);
        return s.query(fmt::format("{} WHERE {} ORDER BY starts", kColumns, where), params);
      });
  if (!rows) return std::move(rows).error();
  std::vector<Abstraction> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(abstraction_from_row(r));
  return out;
}

}  // namespace peel::duty
