#include <libpq-fe.h>
#include <peel_version.h>
#include <sqlite3.h>

#include <boost/json.hpp>
#include <boost/version.hpp>

#include "app/cli_support.h"
#include "app/commands.h"

namespace peel::app {

void add_version_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CommonOptions>();
  auto* command = app.add_subcommand("version", "Print the version of Peel and its libraries");
  command->add_flag("--json", options->json, "Print JSON");
  command->callback([options, &exit_code] {
    const std::string libpq =
        std::to_string(PQlibVersion() / 10000) + "." + std::to_string(PQlibVersion() % 100);
    print(*options,
          boost::json::object{{"peel", PEEL_VERSION},
                              {"sqlite", sqlite3_libversion()},
                              {"libpq", libpq},
                              {"boost", BOOST_LIB_VERSION}},
          std::string("peel ") + PEEL_VERSION + " (SQLite " + sqlite3_libversion() + ", libpq " +
              libpq + ", Boost " + BOOST_LIB_VERSION + ")");
    exit_code = 0;
  });
}

}  // namespace peel::app
