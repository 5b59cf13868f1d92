// What every command shares: the common options, opening the platform, printing results.
#pragma once

#include <CLI/CLI.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>

#include "app/config.h"
#include "app/platform.h"
#include "core/clock.h"

namespace peel::app {

struct CommonOptions {
  std::string config_file;
  std::string db_url;
  bool json = false;
};

// Adds --config, --db and --json to a command.
void add_common_options(CLI::App& command, CommonOptions& options);
Result<Config> config_for(const CommonOptions& options,
                          std::vector<std::pair<std::string, std::string>> flags = {});
// Opens the platform for a command (no HTTP server).
Result<std::unique_ptr<Platform>> open_platform(const CommonOptions& options, const Clock& clock);

// The whole of a file a command was given; the error names the path.
Result<std::string> read_input_file(const std::string& path);
// Prints "peel: <reason>" on standard error and returns 1.
int fail(const Error& error);
// Prints `value` as JSON, or `text` when not --json.
void print(const CommonOptions& options, const boost::json::value& value, const std::string& text);

}  // namespace peel::app
