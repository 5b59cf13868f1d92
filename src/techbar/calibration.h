// Whether the waits promised at check-in came true: the error of past estimates, the figure
// that shows the queueing model (wait_model.h) is calibrated rather than merely plausible.
#pragma once

#include <optional>
#include <vector>

namespace peel::techbar {

struct PromisedWait {
  double promised_seconds = 0;  // told at check-in
  double actual_seconds = 0;    // checked in until called to the counter
};

struct Calibration {
  int visits = 0;
  // Actual less promised: above zero, people waited longer than they were told.
  std::optional<double> mean_error_seconds;
  std::optional<double> mean_absolute_error_seconds, median_absolute_error_seconds,
      p90_absolute_error_seconds;
  std::optional<double> within_five_minutes;  // share of visits called within 5 min of the promise
};

Calibration calibration_of(const std::vector<PromisedWait>& waits);

}  // namespace peel::techbar
