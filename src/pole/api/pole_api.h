// The HTTP API of the POLE store under /api/v1 (paths in docs/api.md and the OpenAPI document):
// persons, objects, locations, events and crimes, links, markers, duplicates and merges, and the
// review queue. Every read of personal data needs a stated purpose, and every read and change
// of a person is recorded in the access log.
#pragma once

#include "auth/auth.h"
#include "cad/cad_service.h"
#include "core/clock.h"
#include "geo/api/geo_api.h"
#include "http/http.h"
#include "pole/pole.h"

namespace peel::pole {

struct PoleApiDeps {
  Pole& pole;
  auth::AuthService& auth;
  const Clock& clock;
  const geo::LoadedMap& map;   // for addresses given without a point
  const cad::CadService& cad;  // for incidents turned into crimes
};

void add_pole_routes(http::Router& router, const PoleApiDeps& deps);

}  // namespace peel::pole
