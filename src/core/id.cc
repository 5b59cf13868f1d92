#include "core/id.h"

#include <cctype>

#include "core/crypto.h"

namespace peel {

std::string new_id(const Clock& clock) {
  std::string bytes = random_bytes(16);
  const auto ms = static_cast<unsigned long long>(to_unix_ms(clock.now()));
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<char>(ms >> (40 - 8 * i) & 0xff);
  bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x70);  // version 7
  bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);  // RFC 9562 variant
  const std::string hex = to_hex(bytes);
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' +
         hex.substr(16, 4) + '-' + hex.substr(20);
}

bool is_valid_id(std::string_view id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (id[i] == '-')) return false;
    if (!dash &&
        !(std::isdigit(static_cast<unsigned char>(id[i])) || (id[i] >= 'a' && id[i] <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace peel
