// Each site's loan stock over HTTP (docs/api.md, "Endpoints (techbar)").
#pragma once

#include "techbar/api/techbar_api.h"

namespace peel::techbar {

void add_asset_routes(http::Router& router, const TechbarApiDeps& deps);

}  // namespace peel::techbar
