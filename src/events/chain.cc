#include <string>

#include "core/crypto.h"
#include "events/event_log.h"

namespace peel::events {

namespace {

// Length-prefixed so that no two different events serialise to the same bytes.
void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

}  // namespace

std::string key_id(std::string_view key) {
  return hmac_sha256_hex(key, "peel event log key").substr(0, 16);
}

std::string chain_hash(const Event& event, std::string_view key) {
  std::string canonical;
  canonical.reserve(160 + event.payload.size() + event.reason.size());
  put(canonical, event.previous_hash);
  put(canonical, std::to_string(event.sequence));
  put(canonical, std::to_string(to_unix_ms(event.at)));
  put(canonical, event.stream);
  put(canonical, event.type);
  put(canonical, event.actor);
  put(canonical, event.reason);
  put(canonical, event.payload);
  return key.empty() ? sha256_hex(canonical) : hmac_sha256_hex(key, canonical);
}

}  // namespace peel::events
