// The HTTP API of duty management under /api/v1/duty (paths in docs/api.md and the OpenAPI
// document): people and skills, tours of duty, abstractions and their decisions, minimum
// staffing, cover by hour, and who is on duty now — the feed Command & Control crews units from.
#pragma once

#include "core/clock.h"
#include "duty/duty.h"
#include "http/http.h"

namespace peel::duty {

struct DutyApiDeps {
  Duty& duty;
  const Clock& clock;
  auth::AuthService& auth;  // the access log: reads of others' duty records
};

void add_duty_routes(http::Router& router, const DutyApiDeps& deps);

}  // namespace peel::duty
