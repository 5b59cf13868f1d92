// The demo's duty roster, made by Peel itself: two officers crewing each of the first response
// units on each of three tours a day (early 07:00, late 15:00, night 23:00, UTC) in four-on,
// four-off rotations from yesterday for a fortnight, with skills (some expired), minimum staffing
// for each area, a sergeant and an officer tied to the demo accounts, and a leave request waiting
// for a decision. Made once; nothing when anyone is on the roster.
#pragma once

#include "app/platform.h"

namespace peel::app {

struct DemoDutyMade {
  size_t people = 0, tours = 0;
};

Result<DemoDutyMade> add_demo_duty(Platform& platform, const Clock& clock);

}  // namespace peel::app
