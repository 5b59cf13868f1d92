#include "techbar/figures.h"

#include <algorithm>
#include <numeric>

#include "core/statistics.h"

namespace peel::techbar {

namespace {

std::optional<double> share(int part, int whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / whole;
}

}  // namespace

Figures figures_of(const std::vector<const Contact*>& contacts) {
  Figures f;
  std::vector<double> resolution, waits;
  int score_total = 0, excellent = 0;
  for (const Contact* c : contacts) {
    ++f.contacts;
    if (c->wait_seconds) waits.push_back(*c->wait_seconds);
    if (!c->ticket) continue;
    ++f.tickets;
    if (c->resolved_at) {
      ++f.resolved;
      if (c->first_time_fix) ++f.first_time_fixes;
      resolution.push_back(std::chrono::duration<double>(*c->resolved_at - c->opened_at).count());
    }
    if (c->surveyed) ++f.surveys_sent;
    if (c->score) {
      ++f.surveys_answered;
      score_total += *c->score;
      if (*c->score == 5) ++excellent;
    }
  }
  f.first_time_fix_rate = share(f.first_time_fixes, f.resolved);
  if (!resolution.empty()) {
    std::sort(resolution.begin(), resolution.end());
    f.resolution_mean_seconds = std::accumulate(resolution.begin(), resolution.end(), 0.0) /
                                static_cast<double>(resolution.size());
    f.resolution_median_seconds = nearest_rank(resolution, 0.5);
    f.resolution_p90_seconds = nearest_rank(resolution, 0.9);
  }
  if (!waits.empty()) {
    std::sort(waits.begin(), waits.end());
    f.wait_median_seconds = nearest_rank(waits, 0.5);
    f.wait_p90_seconds = nearest_rank(waits, 0.9);
  }
  f.response_rate = share(f.surveys_answered, f.surveys_sent);
  if (f.surveys_answered > 0) f.mean_score = static_cast<double>(score_total) / f.surveys_answered;
  f.excellent_share = share(excellent, f.surveys_answered);
  return f;
}

Figures figures_of(const std::vector<Contact>& contacts) {
  std::vector<const Contact*> all;
  all.reserve(contacts.size());
  for (const auto& c : contacts) all.push_back(&c);
  return figures_of(all);
}

}  // namespace peel::techbar
