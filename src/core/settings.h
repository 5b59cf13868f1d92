// Settings: flat "section.key" values read from a TOML file, overridden by PEEL_SECTION_KEY
// environment variables, overridden by command-line flags — in that order of precedence.
// Typed getters validate and name the setting in their error.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace peel {

class Settings {
 public:
  // A file that cannot be read or parsed is an error that names the file and the line.
  static Result<Settings> from_toml_file(const std::string& path);

  // For each key ("http.port"), a set PEEL_HTTP_PORT replaces the value.
  void apply_environment(const std::vector<std::string>& keys);
  void set(const std::string& key, std::string value) { values_[key] = std::move(value); }

  std::optional<std::string> get(const std::string& key) const;
  std::string get_string(const std::string& key, const std::string& fallback) const;
  Result<long long> get_int(const std::string& key, long long fallback, long long min,
                            long long max) const;
  Result<double> get_double(const std::string& key, double fallback, double min, double max) const;
  Result<bool> get_bool(const std::string& key, bool fallback) const;

  // Keys present that are not in `known`: typos in a config file should not pass silently.
  std::vector<std::string> unknown_keys(const std::vector<std::string>& known) const;

  static std::string environment_name(const std::string& key);

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace peel
