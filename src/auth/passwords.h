// argon2id password hashing (RFC 9106). Internal to auth.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace peel::auth {

// The PHC-encoded hash ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), with a fresh random salt.
Result<std::string> hash_password(std::string_view password, unsigned memory_kib, unsigned passes);
bool verify_password(std::string_view password, const std::string& encoded_hash);

// A password for a new account, given once to its holder: 20 characters from an alphabet
// without look-alikes (no 0/O, 1/l/I).
std::string generate_password();

// NCSC's advice: refuse what attackers try first — a few characters repeated, a run along the
// alphabet or the digits, and the commonest long passwords. `folded`: the password lower-cased.
Status refuse_guessable(std::string_view folded);

}  // namespace peel::auth
