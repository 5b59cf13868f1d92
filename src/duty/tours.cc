#include "duty/tours.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"

namespace peel::duty {

namespace json = boost::json;

namespace {

constexpr auto kLongestTour = std::chrono::hours(16);
// Far enough either side of a tour for every 17-week reference period it falls in.
constexpr auto kRulesReach = std::chrono::days(7 * 18);

constexpr std::string_view kColumns =
    "SELECT id, person_id, starts, ends, kind, unit, override_reason, override_by, overridden,"
    " recorded_at FROM duty_tours";

RosteredTour tour_from_row(const store::Row& r) {
  RosteredTour t;
  t.id = r.text(0);
  t.facts = {.person_id = r.text(1),
             .start = parse_rfc3339(r.text(2)).value_or(Timestamp{}),
             .end = parse_rfc3339(r.text(3)).value_or(Timestamp{}),
             .kind = r.text(4),
             .unit = r.optional_text(5).value_or(""),
             .override_reason = r.optional_text(6).value_or("")};
  t.override_by = r.optional_text(7).value_or("");
  t.rostered_at = parse_rfc3339(r.text(9)).value_or(Timestamp{});
  if (auto broken = r.optional_text(8)) {
    const json::value rules = json::parse(*broken);
    for (const auto& b : rules.as_array()) {
      t.overridden.push_back(
          {std::string(b.at("rule").as_string()), std::string(b.at("detail").as_string())});
    }
  }
  return t;
}

Result<std::vector<RosteredTour>> tours_of(store::Session& s, const std::string& person_id,
                                           Timestamp from, Timestamp to) {
  // No tour is longer than kLongestTour, so the start bounds both sides and the index on
  // (person_id, starts) reads only the period, not every earlier tour.
  auto rows = s.query(
      fmt::format("{} WHERE person_id = $1 AND cancelled_at IS NULL AND"
                  " starts < $2 AND starts > $4 AND ends > $3 ORDER BY starts",
                  kColumns),
      {person_id, format_rfc3339(to), format_rfc3339(from), format_rfc3339(from - kLongestTour)});
  if (!rows) return std::move(rows).error();
  std::vector<RosteredTour> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(tour_from_row(r));
  return out;
}

std::string when(Timestamp t) { return format_rfc3339(t).substr(0, 16); }

// The rules `tour` would break that the person's roster does not break already; an overlap with
// another tour is refused outright. The tour `leaving` (one they give up in a swap) is left out.
Result<std::vector<RuleBreach>> breaches_added(store::Session& s, const NewTour& tour,
                                               const WorkingTimeRules& rules,
                                               const std::string& leaving = "") {
  auto known = s.query("SELECT 1 FROM duty_people WHERE id = $1", {tour.person_id});
  if (!known) return std::move(known).error();
  if (known->empty())
    return Error::invalid("person_id", "is nobody on the roster (" + tour.person_id + ")");
  const Timestamp from = tour.start - kRulesReach, to = tour.end + kRulesReach;
  auto others = tours_of(s, tour.person_id, from, to);
  if (!others) return std::move(others).error();
  std::vector<Tour> before;
  for (const auto& o : *others) {
    if (o.id == leaving) continue;
    if (o.facts.start < tour.end && tour.start < o.facts.end) {
      return Error::invalid("start",
                            fmt::format("overlaps their {} tour from {} to {}", o.facts.kind,
                                        when(o.facts.start), when(o.facts.end)));
    }
    before.push_back({o.facts.start, o.facts.end});
  }
  const auto already = check_working_time(before, from, to, rules);
  std::vector<Tour> after = before;
  after.push_back({tour.start, tour.end});
  std::vector<RuleBreach> added;
  for (auto& b : check_working_time(after, from, to, rules)) {
    const bool known_before = std::any_of(already.begin(), already.end(), [&](const auto& a) {
      return a.rule == b.rule && a.detail == b.detail;
    });
    if (!known_before) added.push_back(std::move(b));
  }
  return added;
}

json::array breaches_json(const std::vector<RuleBreach>& breaches) {
  json::array out;
  for (const auto& b : breaches)
    out.push_back(json::object{{"rule", b.rule}, {"detail", b.detail}});
  return out;
}

}  // namespace

int RosteredTour::clear_days_notice() const {
  return clear_days_between(std::chrono::floor<std::chrono::days>(rostered_at),
                            std::chrono::floor<std::chrono::days>(facts.start));
}

bool RosteredTour::changes_published_roster() const {
  // Police Regulations 2003, Annex E: rosters are published at least a month ahead.
  return facts.start - rostered_at < std::chrono::days(28);
}

const std::vector<std::string>& tour_kinds() {
  static const std::vector<std::string> kinds = {"early", "late", "night", "day",
                                                 "rest_day_working"};
  return kinds;
}

Tours::Tours(store::Store& store, events::EventLog& log, const Clock& clock, WorkingTimeRules rules)
    : store_(store), log_(log), clock_(clock), rules_(rules) {}

Result<RosteredTour> Tours::add(const NewTour& tour, const auth::Actor& by, bool may_override) {
  if (tour.end <= tour.start) return Error::invalid("end", "must be after start");
  if (tour.end - tour.start > kLongestTour)
    return Error::invalid("end", "makes a tour longer than 16 hours");
  if (std::find(tour_kinds().begin(), tour_kinds().end(), tour.kind) == tour_kinds().end())
    return Error::invalid("kind", "must be early, late, night, day or rest_day_working");
  if (tour.unit.size() > 40) return Error::invalid("unit", "must be at most 40 characters");
  if (tour.override_reason.size() > 1000)
    return Error::invalid("override_reason", "must be at most 1,000 characters");
  // The rules are checked first for the event's payload, then again in the writing transaction:
  // should another change for this person land in between, the two differ and this one is
  // refused rather than written on a stale check.
  auto broken = store::in_transaction<std::vector<RuleBreach>>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return breaches_added(s, tour, rules_); });
  if (!broken) return std::move(broken).error();
  if (!broken->empty()) {
    std::vector<std::string> named;
    named.reserve(broken->size());
    for (const auto& b : *broken) named.push_back(fmt::format("{} ({})", b.rule, b.detail));
    const std::string breaks = fmt::format("breaks {}", fmt::join(named, "; "));
    if (tour.override_reason.empty())
      return Error::conflict(breaks + "; an authorised person may accept it with override_reason");
    if (!may_override) return Error::forbidden(breaks + "; your role may not override the rules");
  }
  const bool overriding = !broken->empty();
  const std::string id = new_id(clock_);
  json::object payload{{"person_id", tour.person_id},
                       {"start", format_rfc3339(tour.start)},
                       {"end", format_rfc3339(tour.end)},
                       {"kind", tour.kind},
                       {"unit", tour.unit}};
  if (overriding) payload["overridden"] = breaches_json(*broken);
  auto event = log_.append(
      {"duty-tour/" + id, "TourRostered", by.id, overriding ? tour.override_reason : "",
       json_text(payload)},
      [&](store::Session& s, const events::Event& e) -> Status {
        if (overriding) {  // no one overrides the rules on their own tour
          auto own = s.query("SELECT 1 FROM duty_people WHERE id = $1 AND user_name = $2",
                             {tour.person_id, by.username});
          if (!own) return std::move(own).error();
          if (!own->empty())
            return Error::forbidden(
                "no one overrides the working-time rules on their own tour: ask another"
                " supervisor");
        }
        auto now = breaches_added(s, tour, rules_);
        if (!now) return std::move(now).error();
        if (now->size() != broken->size())
          return Error::conflict("their roster changed meanwhile; check the tour again");
        auto row = s.execute(
            "INSERT INTO duty_tours (id, person_id, starts, ends, kind, unit, override_reason,"
            " override_by, overridden, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
            " $10)",
            {id, tour.person_id, format_rfc3339(tour.start), format_rfc3339(tour.end), tour.kind,
             tour.unit.empty() ? store::Value{} : store::Value{tour.unit},
             overriding ? store::Value{tour.override_reason} : store::Value{},
             overriding ? store::Value{by.id} : store::Value{},
             overriding ? store::Value{json_text(breaches_json(*broken))} : store::Value{},
             format_rfc3339(e.at)});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  RosteredTour made{
      .id = id, .facts = tour, .overridden = {}, .override_by = "", .rostered_at = event->at};
  if (overriding) made.overridden = *broken, made.override_by = by.id;
  if (!overriding) made.facts.override_reason.clear();
  return made;
}

Status Tours::cancel(const std::string& tour_id, const std::string& reason, const auth::Actor& by) {
  if (reason.empty() || reason.size() > 1000)
    return Error::invalid("reason", "must say why (1 to 1,000 characters)");
  auto event = log_.append(
      {"duty-tour/" + tour_id, "TourCancelled", by.id, reason, "{}"},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto changed = s.execute(
            "UPDATE duty_tours SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL",
            {tour_id, format_rfc3339(e.at)});
        if (!changed) return std::move(changed).error();
        if (*changed == 0) return Error::not_found("no rostered tour " + tour_id);
        return {};
      });
  if (!event) return std::move(event).error();
  return {};
}

