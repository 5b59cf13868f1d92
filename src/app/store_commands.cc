#include <boost/json.hpp>
#include <filesystem>
#include <iostream>

#include "app/audit_keys.h"
#include "app/cli_support.h"
#include "app/commands.h"
#include "auth/passwords.h"
#include "events/event_log.h"

namespace peel::app {

namespace json = boost::json;

namespace {

Result<std::vector<std::string>> migrate_store(const CommonOptions& options, const Clock& clock) {
  auto config = config_for(options);
  if (!config) return std::move(config).error();
  auto store = store::Store::open(config->platform.db_url, config->platform.store);
  if (!store) return std::move(store).error();
  auto report = store::migrate(**store, all_migrations(), clock);
  if (!report) return std::move(report).error();
  return report->applied;
}

int migrate(const CommonOptions& options) {
  SystemClock clock;
  auto applied = migrate_store(options, clock);
  if (!applied) return fail(applied.error());
  json::array list;
  std::string text = applied->empty() ? "The database is up to date." : "";
  for (const auto& m : *applied) {
    list.emplace_back(m);
    text += "applied " + m + "\n";
  }
  print(options, json::object{{"applied", std::move(list)}}, text);
  return 0;
}

// Migrates, then makes the first administrator when there is no user at all.
int init(const CommonOptions& options, const std::string& admin_name) {
  SystemClock clock;
  auto applied = migrate_store(options, clock);
  if (!applied) return fail(applied.error());
  auto platform = open_platform(options, clock);
  if (!platform) return fail(platform.error());
  auto& auth = (*platform)->auth();
  const PlatformOptions& settings = (*platform)->options();
  auto signing = signing_key(settings.audit_signing_key_file, true);
  if (!signing) return fail(signing.error());
  json::object out{{"migrations_applied", applied->size()},
                   {"audit_key_file", settings.audit_key_file},
                   {"audit_signing_key_file", settings.audit_signing_key_file}};
  std::string text = "Database ready (" + std::to_string(applied->size()) +
                     " migration(s) applied).\nAudit keys (mode 600; keep copies safe): " +
                     settings.audit_key_file + ", " + settings.audit_signing_key_file;
  if (auth.users().empty()) {
    const std::string password = auth::generate_password();
    auto user = auth.add_user({admin_name, "Administrator", "system_administrator", password, true},
                              auth::Actor::system());
    if (!user) return fail(user.error());
    out["administrator"] =
        json::object{{"username", user->username}, {"one_time_password", password}};
    text += "\nFirst administrator: " + user->username + "\nOne-time password:   " + password +
            "\n(you will be asked to choose a new password at first sign-in)";
  }
  print(options, out, text);
  return 0;
}

// A copy of the store taken while servers go on using it, then checked as a restore would be:
// opened on its own, the event log's chain verified.
int backup(const CommonOptions& options, const std::string& target) {
  auto config = config_for(options);
  if (!config) return fail(config.error());
  auto store = store::Store::open(config->platform.db_url, config->platform.store);
  if (!store) return fail(store.error());
  if (Status s = (*store)->backup_to(target); !s) return fail(s.error());
  auto copy = store::Store::open("sqlite:" + target);
  if (!copy) return fail(copy.error());
  auto key = chain_key(config->platform.audit_key_file, false);
  auto report = events::verify(**copy, key ? *key : std::string());
  if (!report) return fail(report.error());
  if (report->first_bad)
    return fail(Error::conflict("the backup's event log is not intact: " + report->problem));
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(target, ec);
  print(options,
        json::object{{"backup", target},
                     {"events", report->checked},
                     {"intact", true},
                     {"bytes", ec ? 0 : static_cast<long long>(bytes)}},
        "Backed up to " + target + ": " + std::to_string(report->checked) +
            " events, the chain intact. To restore: stop the server, put this file in place of "
            "the database (or serve it with --db sqlite:" +
            target + "), run peel migrate.");
  return 0;
}

}  // namespace

void add_store_commands(CLI::App& app, int& exit_code) {
  auto backup_options = std::make_shared<CommonOptions>();
  auto backup_target = std::make_shared<std::string>();
  auto* backup_command = app.add_subcommand(
      "backup", "Copy the SQLite database to a new file while it is in use, and verify the copy");
  add_common_options(*backup_command, *backup_options);
  backup_command->add_option("--to", *backup_target, "The new file")->required();
  backup_command->callback([backup_options, backup_target, &exit_code] {
    exit_code = backup(*backup_options, *backup_target);
  });

  auto migrate_options = std::make_shared<CommonOptions>();
  auto* migrate_command = app.add_subcommand("migrate", "Apply database migrations");
  add_common_options(*migrate_command, *migrate_options);
  migrate_command->callback(
      [migrate_options, &exit_code] { exit_code = migrate(*migrate_options); });

  auto init_options = std::make_shared<CommonOptions>();
  auto admin_name = std::make_shared<std::string>("admin");
  auto* init_command = app.add_subcommand("init",
                                          "Migrate, and create the first administrator if there is "
                                          "no user (prints a one-time password)");
  add_common_options(*init_command, *init_options);
  init_command->add_option("--admin", *admin_name, "Username of the first administrator");
  init_command->callback(
      [init_options, admin_name, &exit_code] { exit_code = init(*init_options, *admin_name); });
}

}  // namespace peel::app
