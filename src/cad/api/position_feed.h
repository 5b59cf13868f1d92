// The live topic "positions": what a dispatcher's map needs is where each unit is now, not every
// fix it sent. Accepted fixes are merged, latest per unit, and sent to the topic's subscribers
// a few times a second in one frame, so the cost of the feed follows the number of units and
// subscribers, not the rate at which gateways report (a gateway sending 100,000 fixes a second
// would otherwise bury every map under frames it cannot draw).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "cad/cad_service.h"
#include "http/stream_hub.h"

namespace peel::cad {

class PositionFeed {
 public:
  PositionFeed(http::StreamHub& stream, std::chrono::milliseconds period);
  PositionFeed(const PositionFeed&) = delete;
  PositionFeed& operator=(const PositionFeed&) = delete;

  // Fixes already accepted into the live state.
  void add(const std::vector<PositionReport>& fixes);

 private:
  void send();

  http::StreamHub& stream_;
  std::mutex mutex_;
  std::unordered_map<std::string, PositionReport> latest_;  // by resource id, since last sent
  std::jthread sender_;  // last: stopped and joined before the rest goes
};

}  // namespace peel::cad
