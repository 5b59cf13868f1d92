// The records store's warning markers in Command & Control's briefings: a marked location near
// an incident, or the home of a marked person, is shown to the call handler beside CAD's own.
#pragma once

#include "cad/cad_service.h"
#include "pole/markers.h"

namespace peel::app {

cad::CadService::WarningSource record_warnings(const pole::Markers& markers);

}  // namespace peel::app
