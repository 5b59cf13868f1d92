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

// Lower-case hex HMAC-SHA-256 of the bytes under `key`.
std::string hmac_sha256_hex(std::string_view key, std::string_view bytes);

// Ed25519 (RFC 8032) for signed checkpoints: a new private key as PEM (PKCS #8); the public key
// of a private one as PEM (empty when it is not an Ed25519 key); a signature as hex (empty on
// a bad key); whether `signature_hex` is the signature of `message` under the public key.
std::string ed25519_new_private_pem();
std::string ed25519_public_pem(std::string_view private_pem);
std::string ed25519_sign_hex(std::string_view private_pem, std::string_view message);
bool ed25519_verify(std::string_view public_pem, std::string_view message,
                    std::string_view signature_hex);

}  // namespace peel