Result<std::vector<RosteredTour>> Tours::swap_in(store::Session& s, const std::string& tour_id,
                                                 const std::string& other_tour_id) const {
  if (tour_id == other_tour_id) return Error::invalid("other_tour_id", "is the same tour");
  std::vector<RosteredTour> pair;
  for (const auto& [id, field] :
       {std::pair{tour_id, "tour_id"}, std::pair{other_tour_id, "other_tour_id"}}) {
    auto rows = s.query(fmt::format("{} WHERE id = $1 AND cancelled_at IS NULL", kColumns), {id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) return Error::invalid(field, "is no rostered tour (" + id + ")");
    pair.push_back(tour_from_row(rows->front()));
  }
  if (pair[0].facts.person_id == pair[1].facts.person_id)
    return Error::invalid("other_tour_id", "is the same person's");
  // Each takes the other's tour in place of their own, under the same rules as any tour.
  for (size_t i = 0; i < 2; ++i) {
    NewTour taken = pair[1 - i].facts;
    taken.person_id = pair[i].facts.person_id;
    auto broken = breaches_added(s, taken, rules_, pair[i].id);
    if (!broken) return std::move(broken).error();
    if (!broken->empty()) {
      return Error::conflict(fmt::format("the swap breaks {} ({}) for {}", broken->front().rule,
                                         broken->front().detail, taken.person_id));
    }
  }
  for (size_t i = 0; i < 2; ++i) {
    auto row = s.execute("UPDATE duty_tours SET person_id = $2 WHERE id = $1",
                         {pair[i].id, pair[1 - i].facts.person_id});
    if (!row) return std::move(row).error();
  }
  std::swap(pair[0].facts.person_id, pair[1].facts.person_id);
  return pair;
}

Result<RosteredTour> Tours::get(const std::string& tour_id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("{} WHERE id = $1 AND cancelled_at IS NULL", kColumns),
                       {tour_id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no rostered tour " + tour_id);
  return tour_from_row(rows->front());
}

Result<std::vector<RosteredTour>> Tours::between(Timestamp from, Timestamp to,
                                                 const std::string& person_id) const {
  return store::in_transaction<std::vector<RosteredTour>>(
      store_, store::Access::kRead, [&](store::Session& s) -> Result<std::vector<RosteredTour>> {
        if (!person_id.empty()) return tours_of(s, person_id, from, to);
        auto rows = s.query(
            fmt::format("{} WHERE cancelled_at IS NULL AND starts < $1 AND"
                        " starts > $3 AND ends > $2 ORDER BY starts, person_id",
                        kColumns),
            {format_rfc3339(to), format_rfc3339(from), format_rfc3339(from - kLongestTour)});
        if (!rows) return std::move(rows).error();
        std::vector<RosteredTour> out;
        out.reserve(rows->size());
        for (const auto& r : *rows) out.push_back(tour_from_row(r));
        return out;
      });
}

}  // namespace peel::duty
