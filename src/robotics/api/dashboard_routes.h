// What automation achieves, for the people who run it and the business case that pays for it
// (docs/api.md, "Endpoints (robotics)"): queues, throughput, ageing against deadlines,
// exceptions, and the time saved.
#pragma once

#include "robotics/api/robotics_api.h"

namespace peel::robotics {

void add_dashboard_routes(http::Router& router, const RoboticsApiDeps& deps);

}  // namespace peel::robotics
