#include <boost/json.hpp>

#include "app/cli_support.h"
#include "app/commands.h"
#include "events/event_log.h"

namespace peel::app {

namespace json = boost::json;

namespace {

int verify(const CommonOptions& options) {
  auto config = config_for(options);
  if (!config) return fail(config.error());
  auto store = store::Store::open(config->platform.db_url, config->platform.store);
  if (!store) return fail(store.error());
  auto report = events::verify(**store);
  if (!report) return fail(report.error());
  if (report->first_bad) {
    print(options,
          json::object{{"intact", false},
                       {"checked", report->checked},
                       {"first_bad_sequence", *report->first_bad},
                       {"problem", report->problem}},
          "");
    return fail(Error::conflict("the event log is not intact: " + report->problem));
  }
  print(options, json::object{{"intact", true}, {"checked", report->checked}},
        "The event log is intact: " + std::to_string(report->checked) + " events checked.");
  return 0;
}

}  // namespace

void add_audit_commands(CLI::App& app, int& exit_code) {
  auto* audit = app.add_subcommand("audit", "Check the evidential history");
  audit->require_subcommand(1);
  auto options = std::make_shared<CommonOptions>();
  auto* verify_command = audit->add_subcommand(
      "verify", "Recompute the event log's hash chain; exit 1 naming the first bad event");
  add_common_options(*verify_command, *options);
  verify_command->callback([options, &exit_code] { exit_code = verify(*options); });
}

}  // namespace peel::app
