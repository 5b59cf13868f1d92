// Booking a slot at a Tech Bar, and the day's bookings at the counter (docs/api.md,
// "Endpoints (techbar)").
#pragma once

#include "techbar/api/techbar_api.h"

namespace peel::techbar {

void add_appointment_routes(http::Router& router, const TechbarApiDeps& deps);

}  // namespace peel::techbar
