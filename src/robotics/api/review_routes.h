// Review of work items by people: the exception queue, fix and resume, decisions, abandoning
// (docs/api.md, "Endpoints (robotics)").
#pragma once

#include "robotics/api/robotics_api.h"

namespace peel::robotics {

void add_review_routes(http::Router& router, const RoboticsApiDeps& deps);

}  // namespace peel::robotics
