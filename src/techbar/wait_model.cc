#include "techbar/wait_model.h"

#include <algorithm>
#include <numeric>

namespace peel::techbar {

namespace {

// The mean of `values` pulled towards `prior` as if it were kPriorWeight more values.
double shrunk_mean(const std::vector<double>& values, double prior) {
  const double sum = std::accumulate(values.begin(), values.end(), 0.0);
  return (sum + kPriorWeight * prior) / (static_cast<double>(values.size()) + kPriorWeight);
}

}  // namespace

double ServiceTimes::mean_for(const std::string& device) const {
  std::vector<double> all;
  for (const auto& [_, seconds] : by_device) all.insert(all.end(), seconds.begin(), seconds.end());
  const double overall = shrunk_mean(all, kPriorServiceSeconds);
  const auto it = by_device.find(device);
  return it == by_device.end() ? overall : shrunk_mean(it->second, overall);
}

double expected_wait_seconds(const QueueState& q, double mean_ahead) {
  const int engineers = std::max(q.engineers, 1);
  const int free = std::max(engineers - q.serving, 0);
  if (q.ahead < free) return 0;
  // Everyone ahead who cannot start at once waits for a departure; then this visit does.
  const int departures = q.ahead - free + 1;
  return departures * mean_ahead / engineers;
}

}  // namespace peel::techbar
