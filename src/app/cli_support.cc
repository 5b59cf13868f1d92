#include "app/cli_support.h"

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/json_text.h"

namespace peel::app {

void add_common_options(CLI::App& command, CommonOptions& options) {
  command.add_option("--config", options.config_file, "TOML settings file (see peel.example.toml)");
  command.add_option("--db", options.db_url,
                     "sqlite:PATH (default sqlite:var/peel.db) or postgresql://...");
  command.add_flag("--json", options.json, "Print JSON");
}

Result<Config> config_for(const CommonOptions& options,
                          std::vector<std::pair<std::string, std::string>> flags) {
  if (!options.db_url.empty()) flags.emplace_back("db.url", options.db_url);
  auto config = load_config(options.config_file, flags);
  if (config) log::set_level(config->log_level);
  return config;
}

Result<std::unique_ptr<Platform>> open_platform(const CommonOptions& options, const Clock& clock) {
  auto config = config_for(options);
  if (!config) return std::move(config).error();
  return Platform::open(config->platform, clock);
}

Result<std::string> read_input_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int fail(const Error& error) {
  std::cerr << "peel: " << error.message << "\n";
  return 1;
}

void print(const CommonOptions& options, const boost::json::value& value, const std::string& text) {
  if (options.json)
    std::cout << json_text(value) << "\n";
  else
    std::cout << text << (text.empty() || text.back() == '\n' ? "" : "\n");
}

}  // namespace peel::app
