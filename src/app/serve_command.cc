#include <csignal>
#include <iostream>

#include "app/cli_support.h"
#include "app/commands.h"
#include "core/log.h"

namespace peel::app {

namespace {

struct ServeOptions {
  CommonOptions common;
  std::string address, web_root;
  int port = -1;
};

int serve(const ServeOptions& options) {
  std::vector<std::pair<std::string, std::string>> flags;
  if (options.port >= 0) flags.emplace_back("http.port", std::to_string(options.port));
  if (!options.address.empty()) flags.emplace_back("http.address", options.address);
  if (!options.web_root.empty()) flags.emplace_back("web.root", options.web_root);
  auto config = config_for(options.common, flags);
  if (!config) return fail(config.error());

  // Signals are taken synchronously by this thread; every thread started later inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  SystemClock clock;
  auto platform = Platform::open(config->platform, clock);
  if (!platform) return fail(platform.error());
  if (Status s = (*platform)->serve(); !s) return fail(s.error());
  const auto& http = config->platform.http;
  const std::string scheme = http.tls_certificate_file.empty() ? "http" : "https";
  const std::string host = http.address == "0.0.0.0" ? "localhost" : http.address;
  const auto& map = (*platform)->geo();
  log::info(
      "peel.serving",
      {{"url", scheme + "://" + host + ":" + std::to_string((*platform)->port())},
       {"db", (*platform)->store().description()},
       {"map", map.service ? map.service->record().id + " (" + map.service->record().source + ")"
                           : "none: " + map.missing.message}});
  std::cout << "Peel is running at " << scheme << "://" << host << ":" << (*platform)->port()
            << "/\n";
  if (!(*platform)->active()) {
    std::cout << "Standing by: it takes over when the active server stops; until then it serves "
                 "reads and refuses changes with 503\n";
  }
  std::cout << std::flush;

  // Wake every 30 s to save session activity, until SIGINT or SIGTERM.
  const timespec period{30, 0};
  while (true) {
    const int got = sigtimedwait(&signals, nullptr, &period);
    if (got == SIGINT || got == SIGTERM) break;
    if (auto flushed = (*platform)->auth().flush_activity(); !flushed) {
      log::warn("auth.flush_failed", {{"reason", flushed.error().message}});
    }
  }
  log::info("peel.stopping", {});
  (*platform)->stop();
  log::info("peel.stopped", {});
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* command = app.add_subcommand("serve", "Run the server (HTTP API, web client, live stream)");
  add_common_options(*command, options->common);
  command->add_option("--port", options->port, "TCP port (default 8080)");
  command->add_option("--address", options->address, "Address to listen on (default 127.0.0.1)");
  command->add_option("--web-root", options->web_root, "Directory of the built web client");
  command->callback([options, &exit_code] { exit_code = serve(*options); });
}

}  // namespace peel::app
