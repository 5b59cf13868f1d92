// Label-setting over days. A label is a partial schedule's state: the shift worked the day before
// (or rest), how long the current run of work or rest is and whether it began on day 0 (runs at
// the horizon's edges are exempt from the minimum lengths), minutes, weekends worked and how many
// of each limited shift type. Labels with the same run state are compared: one that costs no
// more and has used no more of any limit dominates; minutes must match unless both have already
// reached the minimum, since minutes are bounded on both sides.
#include "duty/best_schedule.h"

#include <algorithm>
#include <cstdint>

#include "duty/roster_check.h"

namespace peel::duty {

namespace {

struct Label {
  long long cost = 0;
  int minutes = 0;
  int weekends = 0;
  int previous = kOff;
  int run = 0;
  bool run_from_start = true;
  uint32_t parent = 0;  // index in the day before
  size_t counts = 0;    // offset of this label's limited-type counts in the day's pool
};

struct Day {
  std::vector<Label> labels;
  std::vector<uint16_t> counts;  // labels.size() x limited types
};

class ScheduleSearch {
 public:
  // `retry`: an earlier search with a smaller budget found nothing.
  ScheduleSearch(const ShiftInstance& in, size_t employee, const ScheduleCosts& costs,
                 size_t budget, bool retry)
      : in_(in), c_(in.staff[employee]), costs_(costs), budget_(budget), retry_(retry) {
    const size_t n = in.shifts.size();
    limited_of_.assign(n, -1);
    for (size_t s = 0; s < n; ++s) {
      const int most_by_minutes = c_.max_minutes / in.shifts[s].minutes;
      if (c_.max_shifts[s] > 0 && c_.max_shifts[s] < std::min(in.days, most_by_minutes)) {
        limited_of_[s] = static_cast<int>(limited_.size());
        limited_.push_back(s);
      }
      longest_ = std::max(longest_, c_.max_shifts[s] > 0 ? in.shifts[s].minutes : 0);
    }
    count_most_shifts_left();
  }

  std::optional<std::vector<int>> run() {
    Day today;
    Label start;
    start.run = c_.min_days_off;  // rested before the horizon
    start.counts = 0;
    today.labels.push_back(start);
    today.counts.assign(limited_.size(), 0);
    std::vector<std::vector<std::pair<uint32_t, int16_t>>> trail;  // per day: parent, choice
    for (int d = 0; d < in_.days; ++d) {
      Day next = extend(today, d);
      if (next.labels.empty()) return std::nullopt;
      std::vector<std::pair<uint32_t, int16_t>> back;
      back.reserve(next.labels.size());
      for (const auto& l : next.labels)
        back.emplace_back(l.parent, static_cast<int16_t>(l.previous));
      trail.push_back(std::move(back));
      today = std::move(next);
    }
    long long best_cost = 0;
    std::optional<uint32_t> best;
    for (uint32_t i = 0; i < today.labels.size(); ++i) {
      const Label& l = today.labels[i];
      if (l.minutes < c_.min_minutes) continue;
      if (!best || l.cost < best_cost) best = i, best_cost = l.cost;
    }
    if (!best) return std::nullopt;
    std::vector<int> schedule(static_cast<size_t>(in_.days), kOff);
    uint32_t at = *best;
    for (int d = in_.days - 1; d >= 0; --d) {
      const auto& [parent, choice] = trail[static_cast<size_t>(d)][at];
      schedule[static_cast<size_t>(d)] = choice;
      at = parent;
    }
    return schedule;
  }

 private:
  // The most shifts that can be worked from day d to the end by someone in the state `l` leaves
  // after day d-1, keeping the runs of work and rest, fixed days off and the weekend allowance
  // (shift types and their order aside); kNoWay when no continuation keeps those rules. Exact for
  // those rules, counted backwards once per search, so that the label budget is spent only on
  // partial schedules that can still reach the contract's minimum minutes.
  static constexpr int kNoWay = -1'000'000;

  size_t state_index(int d, bool work, int run, bool from_start, int weekends) const {
    return (((static_cast<size_t>(d) * 2 + (work ? 1 : 0)) * runs_ + static_cast<size_t>(run)) * 2 +
            (from_start ? 1 : 0)) *
               static_cast<size_t>(c_.max_weekends + 1) +
           static_cast<size_t>(weekends);
  }

  int most_shifts_from(int d, const Label& l) const {
    if (d >= in_.days) return 0;
    return most_shifts_left_[state_index(d, l.previous != kOff, l.run, l.run_from_start,
                                         l.weekends)];
  }

  bool can_reach_minimum(int d, const Label& after_day_d) const {
    const int shifts = most_shifts_from(d + 1, after_day_d);
    return shifts != kNoWay && after_day_d.minutes + shifts * longest_ >= c_.min_minutes;
  }

