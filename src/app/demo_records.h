// The demo's records, made by Peel itself: people living at the town's addresses (a few recorded
// twice with a slip, to be found as duplicates), their vehicles, crimes over the last two months
// with victims, suspects and property, and warning markers. Made once; nothing when records exist.
#pragma once

#include <boost/json.hpp>

#include "app/platform.h"

namespace peel::app {

struct DemoRecordsMade {
  size_t people = 0, duplicates = 0, vehicles = 0, crimes = 0, markers = 0;
};

Result<DemoRecordsMade> add_demo_records(Platform& platform, const Clock& clock);

}  // namespace peel::app
