#include "auth/passwords.h"

#include <argon2.h>

#include <string>
#include <unordered_set>

#include "core/crypto.h"

namespace peel::auth {

Result<std::string> hash_password(std::string_view password, unsigned memory_kib, unsigned passes) {
  constexpr size_t kSaltBytes = 16, kHashBytes = 32;
  const std::string salt = random_bytes(kSaltBytes);
  const size_t encoded_length =
      argon2_encodedlen(passes, memory_kib, 1, kSaltBytes, kHashBytes, Argon2_id);
  std::string encoded(encoded_length, '\0');
  const int rc =
      argon2id_hash_encoded(passes, memory_kib, 1, password.data(), password.size(), salt.data(),
                            salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Error::internal(std::string("argon2id: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool verify_password(std::string_view password, const std::string& encoded_hash) {
  return argon2id_verify(encoded_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string generate_password() {
  static constexpr char kAlphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  constexpr size_t kSize = sizeof kAlphabet - 1;
  std::string out;
  while (out.size() < 20) {
    for (unsigned char c : random_bytes(32)) {
      // Rejection sampling keeps every character equally likely.
      if (c < 256 - 256 % kSize && out.size() < 20) out += kAlphabet[c % kSize];
    }
  }
  return out;
}

Status refuse_guessable(std::string_view folded) {
  if (std::unordered_set<char>(folded.begin(), folded.end()).size() < 5)
    return Error::invalid("password", "must not be a few characters repeated");
  bool run = true;
  for (size_t i = 1; i < folded.size() && run; ++i) {
    const int step = folded[i] - folded[i - 1];
    run = step == 1 || step == -1 || (folded[i] == '0' && folded[i - 1] == '9');
  }
  if (run) return Error::invalid("password", "must not be a run of letters or digits");
  static const std::unordered_set<std::string> common{
      "passwordpassword", "password1234",   "password12345", "password123456", "qwertyuiopas",
      "qwertyuiop123",    "qwerty123456",   "1q2w3e4r5t6y",  "1qaz2wsx3edc",   "iloveyouiloveyou",
      "welcome12345",     "letmeinletmein", "football1234",  "administrator",  "changemechangeme",
      "metropolitan",     "policepolice",   "police123456",  "qazwsxedcrfv",   "asdfghjklzxc"};
  if (common.contains(std::string(folded)))
    return Error::invalid("password", "is one of the passwords attackers try first");
  return {};
}

}  // namespace peel::auth
