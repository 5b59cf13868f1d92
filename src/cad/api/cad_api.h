// The HTTP API of Command & Control: resources, positions (AVL), incidents, recommendations,
// dispatch and the incident log (paths in docs/api.md and the OpenAPI document).
#pragma once

#include "cad/cad_service.h"
#include "http/http.h"

namespace peel::cad {

void add_cad_routes(http::Router& router, CadService& cad, auth::AuthService& auth);

}  // namespace peel::cad
