// The HTTP API of robotics under /api/v1/robotics (docs/api.md, "Endpoints (robotics)"): the
// installed processes, form submissions that become work items, an item's state, history and
// outcome, and the queues' figures.
#pragma once

#include "auth/auth.h"
#include "core/clock.h"
#include "http/http.h"
#include "robotics/robotics.h"

namespace peel::robotics {

struct RoboticsApiDeps {
  Robotics& robotics;
  auth::AuthService& auth;  // the access log: reading items' personal data
  const Clock& clock;
};

void add_robotics_routes(http::Router& router, const RoboticsApiDeps& deps);

}  // namespace peel::robotics
