#include "app/crew_feed.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/log.h"

namespace peel::app {

namespace {

std::string crew_entry(const duty::DutyPerson& person) {
  return fmt::format("{} {}", person.facts.number, person.facts.name);
}

}  // namespace

cad::CrewRegister crew_register(const duty::Duty& duty) {
  return {.entry_of_user = [&duty](const std::string& username) -> Result<std::string> {
            auto person = duty.staff.of_user(username);
            if (!person) return std::move(person).error();
            return crew_entry(*person);
          },
          .entry_for = [&duty](const std::string& number) -> Result<std::string> {
            auto person = duty.staff.by_number(number);
            if (!person) return std::move(person).error();
            return crew_entry(*person);
          }};
}

CrewFeed::CrewFeed(const duty::Duty& duty, cad::CadService& cad, Timestamp start_after)
    : duty_(duty), cad_(cad), done_up_to_(start_after) {}

Result<std::vector<std::string>> CrewFeed::crew_tours_starting(Timestamp after, Timestamp up_to) {
  auto tours = duty_.tours.between(after, up_to + std::chrono::milliseconds(1), "");
  if (!tours) return std::move(tours).error();
  // Each unit once, at the earliest start in the window.
  std::map<std::string, Timestamp> starting;
  for (const auto& t : *tours) {
    if (t.facts.unit.empty() || t.facts.start <= after || t.facts.start > up_to) continue;
    auto [it, added] = starting.emplace(t.facts.unit, t.facts.start);
    if (!added) it->second = std::min(it->second, t.facts.start);
  }
  std::vector<std::string> crewed;
  // Who is on duty, read once for each start time (most units start with the same tour).
  std::map<Timestamp, std::vector<duty::OnDuty>> on_at;
  for (const auto& [call_sign, at] : starting) {
    if (!on_at.contains(at)) {
      auto on = duty_.staffing.on_duty(at, "");
      if (!on) return std::move(on).error();
      on_at.emplace(at, std::move(*on));
    }
    auto done = crew_unit(call_sign, on_at.at(at), false);
    if (!done) return std::move(done).error();
    if (*done) crewed.push_back(call_sign);
  }
  return crewed;
}

Result<std::vector<std::string>> CrewFeed::crew_tours_in_progress(Timestamp now) {
  auto on = duty_.staffing.on_duty(now, "");
  if (!on) return std::move(on).error();
  std::set<std::string> units;
  for (const auto& o : *on) {
    if (!o.tour.facts.unit.empty()) units.insert(o.tour.facts.unit);
  }
  std::vector<std::string> crewed;
  for (const auto& call_sign : units) {
    auto done = crew_unit(call_sign, *on, true);
    if (!done) return std::move(done).error();
    if (*done) crewed.push_back(call_sign);
  }
  std::lock_guard lock(mutex_);
  done_up_to_ = std::max(done_up_to_, now);
  return crewed;
}

Result<bool> CrewFeed::crew_unit(const std::string& call_sign,
                                 const std::vector<duty::OnDuty>& on_duty, bool unless_crewed) {
  const auto unit = cad_.resource_with_call_sign(call_sign);
  if (!unit) {
    log::warn("duty.crew_unknown_unit", {{"call_sign", call_sign}});
    return false;
  }
  std::vector<std::string> crew;
  std::set<std::string> skills;
  for (const auto& o : on_duty) {
    if (o.tour.facts.unit != call_sign) continue;
    crew.push_back(crew_entry(o.person));
    skills.insert(o.skills.begin(), o.skills.end());
  }
  if (unless_crewed) {
    const auto now = cad_.find_resource(*unit);
    if (now && now->crew == crew) return false;
  }
  auto changed = cad_.change_crew(*unit, crew, auth::Actor::system(),
                                  std::vector<std::string>(skills.begin(), skills.end()));
  if (!changed) return std::move(changed).error();
  return true;
}

void CrewFeed::catch_up(Timestamp now) {
  std::lock_guard lock(mutex_);
  if (now <= done_up_to_) return;
  auto crewed = crew_tours_starting(done_up_to_, now);
  if (!crewed) {
    // Tried again at the next tick: the window is kept.
    log::warn("duty.crew_feed_failed", {{"reason", crewed.error().message}});
    return;
  }
  done_up_to_ = now;
}

}  // namespace peel::app
