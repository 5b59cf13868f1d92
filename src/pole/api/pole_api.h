// The HTTP API of the POLE store under /api/v1/persons (paths in docs/api.md and the OpenAPI
// document). Every read of a person needs a stated purpose and is recorded in the access log.
#pragma once

#include "auth/auth.h"
#include "core/clock.h"
#include "http/http.h"
#include "pole/persons.h"

namespace peel::pole {

void add_pole_routes(http::Router& router, Persons& persons, auth::AuthService& auth,
                     const Clock& clock);

}  // namespace peel::pole
