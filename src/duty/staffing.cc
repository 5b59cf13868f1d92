#include "duty/staffing.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <unordered_map>

#include "core/json_text.h"

namespace peel::duty {

namespace json = boost::json;

namespace {

constexpr auto kLongestCoverView = std::chrono::days(31);

bool abstracted(const std::vector<Abstraction>& abstractions, const std::string& person_id,
                Timestamp from, Timestamp to) {
  return std::any_of(abstractions.begin(), abstractions.end(), [&](const Abstraction& a) {
    return a.status == "approved" && a.facts.person_id == person_id && a.facts.start < to &&
           from < a.facts.end;
  });
}

int count_of(const HourCover& h, const std::string& need) {
  if (need == "any") return h.on_duty;
  const auto colon = need.find(':');
  const auto& counts = need.substr(0, colon) == "rank" ? h.by_rank : h.by_skill;
  const auto it = counts.find(need.substr(colon + 1));
  return it == counts.end() ? 0 : it->second;
}

Status validate(const std::vector<Minimum>& minimums) {
  for (size_t i = 0; i < minimums.size(); ++i) {
    const auto& m = minimums[i];
    const std::string at = fmt::format("minimums[{}].", i);
    const auto colon = m.need.find(':');
    const std::string kind = m.need.substr(0, colon);
    const std::string what = colon == std::string::npos ? "" : m.need.substr(colon + 1);
    const auto& names = kind == "rank" ? rank_names() : skill_names();
    if (m.need != "any" && ((kind != "rank" && kind != "skill") ||
                            std::find(names.begin(), names.end(), what) == names.end()))
      return Error::invalid(at + "need",
                            "must be any, rank:<rank> or skill:<skill> (" + m.need + ")");
    if (m.from_hour < 0 || m.from_hour > 23)
      return Error::invalid(at + "from_hour", "must be 0 to 23");
    if (m.to_hour < 1 || m.to_hour > 24 || m.to_hour == m.from_hour)
      return Error::invalid(at + "to_hour", "must be 1 to 24 and not from_hour");
    if (m.count < 1 || m.count > 1000) return Error::invalid(at + "count", "must be 1 to 1,000");
    if (m.ideal != 0 && (m.ideal < m.count || m.ideal > 1000))
      return Error::invalid(at + "ideal", "must be 0 (none) or from count to 1,000");
  }
  return {};
}

}  // namespace

Staffing::Staffing(store::Store& store, events::EventLog& log, const Staff& staff,
                   const Tours& tours, const Abstractions& abstractions)
    : store_(store), log_(log), staff_(staff), tours_(tours), abstractions_(abstractions) {}

Result<std::vector<OnDuty>> Staffing::rostered(Timestamp from, Timestamp to,
                                               const std::string& area) const {
  auto people = staff_.list(area);
  if (!people) return std::move(people).error();
  auto tours = tours_.between(from, to, "");
  if (!tours) return std::move(tours).error();
  std::unordered_map<std::string, const DutyPerson*> by_id;
  for (const auto& p : *people) by_id.emplace(p.id, &p);
  std::vector<OnDuty> out;
  for (auto& t : *tours) {
    const auto it = by_id.find(t.facts.person_id);
    if (it == by_id.end()) continue;
    const Day first_day = std::chrono::floor<std::chrono::days>(t.facts.start);
    out.push_back({*it->second, std::move(t), it->second->skills_on(first_day)});
  }
  return out;
}

Result<std::vector<OnDuty>> Staffing::on_duty(Timestamp at, const std::string& area) const {
  const Timestamp end = at + std::chrono::milliseconds(1);
  auto on = rostered(at, end, area);
  if (!on) return std::move(on).error();
  auto away = abstractions_.between(at, end, "");
  if (!away) return std::move(away).error();
  std::erase_if(*on, [&](const OnDuty& o) { return abstracted(*away, o.person.id, at, end); });
  std::sort(on->begin(), on->end(), [](const OnDuty& a, const OnDuty& b) {
    return a.person.facts.number < b.person.facts.number;
  });
  return on;
}

Result<std::vector<HourCover>> Staffing::by_hour(Timestamp from, Timestamp to,
                                                 const std::string& area) const {
  if (to <= from) return Error::invalid("to", "must be after from");
  if (to - from > kLongestCoverView) return Error::invalid("to", "must be within 31 days of from");
  const Timestamp first = std::chrono::floor<std::chrono::hours>(from);
  auto on = rostered(first, to, area);
  if (!on) return std::move(on).error();
  auto away = abstractions_.between(first, to, "");
  if (!away) return std::move(away).error();
  auto wanted = minimums(area);
  if (!wanted) return std::move(wanted).error();
  std::vector<HourCover> out;
  for (Timestamp h = first; h < to; h += std::chrono::hours(1)) {
    HourCover c{.hour = h, .on_duty = 0, .by_rank = {}, .by_skill = {}, .gaps = {}};
    const Timestamp end = h + std::chrono::hours(1);
    for (const auto& o : *on) {
      if (!(o.tour.facts.start < end && h < o.tour.facts.end)) continue;
      if (abstracted(*away, o.person.id, std::max(h, o.tour.facts.start),
                     std::min(end, o.tour.facts.end)))
        continue;
      ++c.on_duty;
      ++c.by_rank[o.person.facts.rank];
      for (const auto& s : o.skills) ++c.by_skill[s];
    }
    const int hour_of_day =
        static_cast<int>((h - std::chrono::floor<std::chrono::days>(h)) / std::chrono::hours(1));
    for (const auto& m : *wanted) {
      const int have = count_of(c, m.need);
      if (m.covers_hour(hour_of_day) && have < m.count)
        c.gaps.push_back(fmt::format("{} {} of {}", m.need, have, m.count));
    }
    out.push_back(std::move(c));
  }
  return out;
}

Status Staffing::set_minimums(const std::string& area, const std::vector<Minimum>& minimums,
                              const auth::Actor& by) {
  if (area.empty() || area.size() > 100)
    return Error::invalid("area", "must name the area (BCU), 1 to 100 characters");
  if (Status s = validate(minimums); !s) return s;
  json::array list;
  for (const auto& m : minimums) {
    list.push_back(json::object{{"need", m.need},
                                {"from_hour", m.from_hour},
                                {"to_hour", m.to_hour},
                                {"count", m.count},
                                {"ideal", m.ideal}});
  }
  const std::string text = json_text(list);
  auto event = log_.append(
      {"duty-minimums/" + area, "MinimumStaffingSet", by.id, "", text},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto gone = s.execute("DELETE FROM duty_minimums WHERE area = $1", {area});
        if (!gone) return std::move(gone).error();
        auto row = s.execute(
            "INSERT INTO duty_minimums (area, minimums, set_at, set_by) VALUES ($1, $2, $3, $4)",
            {area, text, format_rfc3339(e.at), by.id});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return {};
}

Result<std::string> Staffing::area_named(const std::string& typed) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            "SELECT area FROM duty_people UNION SELECT area FROM duty_minimums ORDER BY 1", {});
      });
  if (!rows) return std::move(rows).error();
  auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return text;
  };
  const std::string wanted = lower(typed);
  std::string known;
  for (const auto& r : *rows) {
    if (lower(r.text(0)) == wanted) return r.text(0);
    if (known.size() < 400) known += (known.empty() ? "" : ", ") + r.text(0);
  }
  return Error::invalid("area",
                        "Duty has no area called '" + typed + "'" +
                            (known.empty() ? std::string(": no one is posted to any area yet")
                                           : ": the areas are " + known));
}

Result<std::vector<Minimum>> Staffing::minimums(const std::string& area) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query("SELECT minimums FROM duty_minimums WHERE area = $1", {area});
      });
  if (!rows) return std::move(rows).error();
  std::vector<Minimum> out;
  if (rows->empty()) return out;
  const json::value stored = json::parse(rows->front().text(0));
  for (const auto& m : stored.as_array()) {
    out.push_back({.need = std::string(m.at("need").as_string()),
                   .from_hour = static_cast<int>(m.at("from_hour").as_int64()),
                   .to_hour = static_cast<int>(m.at("to_hour").as_int64()),
                   .count = static_cast<int>(m.at("count").as_int64()),
                   // Kept before ideals were: none.
                   .ideal = m.as_object().contains("ideal")
                                ? static_cast<int>(m.at("ideal").as_int64())
                                : 0});
  }
  return out;
}

}  // namespace peel::duty
