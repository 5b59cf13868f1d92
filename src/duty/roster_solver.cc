// The search keeps the roster, how many work each shift on each day, and each person's request
// penalty; a move frees 1 to 4 people (or, now and then, more), rebuilds them in random order and
// is kept if the penalty does not rise, or by the annealing rule when it does.
#include "duty/roster_solver.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <numeric>
#include <optional>
#include <random>
#include <thread>

#include "duty/best_schedule.h"

namespace peel::duty {

namespace {

using Clock = std::chrono::steady_clock;

// The best roster of the searches running side by side (SolveOptions::threads): each offers
// its better rosters here, and one that has fallen behind takes the best up now and then.
struct SharedBest {
  std::mutex mutex;
  std::optional<SolveResult> best;
};

// How often a search behind the best takes it up: long enough for each to explore on its own.
constexpr double kShareEverySeconds = 5;

class Search {
 public:
  Search(const ShiftInstance& in, const SolveOptions& o, uint64_t seed, SharedBest* shared)
      : in_(in),
        o_(o),
        shared_(shared),
        random_(seed),
        roster_(Roster::all_off(in)),
        count_(in.cover.size(), 0),
        group_count_(in.groups.size(), count_) {
    const size_t cells = in.cover.size();
    on_.assign(in.staff.size(), std::vector<int>(cells, 0));
    off_.assign(in.staff.size(), std::vector<int>(cells, 0));
    on_total_.assign(in.staff.size(), 0);
    for (const auto& r : in.on_requests) {
      on_[static_cast<size_t>(r.employee)][cell(r.day, r.shift)] += r.weight;
      on_total_[static_cast<size_t>(r.employee)] += r.weight;
    }
    for (const auto& r : in.off_requests)
      off_[static_cast<size_t>(r.employee)][cell(r.day, r.shift)] += r.weight;
    person_cost_ = on_total_;
  }

