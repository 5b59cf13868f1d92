// The few cryptographic primitives Peel needs, all from OpenSSL.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace peel {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// `count` bytes from the operating system's CSPRNG. Throws only if the CSPRNG fails, which
// is a broken invariant of the machine, not an expected failure.
std::string random_bytes(size_t count);

// URL-safe base64 without padding: for tokens that travel in headers.
std::string base64url(std::string_view bytes);

// Constant-time comparison, for secrets.
bool equal_constant_time(std::string_view a, std::string_view b);

std::string to_hex(std::string_view bytes);

}  // namespace peel
