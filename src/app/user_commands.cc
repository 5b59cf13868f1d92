#include <termios.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <iostream>

#include "app/cli_support.h"
#include "app/commands.h"
#include "auth/api/auth_api.h"
#include "auth/passwords.h"

namespace peel::app {

namespace json = boost::json;

namespace {

struct UserOptions {
  CommonOptions common;
  std::string name, role, display_name, reason;
  std::string purpose = "system administration from the command line";
  bool generate_password = false;
};

int add_user(const UserOptions& o) {
  std::string password;
  if (o.generate_password) {
    password = auth::generate_password();
  } else {
    // At a terminal, ask without echoing; otherwise read one line (a pipe or a file).
    termios saved{};
    const bool terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
      std::cerr << "Password for " << o.name << ": " << std::flush;
      termios quiet = saved;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    const bool read = static_cast<bool>(std::getline(std::cin, password));
    if (terminal) {
      tcsetattr(STDIN_FILENO, TCSANOW, &saved);
      std::cerr << "\n";
    }
    if (!read || password.empty()) {
      return fail(Error::invalid(
          "password", "give the password on standard input, or use --generate-password"));
    }
  }
  SystemClock clock;
  auto platform = open_platform(o.common, clock);
  if (!platform) return fail(platform.error());
  auto& auth = (*platform)->auth();
  auto user = auth.add_user({o.name, o.display_name.empty() ? o.name : o.display_name, o.role,
                             password, o.generate_password},
                            auth::Actor::system());
  if (!user) return fail(user.error());
  if (Status s = auth.record_access(auth::Actor::system(), auth::AccessAction::kCollection, "user",
                                    user->id, o.purpose, "create user");
      !s) {
    return fail(s.error());
  }
  json::object out = auth::user_json(*user);
  std::string text = "Created " + user->username + " (" + auth::role_name(user->role) + ")";
  if (o.generate_password) {
    out["one_time_password"] = password;
    text += "\nOne-time password: " + password;
  }
  print(o.common, out, text);
  return 0;
}

int list_users(const UserOptions& o) {
  SystemClock clock;
  auto platform = open_platform(o.common, clock);
  if (!platform) return fail(platform.error());
  auto& auth = (*platform)->auth();
  if (Status s = auth.record_access(auth::Actor::system(), auth::AccessAction::kConsultation,
                                    "user", "*", o.purpose, "list users");
      !s) {
    return fail(s.error());
  }
  json::array items;
  std::string text;
  for (const auto& u : auth.users()) {
    items.push_back(auth::user_json(u));
    text += u.username + "\t" + auth::role_name(u.role) + "\t" +
            (u.disabled ? "disabled" : "active") + "\t" + u.display_name + "\n";
  }
  if (text.empty()) text = "No users.";
  print(o.common, json::object{{"items", std::move(items)}}, text);
  return 0;
}

int disable_user(const UserOptions& o) {
  SystemClock clock;
  auto platform = open_platform(o.common, clock);
  if (!platform) return fail(platform.error());
  auto user = (*platform)->auth().disable_user(o.name, o.reason, auth::Actor::system());
  if (!user) return fail(user.error());
  print(o.common, auth::user_json(*user),
        "Disabled " + user->username + "; their sessions are ended.");
  return 0;
}

}  // namespace

void add_user_commands(CLI::App& app, int& exit_code) {
  auto* user = app.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);

  auto add_options = std::make_shared<UserOptions>();
  auto* add = user->add_subcommand("add", "Add a user (password on standard input)");
  add_common_options(*add, add_options->common);
  add->add_option("name", add_options->name, "Username")->required();
  add->add_option("--role", add_options->role, "Role, e.g. dispatcher, system_administrator")
      ->required();
  add->add_option("--display-name", add_options->display_name, "Full name as shown to others");
  add->add_flag("--generate-password", add_options->generate_password,
                "Make a one-time password, print it, and require a change at first sign-in");
  add->add_option("--purpose", add_options->purpose, "Why (recorded in the access log)");
  add->callback([add_options, &exit_code] { exit_code = add_user(*add_options); });

  auto list_options = std::make_shared<UserOptions>();
  auto* list = user->add_subcommand("list", "List users");
  add_common_options(*list, list_options->common);
  list->add_option("--purpose", list_options->purpose, "Why (recorded in the access log)");
  list->callback([list_options, &exit_code] { exit_code = list_users(*list_options); });

  auto disable_options = std::make_shared<UserOptions>();
  auto* disable = user->add_subcommand("disable", "Disable a user and end their sessions");
  add_common_options(*disable, disable_options->common);
  disable->add_option("name", disable_options->name, "Username or id")->required();
  disable->add_option("--reason", disable_options->reason, "Why (recorded in the event log)")
      ->required();
  disable->callback([disable_options, &exit_code] { exit_code = disable_user(*disable_options); });
}

}  // namespace peel::app
