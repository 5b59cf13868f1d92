#include "techbar/calibration.h"

#include <algorithm>
#include <cmath>

#include "core/statistics.h"

namespace peel::techbar {

Calibration calibration_of(const std::vector<PromisedWait>& waits) {
  Calibration c;
  c.visits = static_cast<int>(waits.size());
  if (waits.empty()) return c;
  std::vector<double> absolute;
  double error_total = 0, absolute_total = 0;
  int within = 0;
  for (const auto& w : waits) {
    const double error = w.actual_seconds - w.promised_seconds;
    error_total += error;
    absolute_total += std::abs(error);
    absolute.push_back(std::abs(error));
    if (std::abs(error) <= 5 * 60) ++within;
  }
  const auto n = static_cast<double>(waits.size());
  std::sort(absolute.begin(), absolute.end());
  c.mean_error_seconds = error_total / n;
  c.mean_absolute_error_seconds = absolute_total / n;
  c.median_absolute_error_seconds = nearest_rank(absolute, 0.5);
  c.p90_absolute_error_seconds = nearest_rank(absolute, 0.9);
  c.within_five_minutes = within / n;
  return c;
}

}  // namespace peel::techbar
