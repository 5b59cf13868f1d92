// How long someone who checks in now will wait at a Tech Bar, by a queueing model: M/M/c, first
// come first served. c engineers serve the counter, each visit taking an exponentially
// distributed time with the mean observed for that kind of device. With every engineer busy,
// the next visit ends after S/c on average (the least of c exponential times), so someone with
// n people ahead of them waits (n + 1) * S / c on average; with an engineer free and nobody
// ahead, nothing. The mean S for a device type is shrunk towards the mean over all devices (and
// that towards a prior of 15 minutes) while it rests on few visits, so one quick fix does not
// promise everyone a two-minute wait.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace peel::techbar {

inline constexpr double kPriorServiceSeconds = 15 * 60;
// Visits' weight of the prior in a mean: a type with 3 visits is half its own, half the prior.
inline constexpr double kPriorWeight = 3;

struct ServiceTimes {
  // Seconds from being called to leaving the counter, by device type, of the visits observed.
  std::map<std::string, std::vector<double>> by_device;

  // The mean service time to expect for `device`.
  double mean_for(const std::string& device) const;
};

struct QueueState {
  int engineers = 1;  // serving the counter now
  int serving = 0;    // visits being served now
  int ahead = 0;      // people waiting who checked in earlier
};

// Seconds someone with `q.ahead` people ahead of them can expect to wait, for a visit whose
// people ahead take `mean_ahead` seconds each on average.
double expected_wait_seconds(const QueueState& q, double mean_ahead);

}  // namespace peel::techbar
