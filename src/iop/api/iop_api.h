// The HTTP API of the operating picture under /api/v1/iop (paths in docs/api.md and the
// OpenAPI document).
#pragma once

#include "cad/cad_service.h"
#include "core/clock.h"
#include "http/http.h"

namespace peel::iop {

void add_iop_routes(http::Router& router, const cad::CadService& cad, const Clock& clock);

}  // namespace peel::iop
