// The keys of the tamper evidence, kept outside the database so that whoever can write the
// database cannot forge the chain: the chain's HMAC key (32 random bytes, hex, in
// audit.key_file) and the Ed25519 key that signs checkpoints (PEM, in audit.signing_key_file).
// Each file is mode 600 (its folder 700 when Peel makes it); a key file others may read is
// refused. Servers sharing one PostgreSQL store share the chain key file (copy it).
#pragma once

#include <string>

#include "core/result.h"

namespace peel::app {

// With `create`, a missing key is made (peel init, and the first start of a new store).
Result<std::string> chain_key(const std::string& path, bool create);
Result<std::string> signing_key(const std::string& path, bool create);

}  // namespace peel::app
