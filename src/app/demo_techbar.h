// The demo's Tech Bar: loan stock at each of the seven sites (laptops, tablets, a phone, a radio
// and a body-worn camera, each with its serial number), and a service desk export of the last
// 90 days, made here and imported as a force would, so that the metrics page has the other
// channel to compare with; and three bookings at Headquarters on its next open day. Made once;
// nothing when the stock, the desk's tickets or that day's bookings exist.
#pragma once

#include "app/platform.h"

namespace peel::app {

struct DemoTechbar {
  size_t devices = 0;  // put in loan stock
  size_t service_desk_tickets = 0;
  size_t appointments = 0;
};

Result<DemoTechbar> add_demo_techbar(Platform& platform, const Clock& clock);

}  // namespace peel::app
