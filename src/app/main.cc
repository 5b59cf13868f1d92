#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "app/commands.h"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"Peel: an open, integrated policing platform"};
  app.require_subcommand(1);
  int exit_code = 0;
  peel::app::add_serve_command(app, exit_code);
  peel::app::add_store_commands(app, exit_code);
  peel::app::add_user_commands(app, exit_code);
  peel::app::add_audit_commands(app, exit_code);
  peel::app::add_geo_commands(app, exit_code);
  peel::app::add_demo_command(app, exit_code);
  peel::app::add_sim_command(app, exit_code);
  peel::app::add_pole_commands(app, exit_code);
  peel::app::add_duty_commands(app, exit_code);
  peel::app::add_version_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // Everything Peel makes is its own alone: the database and its WAL, graph files, backups,
  // audit keys and checkpoints (600), their folders (700). Personal data is not for other
  // accounts on the machine.
  umask(0077);
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    // A broken invariant: say so in one line rather than abort with a core dump.
    std::fprintf(stderr, "peel: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "peel: internal error\n");
  }
  return 1;
}
