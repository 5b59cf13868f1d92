// libFuzzer target: shift scheduling instance files (Curtois & Qu format) as anyone might hand
// them over. Any crash or sanitizer report is a bug, and so is a broken promise: a schedule
// best_schedule returns for someone must keep every one of their rules, as the independent
// check sees it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "duty/best_schedule.h"
#include "duty/roster_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto instance = peel::duty::parse_shift_instance(text);
  if (!instance) return 0;
  peel::duty::Roster roster = peel::duty::Roster::all_off(*instance);
  (void)peel::duty::check_roster(*instance, roster);
  if (instance->days > 120 || instance->staff.size() > 50) return 0;  // keep each input quick
  // Working pays a little more on alternate days, so schedules are not all the same.
  peel::duty::ScheduleCosts costs;
  for (size_t i = 0; i < instance->cover.size(); ++i)
    costs.work.push_back(-1 - static_cast<long long>(i / instance->shifts.size() % 2));
  std::vector<bool> scheduled(instance->staff.size(), false);
  for (size_t e = 0; e < instance->staff.size(); ++e) {
    const auto schedule = peel::duty::best_schedule(*instance, e, costs, 50);
    if (!schedule) continue;
    roster.shift[e] = *schedule;
    scheduled[e] = true;
  }
  const auto check = peel::duty::check_roster(*instance, roster);
  // People left with no schedule (all off) may break their own rules (too few minutes); nobody
  // else may.
  for (const auto& broken : check.broken) {
    for (size_t e = 0; e < instance->staff.size(); ++e) {
      if (scheduled[e] && broken.starts_with(instance->staff[e].id + ": ")) std::abort();
    }
  }
  // The roster written is read back the same.
  const auto again =
      peel::duty::read_roster_csv(*instance, peel::duty::roster_csv(*instance, roster));
  if (!again || again->shift != roster.shift) std::abort();
  return 0;
}
