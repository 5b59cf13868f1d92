// The demo's automation: online crime reports as the force website sends them, queued for the
// robotics workers, who turn them into crimes with their numbers when `peel serve` starts. One
// names a place the map does not know, and waits in the exception queue for a person. Made
// once; nothing when robotics has items already.
#pragma once

#include "app/platform.h"

namespace peel::app {

// How many reports were queued.
Result<size_t> add_demo_robotics(Platform& platform, const Clock& clock);

}  // namespace peel::app
