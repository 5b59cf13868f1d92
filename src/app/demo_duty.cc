#include "app/demo_duty.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "pole/common_names.h"

namespace peel::app {

namespace {

constexpr size_t kUnitsCrewed = 12;
constexpr int kDays = 14;
// A crew per tour of the day and per half of the four-on, four-off rotation.
constexpr int kTourStarts[] = {7, 15, 23};
constexpr int kRotationDays = 8, kDaysOn = 4;

struct Made {
  std::string id;
  std::string number;
};

}  // namespace

Result<DemoDutyMade> add_demo_duty(Platform& p, const Clock& clock) {
  DemoDutyMade made;
  auto existing = p.duty().staff.list("");
  if (!existing) return std::move(existing).error();
  if (!existing->empty()) return made;
  const auto by = auth::Actor::system();
  std::vector<cad::Resource> units = p.cad().resources();
  std::sort(units.begin(), units.end(),
            [](const auto& a, const auto& b) { return a.call_sign < b.call_sign; });
  units.erase(std::remove_if(units.begin(), units.end(),
                             [](const auto& u) { return u.type != "response car"; }),
              units.end());
  if (units.size() > kUnitsCrewed) units.resize(kUnitsCrewed);

  const auto today = std::chrono::floor<std::chrono::days>(clock.now());
  const auto& surnames = pole::common_surnames();
  const auto& forenames = pole::common_forenames();
  std::set<std::string> areas;
  int serial = 0;
  auto add_person = [&](const std::string& rank, const std::string& area, const std::string& team,
                        const std::string& user) -> Result<Made> {
    ++serial;
    const auto n = static_cast<size_t>(serial);
    const std::string number = fmt::format("MP{:04}", 1000 + serial);
    const std::string title = rank == "sergeant" ? "Sgt" : "PC";
    auto person = p.duty().staff.add(
        {.number = number,
         .name = fmt::format("{} {} {}", title, forenames[(n * 31) % forenames.size()],
                             surnames[(n * 17) % surnames.size()]),
         .rank = rank,
         .team = team,
         .area = area,
         .role = "response",
         .user = user},
        by);
    if (!person) return std::move(person).error();
    ++made.people;
    // Everyone drives; every third carries a taser, every fifth's lapsed last month.
    const auto grant = [&](const char* skill, duty::Day from,
                           std::optional<duty::Day> until) -> Status {
      auto granted =
          p.duty().staff.grant(person->id, {.skill = skill, .granted = from, .expires = until}, by);
      if (!granted) return std::move(granted).error();
      return {};
    };
    const duty::Day long_ago = today - std::chrono::days(400);
    if (Status s = grant("response_driver", long_ago, std::nullopt); !s) return s.error();
    if (Status s = grant("first_aid", long_ago, today + std::chrono::days(700)); !s)
      return s.error();
    if (n % 3 == 0) {
      const auto until =
          n % 5 == 0 ? today - std::chrono::days(30) : today + std::chrono::days(300);
      if (Status s = grant("taser", long_ago, until); !s) return s.error();
    }
    return Made{person->id, number};
  };

  std::string officer_id;
  for (size_t u = 0; u < units.size(); ++u) {
    const auto& unit = units[u];
    areas.insert(unit.home_area);
    for (const int start_hour : kTourStarts) {
      for (int half = 0; half < 2; ++half) {
        const std::string team =
            fmt::format("{} {:02}:00 {}", unit.call_sign, start_hour, half == 0 ? "A" : "B");
        for (int seat = 0; seat < 2; ++seat) {
          const bool first = u == 0 && start_hour == kTourStarts[0] && half == 0;
          const std::string user = first ? (seat == 0 ? "sergeant" : "officer") : "";
          auto person = add_person(seat == 0 && u % 4 == 0 ? "sergeant" : "constable",
                                   unit.home_area, team, user);
          if (!person) return std::move(person).error();
          if (user == "officer") officer_id = person->id;
          // From yesterday, so that tours are running now; A and B take turns of four days.
          for (int d = -1; d < kDays; ++d) {
            const int in_rotation =
                ((d + 1 + half * kDaysOn) % kRotationDays + kRotationDays) % kRotationDays;
            if (in_rotation >= kDaysOn) continue;
            const Timestamp start =
                Timestamp(today + std::chrono::days(d)) + std::chrono::hours(start_hour);
            auto tour = p.duty().tours.add({.person_id = person->id,
                                            .start = start,
                                            .end = start + std::chrono::hours(8),
                                            .kind = start_hour == 7    ? "early"
                                                    : start_hour == 15 ? "late"
                                                                       : "night",
                                            .unit = unit.call_sign,
                                            .override_reason = ""},
                                           by, false);
            if (!tour) return std::move(tour).error();
            ++made.tours;
          }
        }
      }
    }
  }
  for (const auto& area : areas) {
    if (Status s = p.duty().staffing.set_minimums(
            area,
            {{.need = "any", .from_hour = 0, .to_hour = 24, .count = 2},
             {.need = "skill:taser", .from_hour = 18, .to_hour = 6, .count = 1},
             {.need = "rank:sergeant", .from_hour = 7, .to_hour = 23, .count = 1}},
            by);
        !s)
      return s.error();
  }
  if (!officer_id.empty()) {
    const Timestamp from = Timestamp(today + std::chrono::days(9));
    auto leave = p.duty().abstractions.record({.person_id = officer_id,
                                               .kind = "annual_leave",
                                               .start = from,
                                               .end = from + std::chrono::days(2),
                                               .note = "school half term"},
                                              false, by);
    if (!leave) return std::move(leave).error();
  }
  return made;
}

}  // namespace peel::app
