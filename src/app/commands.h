// The command line: `peel <part> <verb>`, mirroring the API. Every command takes --config and
// --db, prints JSON with --json, and exits non-zero with a one-line reason on failure.
#pragma once

#include <CLI/CLI.hpp>

namespace peel::app {

// Exit codes: 0 done, 1 failed (the reason is printed), 2 bad usage.
void add_serve_command(CLI::App& app, int& exit_code);
void add_store_commands(CLI::App& app, int& exit_code);  // migrate, init
void add_user_commands(CLI::App& app, int& exit_code);
void add_audit_commands(CLI::App& app, int& exit_code);
void add_version_command(CLI::App& app, int& exit_code);
void add_geo_commands(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_sim_command(CLI::App& app, int& exit_code);
void add_pole_commands(CLI::App& app, int& exit_code);  // import-crimes
void add_duty_commands(CLI::App& app, int& exit_code);  // solve, check

}  // namespace peel::app