  Result<SolveResult> run() {
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(o_.seconds));
    std::vector<size_t> order(in_.staff.size());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), random_);
    for (const size_t e : order) {
      if (!rebuild(e, 0, {})) {
        return Error::invalid("instance",
                              fmt::format("the rules for {} admit no schedule", in_.staff[e].id));
      }
    }
    SolveResult best{roster_, penalty(), 0, 0};
    offer(best);
    long long current = best.penalty;
    double shared_at = 0;
    // Annealing: a worse roster is kept with probability exp(-rise / temperature); the
    // temperature falls from 10 (a few requests' weights; a tenth of a person short of cover in
    // the benchmark's instances) to nothing over the run. Tried on Instances 6, 8 and 9 for 20 s:
    // 2 and 40 did no better.
    const double hot = 10.0;
    std::uniform_real_distribution<double> unit(0, 1);
    while (Clock::now() < deadline) {
      ++best.moves;
      if (shared_ && seconds_since(start) > shared_at + kShareEverySeconds) {
        shared_at = seconds_since(start);
        if (take_up_shared(best)) current = best.penalty;
      }
      // Half the moves free a few people for the whole horizon. The other half free up to ten
      // people for a week or two, keeping the rest of their schedules: mostly around a day and
      // shift short of cover, among those who could work it.
      const bool window = unit(random_) < 0.5;
      const size_t n = in_.staff.size();
      const int length = std::min(in_.days, std::uniform_int_distribution<int>(7, 14)(random_));
      int first = std::uniform_int_distribution<int>(0, in_.days - length)(random_);
      std::vector<size_t> people;
      if (!window) {
        people = pick(all_staff(), how_many());
      } else {
        const size_t k = std::uniform_int_distribution<size_t>(std::min<size_t>(2, n),
                                                               std::min<size_t>(10, n))(random_);
        const auto short_cell = unit(random_) < 0.7 ? a_cell_short_of_cover() : std::nullopt;
        if (short_cell) {
          const int day = static_cast<int>(*short_cell / in_.shifts.size());
          first = std::clamp(day - length / 2, 0, in_.days - length);
          people = pick(could_work(*short_cell), k);
        } else {
          people = pick(all_staff(), k);
        }
      }
      std::vector<std::vector<int>> before;
      before.reserve(people.size());
      for (const size_t e : people) before.push_back(roster_.shift[e]);
      for (const size_t e : people) take_off(e);
      bool rebuilt = true;
      const long long noise = unit(random_) < 0.1 ? 2 : 0;
      // Twice round: the first to be rebuilt saw the others' shifts gone; the second pass lets
      // each answer what the others then took.
      for (int pass = 0; pass < 2 && rebuilt; ++pass) {
        for (size_t i = 0; i < people.size() && rebuilt; ++i) {
          if (pass) take_off(people[i]);
          std::vector<int> keep;
          if (window) {
            keep = before[i];
            std::fill(keep.begin() + first, keep.begin() + first + length, kFree);
          }
          rebuilt = rebuild(people[i], pass ? 0 : noise, std::move(keep));
        }
      }
      const long long now = rebuilt ? penalty() : current + 1'000'000'000;
      const double fraction = seconds_since(start) / o_.seconds;
      const double temperature = hot * (1 - fraction);
      const bool keep =
          now <= current ||
          (temperature > 0 &&
           unit(random_) < std::exp(-static_cast<double>(now - current) / temperature));
      if (!keep) {
        for (size_t i = 0; i < people.size(); ++i) {
          take_off(people[i]);
          put_on(people[i], before[i]);
        }
        continue;
      }
      current = now;
      if (current < best.penalty) {
        best.roster = roster_;
        best.penalty = current;
        best.seconds_to_best = seconds_since(start);
        offer(best);
      }
    }
    return best;
  }

 private:
  // Tells of a better roster: to the caller, or to the shared best (which tells the caller when
  // it is better than every search's).
  void offer(const SolveResult& better) {
    if (!shared_) {
      if (o_.on_better) o_.on_better(better.penalty, better.seconds_to_best);
      return;
    }
    std::lock_guard lock(shared_->mutex);
    if (shared_->best && shared_->best->penalty <= better.penalty) return;
    shared_->best = better;
    if (o_.on_better) o_.on_better(better.penalty, better.seconds_to_best);
  }

  // When another search holds a better roster, continue from it; true when taken up.
  bool take_up_shared(SolveResult& best) {
    std::optional<SolveResult> theirs;
    {
      std::lock_guard lock(shared_->mutex);
      if (!shared_->best || shared_->best->penalty >= best.penalty) return false;
      theirs = shared_->best;
    }
    for (size_t e = 0; e < in_.staff.size(); ++e) take_off(e);
    for (size_t e = 0; e < in_.staff.size(); ++e) put_on(e, theirs->roster.shift[e]);
    best.roster = roster_;
    best.penalty = penalty();
    best.seconds_to_best = theirs->seconds_to_best;
    return true;
  }

  size_t cell(int day, int shift) const {
    return static_cast<size_t>(day) * in_.shifts.size() + static_cast<size_t>(shift);
  }
  static double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
  }

  size_t how_many() {
    const size_t n = in_.staff.size();
    const double u = std::uniform_real_distribution<double>(0, 1)(random_);
    const size_t k = u < 0.4 ? 1 : u < 0.7 ? 2 : u < 0.9 ? 3 : u < 0.97 ? 4 : 8;
    return std::min(k, n);
  }

  std::vector<size_t> all_staff() const {
    std::vector<size_t> all(in_.staff.size());
    std::iota(all.begin(), all.end(), 0);
    return all;
  }

  // Up to k of `from`, at random.
  std::vector<size_t> pick(std::vector<size_t> from, size_t k) {
    std::shuffle(from.begin(), from.end(), random_);
    if (from.size() > k) from.resize(k);
    return from;
  }

  std::optional<size_t> a_cell_short_of_cover() {
    std::vector<size_t> short_cells;
    for (size_t i = 0; i < in_.cover.size(); ++i) {
      bool short_of_cover = count_[i] < in_.cover[i].requirement;
      for (size_t g = 0; g < in_.groups.size(); ++g)
        short_of_cover = short_of_cover || group_count_[g][i] < in_.groups[g].cover[i].requirement;
      if (short_of_cover) short_cells.push_back(i);
    }
    if (short_cells.empty()) return std::nullopt;
    return short_cells[std::uniform_int_distribution<size_t>(0, short_cells.size() - 1)(random_)];
  }

  // Who may work the shift of this cell on its day (no fixed day off, the shift allowed).
  std::vector<size_t> could_work(size_t cell) const {
    const auto day = cell / in_.shifts.size(), shift = cell % in_.shifts.size();
    std::vector<size_t> out;
    for (size_t e = 0; e < in_.staff.size(); ++e) {
      if (!in_.staff[e].day_off[day] && in_.staff[e].max_shifts[shift] > 0) out.push_back(e);
    }
    return out;
  }

  void take_off(size_t e) {
    auto& days = roster_.shift[e];
    for (int d = 0; d < in_.days; ++d) {
      const int s = days[static_cast<size_t>(d)];
      if (s != kOff) count_on(e, cell(d, s), -1);
      days[static_cast<size_t>(d)] = kOff;
    }
    person_cost_[e] = on_total_[e];
  }

  void put_on(size_t e, const std::vector<int>& schedule) {
    roster_.shift[e] = schedule;
    long long cost = on_total_[e];
    for (int d = 0; d < in_.days; ++d) {
      const int s = schedule[static_cast<size_t>(d)];
      if (s == kOff) continue;
      const size_t i = cell(d, s);
      count_on(e, i, +1);
      cost += off_[e][i] - on_[e][i];
    }
    person_cost_[e] = cost;
  }

  // One person more (+1) or less (-1) on a cell, in every count they belong to.
  void count_on(size_t e, size_t i, int change) {
    count_[i] += change;
    for (size_t g = 0; g < in_.groups.size(); ++g)
      if (in_.groups[g].member[e]) group_count_[g][i] += change;
  }

  // Rebuilds one person's schedule (already taken off) at its best given everyone else's, with
  // up to `noise` added at random to each shift's price for variety; `keep` (best_schedule)
  // holds the days that stay as they are.
  bool rebuild(size_t e, long long noise, std::vector<int> keep) {
    ScheduleCosts costs;
    costs.keep = std::move(keep);
    costs.work.resize(in_.cover.size());
    std::uniform_int_distribution<long long> jitter(0, noise);
    for (size_t i = 0; i < in_.cover.size(); ++i) {
      // One more person on it: the change in its cover penalty.
      long long cover =
          in_.cover[i].penalty_for(count_[i] + 1) - in_.cover[i].penalty_for(count_[i]);
      for (size_t g = 0; g < in_.groups.size(); ++g) {
        if (!in_.groups[g].member[e]) continue;
        const Cover& wanted = in_.groups[g].cover[i];
        cover +=
            wanted.penalty_for(group_count_[g][i] + 1) - wanted.penalty_for(group_count_[g][i]);
      }
      costs.work[i] = cover + off_[e][i] - on_[e][i] + (noise ? jitter(random_) : 0);
    }
    auto schedule = best_schedule(in_, e, costs, o_.labels_per_day);
    if (!schedule) return false;
    put_on(e, *schedule);
    return true;
  }

  long long penalty() const {
    long long total = std::accumulate(person_cost_.begin(), person_cost_.end(), 0LL);
    for (size_t i = 0; i < in_.cover.size(); ++i) total += in_.cover[i].penalty_for(count_[i]);
    for (size_t g = 0; g < in_.groups.size(); ++g) {
      for (size_t i = 0; i < in_.cover.size(); ++i)
        total += in_.groups[g].cover[i].penalty_for(group_count_[g][i]);
    }
    return total;
  }

  const ShiftInstance& in_;
  const SolveOptions& o_;
  SharedBest* shared_;  // null when searching alone
  std::mt19937_64 random_;
  Roster roster_;
  std::vector<int> count_;                     // [day * shifts + shift]: people on it
  std::vector<std::vector<int>> group_count_;  // [group][cell]: the group's people on it
  std::vector<std::vector<int>> on_, off_;     // [employee][cell]: request weights
  std::vector<long long> on_total_;            // [employee]: all their requests for shifts
  std::vector<long long> person_cost_;         // [employee]: their requests not met
};

}  // namespace

Result<SolveResult> solve_roster(const ShiftInstance& instance, const SolveOptions& options) {
  if (options.threads <= 1) return Search(instance, options, options.seed, nullptr).run();
  SharedBest shared;
  std::vector<Result<SolveResult>> results(static_cast<size_t>(options.threads),
                                           Error::internal("not run"));
  {
    std::vector<std::jthread> searches;
    searches.reserve(static_cast<size_t>(options.threads));
    for (int t = 0; t < options.threads; ++t) {
      searches.emplace_back([&, t] {
        results[static_cast<size_t>(t)] =
            Search(instance, options, options.seed + static_cast<uint64_t>(t), &shared).run();
      });
    }
  }
  std::optional<SolveResult> best;
  size_t moves = 0;
  for (auto& r : results) {
    if (!r) return std::move(r).error();
    moves += r->moves;
    if (!best || r->penalty < best->penalty) best = std::move(*r);
  }
  best->moves = moves;
  return std::move(*best);
}

}  // namespace peel::duty
