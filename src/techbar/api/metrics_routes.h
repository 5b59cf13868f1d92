// The managers' figures (docs/api.md, "Endpoints (techbar)"): the metrics as JSON and CSV,
// and the service desk's export imported to compare the channels.
#pragma once

#include "techbar/api/techbar_api.h"

namespace peel::techbar {

void add_metrics_routes(http::Router& router, const TechbarApiDeps& deps);

}  // namespace peel::techbar