  void count_most_shifts_left() {
    runs_ = static_cast<size_t>(std::max(c_.max_consecutive, c_.min_days_off)) + 1;
    const int most_run = static_cast<int>(runs_) - 1;
    most_shifts_left_.assign(state_index(in_.days - 1, true, most_run, true, c_.max_weekends) + 1,
                             kNoWay);
    auto after = [&](int d, bool work, int run, bool from_start, int weekends) {
      return d + 1 >= in_.days
                 ? 0
                 : most_shifts_left_[state_index(d + 1, work, run, from_start, weekends)];
    };
    for (int d = in_.days - 1; d >= 0; --d) {
      const bool saturday = d % 7 == 5, sunday = d % 7 == 6;
      for (int work = 0; work < 2; ++work) {
        for (int run = 0; run <= most_run; ++run) {
          for (int from_start = 0; from_start < 2; ++from_start) {
            for (int w = 0; w <= c_.max_weekends; ++w) {
              int best = kNoWay;
              if (work == 0 || run >= c_.min_consecutive || from_start == 1) {
                best = work == 0
                           ? after(d, false, std::min(run + 1, c_.min_days_off), from_start == 1, w)
                           : after(d, false, 1, d == 0, w);
              }
              const bool may_start = work == 1 || run >= c_.min_days_off || from_start == 1;
              const bool may_go_on = work == 0 || run < c_.max_consecutive;
              const int weekends = w + ((saturday || (sunday && work == 0)) ? 1 : 0);
              if (!c_.day_off[static_cast<size_t>(d)] && may_start && may_go_on &&
                  weekends <= c_.max_weekends) {
                const int rest = work == 1 ? after(d, true, run + 1, from_start == 1, weekends)
                                           : after(d, true, 1, d == 0, weekends);
                if (rest != kNoWay) best = std::max(best, rest + 1);
              }
              most_shifts_left_[state_index(d, work == 1, run, from_start == 1, w)] = best;
            }
          }
        }
      }
    }
  }

  Day extend(const Day& today, int d) {
    Day next;
    const size_t k = limited_.size();
    const bool saturday = d % 7 == 5, sunday = d % 7 == 6;
    const int kept = costs_.keep.empty() ? kFree : costs_.keep[static_cast<size_t>(d)];
    for (uint32_t i = 0; i < today.labels.size(); ++i) {
      const Label& l = today.labels[i];
      const uint16_t* counts = today.counts.data() + l.counts;
      // Rest.
      if ((kept == kFree || kept == kOff) &&
          (l.previous == kOff || l.run >= c_.min_consecutive || l.run_from_start)) {
        Label r = l;
        r.parent = i;
        if (l.previous == kOff) {
          r.run = std::min(l.run + 1, c_.min_days_off);
        } else {
          r.previous = kOff, r.run = 1, r.run_from_start = d == 0;
        }
        if (can_reach_minimum(d, r)) add(next, r, counts, -1);
      }
      // Work.
      if (c_.day_off[static_cast<size_t>(d)] || kept == kOff) continue;
      if (l.previous == kOff && l.run < c_.min_days_off && !l.run_from_start) continue;
      if (l.previous != kOff && l.run >= c_.max_consecutive) continue;
      const bool new_weekend = saturday || (sunday && l.previous == kOff);
      if (new_weekend && l.weekends >= c_.max_weekends) continue;
      for (size_t s = 0; s < in_.shifts.size(); ++s) {
        if (c_.max_shifts[s] == 0 || (kept != kFree && kept != static_cast<int>(s))) continue;
        if (l.previous != kOff && in_.shifts[static_cast<size_t>(l.previous)].cannot_follow[s])
          continue;
        const int minutes = l.minutes + in_.shifts[s].minutes;
        const int weekends = l.weekends + (new_weekend ? 1 : 0);
        if (minutes > c_.max_minutes) continue;
        const int t = limited_of_[s];
        if (t >= 0 && counts[t] >= c_.max_shifts[s]) continue;
        Label w = l;
        w.parent = i;
        w.cost += costs_.work[static_cast<size_t>(d) * in_.shifts.size() + s];
        w.minutes = minutes;
        w.weekends = weekends;
        if (l.previous == kOff) {
          w.run = 1, w.run_from_start = d == 0;
        } else {
          w.run = l.run + 1;
        }
        w.previous = static_cast<int>(s);
        if (can_reach_minimum(d, w)) add(next, w, counts, t);
      }
    }
    return prune(next, k);
  }

  void add(Day& next, Label label, const uint16_t* counts, int bump) {
    label.counts = next.counts.size();
    next.counts.insert(next.counts.end(), counts, counts + limited_.size());
    if (bump >= 0) ++next.counts[label.counts + static_cast<size_t>(bump)];
    next.labels.push_back(label);
  }

