// Structured logging: one JSON object per line on standard error, so an operator's log shipper
// can index every field. Never pass a password, token or personal data as a field.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

namespace peel::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Parses "debug", "info", "warn", "error"; false when the name is unknown.
bool parse_level(std::string_view name, Level& level);
void set_level(Level level);
bool enabled(Level level);

// Writes {"time":..., "level":..., "event": event, ...fields}.
void write(Level level, std::string_view event, const boost::json::object& fields);

inline void debug(std::string_view event, const boost::json::object& fields = {}) {
  if (enabled(Level::kDebug)) write(Level::kDebug, event, fields);
}
inline void info(std::string_view event, const boost::json::object& fields = {}) {
  write(Level::kInfo, event, fields);
}
inline void warn(std::string_view event, const boost::json::object& fields = {}) {
  write(Level::kWarn, event, fields);
}
inline void error(std::string_view event, const boost::json::object& fields = {}) {
  write(Level::kError, event, fields);
}

}  // namespace peel::log
