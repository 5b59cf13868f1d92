#include "core/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "core/json_text.h"

namespace peel::log {

namespace {

spdlog::logger& logger() {
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto made = spdlog::stderr_logger_mt("peel");
    // The JSON line's time comes from spdlog so a log write never waits on our own clock.
    made->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})",
                      spdlog::pattern_time_type::utc);
    made->set_level(spdlog::level::info);
    made->flush_on(spdlog::level::info);
    return made;
  }();
  return *instance;
}

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

bool parse_level(std::string_view name, Level& level) {
  if (name == "debug")
    level = Level::kDebug;
  else if (name == "info")
    level = Level::kInfo;
  else if (name == "warn")
    level = Level::kWarn;
  else if (name == "error")
    level = Level::kError;
  else
    return false;
  return true;
}

void set_level(Level level) { logger().set_level(to_spdlog(level)); }

bool enabled(Level level) { return logger().should_log(to_spdlog(level)); }

void write(Level level, std::string_view event, const boost::json::object& fields) {
  if (!enabled(level)) return;
  std::string body = "\"event\":" + json_text(boost::json::string(event));
  for (const auto& field : fields) {
    body += ',';
    body += json_text(boost::json::string(field.key()));
    body += ':';
    body += json_text(field.value());
  }
  logger().log(to_spdlog(level), body);
}

}  // namespace peel::log
