// Identifiers: UUIDv7 (RFC 9562), time-ordered so that indexes stay append-mostly and ids sort
// by creation time, and random enough to be unguessable across forces.
#pragma once

#include <string>

#include "core/clock.h"

namespace peel {

// "0192f1a4-7c3e-7b21-9a4f-3c2d1e0f9a8b"
std::string new_id(const Clock& clock);

// True for the canonical lower-case 36-character form.
bool is_valid_id(std::string_view id);

}  // namespace peel
