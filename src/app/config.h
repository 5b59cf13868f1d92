// Reading the platform's settings: a TOML file (--config), PEEL_* environment variables, then
// command-line flags, each overriding the one before. Unknown keys in the file are refused.
#pragma once

#include <string>
#include <vector>

#include "app/platform.h"
#include "core/log.h"
#include "core/settings.h"

namespace peel::app {

// Every key Peel reads, as "section.key" (the environment name is PEEL_SECTION_KEY).
const std::vector<std::string>& known_settings();
// "geo.emergency_factor_primary": the blue-light speed factor of a road class.
std::string emergency_factor_key(geo::RoadClass road_class);

struct Config {
  PlatformOptions platform;
  log::Level log_level = log::Level::kInfo;
};

// Reads `config_file` (may be empty), the environment and the given flag values (key -> value).
Result<Config> load_config(const std::string& config_file,
                           const std::vector<std::pair<std::string, std::string>>& flags);

}  // namespace peel::app