  bool dominates(const Day& day, const Label& a, const Label& b) const {
    if (a.cost > b.cost || a.weekends > b.weekends) return false;
    if (a.minutes != b.minutes && !(a.minutes < b.minutes && a.minutes >= c_.min_minutes))
      return false;
    for (size_t t = 0; t < limited_.size(); ++t) {
      if (day.counts[a.counts + t] > day.counts[b.counts + t]) return false;
    }
    return true;
  }

  // Keeps, for each run state, the labels no other dominates, cheapest first, within the budget.
  Day prune(const Day& all, size_t k) {
    const size_t runs = runs_;
    buckets_.resize((in_.shifts.size() + 1) * runs * 2);
    filled_.clear();
    for (uint32_t i = 0; i < all.labels.size(); ++i) {
      const Label& l = all.labels[i];
      const size_t state =
          ((static_cast<size_t>(l.previous + 1) * runs) + static_cast<size_t>(l.run)) * 2 +
          (l.run_from_start ? 1 : 0);
      if (buckets_[state].empty()) filled_.push_back(state);
      buckets_[state].push_back(i);
    }
    const size_t per_state = std::max<size_t>(2, budget_ / std::max<size_t>(1, filled_.size()));
    Day kept;
    kept.labels.reserve(std::min(all.labels.size(), per_state * filled_.size()));
    std::sort(filled_.begin(), filled_.end());  // the same order whatever the labels' order
    for (const size_t state : filled_) {
      auto& members = buckets_[state];
      // At equal cost, more minutes first: contracts set a minimum, and a search that kept only
      // idle labels could no longer reach it.
      std::sort(members.begin(), members.end(), [&](uint32_t a, uint32_t b) {
        const Label &x = all.labels[a], &y = all.labels[b];
        return x.cost != y.cost ? x.cost < y.cost : x.minutes > y.minutes;
      });
      front_.clear();
      auto consider = [&](uint32_t i) {
        const bool beaten = std::any_of(front_.begin(), front_.end(), [&](uint32_t j) {
          return j == i || dominates(all, all.labels[j], all.labels[i]);
        });
        if (!beaten) front_.push_back(i);
      };
      for (const uint32_t i : members) {
        if (front_.size() >= per_state) break;
        consider(i);
      }
      // On a retry, a quarter more of those who have worked most, whatever they cost: when the
      // cheapest labels led nowhere (limits on shift types the bound does not count), these are
      // what still reaches the contract's minimum. Not on the first try: on short horizons they
      // only crowd out cheaper schedules (Instance 2: 922 with them, 829 without, in 30 s).
      if (retry_) {
        std::stable_sort(members.begin(), members.end(), [&](uint32_t a, uint32_t b) {
          return all.labels[a].minutes > all.labels[b].minutes;
        });
        const size_t most = front_.size() + std::max<size_t>(1, per_state / 4);
        for (const uint32_t i : members) {
          if (front_.size() >= most) break;
          consider(i);
        }
      }
      for (const uint32_t i : front_) {
        Label l = all.labels[i];
        const size_t from = l.counts;
        l.counts = kept.counts.size();
        kept.counts.insert(kept.counts.end(),
                           all.counts.begin() + static_cast<std::ptrdiff_t>(from),
                           all.counts.begin() + static_cast<std::ptrdiff_t>(from + k));
        kept.labels.push_back(l);
      }
      members.clear();
    }
    return kept;
  }

  const ShiftInstance& in_;
  const StaffContract& c_;
  const ScheduleCosts& costs_;
  const size_t budget_;
  const bool retry_;
  std::vector<size_t> limited_;  // shift types whose maximum can bind
  std::vector<int> limited_of_;  // shift type -> its place in limited_, or -1
  int longest_ = 0;
  size_t runs_ = 0;                    // run lengths a label can hold: 0..the longest rule
  std::vector<int> most_shifts_left_;  // by state_index
  // prune's working space, kept between days: labels by run state, the states in use, a front.
  std::vector<std::vector<uint32_t>> buckets_;
  std::vector<size_t> filled_;
  std::vector<uint32_t> front_;
};

}  // namespace

std::optional<std::vector<int>> best_schedule(const ShiftInstance& instance, size_t employee,
                                              const ScheduleCosts& costs, size_t labels_per_day) {
  // The budget can drop every label that leads to a schedule keeping the rules (many shift
  // types, a long horizon); a larger one is tried before giving up.
  for (size_t budget = labels_per_day; budget <= labels_per_day * 64; budget *= 8) {
    if (auto found =
            ScheduleSearch(instance, employee, costs, budget, budget > labels_per_day).run())
      return found;
  }
  return std::nullopt;
}

}  // namespace peel::duty
