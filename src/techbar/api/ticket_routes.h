// Tickets at the counter and the surveys after them (docs/api.md, "Endpoints (techbar)").
#pragma once

#include "techbar/api/techbar_api.h"

namespace peel::techbar {

void add_ticket_routes(http::Router& router, const TechbarApiDeps& deps);

}  // namespace peel::techbar
