// peel pole import-crimes: police open data (data.police.uk street-level crime files) into the
// records store as events with their places.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>

#include "app/cli_support.h"
#include "app/commands.h"
#include "pole/street_crimes.h"

namespace peel::app {

namespace json = boost::json;

namespace {

struct PoleOptions {
  CommonOptions common;
  std::vector<std::string> files;
  size_t batch = 2'000;
};

int import_crimes(const PoleOptions& o) {
  SystemClock clock;
  auto platform = open_platform(o.common, clock);
  if (!platform) return fail(platform.error());
  const auto start = std::chrono::steady_clock::now();
  size_t rows = 0, recorded = 0, held = 0, unplaced = 0, repeats = 0;
  json::array files;
  for (const auto& path : o.files) {
    auto text = read_input_file(path);
    if (!text) return fail(text.error());
    auto parsed = pole::parse_street_crimes(*text);
    if (!parsed) {
      Error e = std::move(parsed).error();
      e.message = path + ": " + e.message;
      return fail(e);
    }
    size_t file_recorded = 0, file_held = 0;
    const auto& events = parsed->events;
    for (size_t from = 0; from < events.size(); from += o.batch) {
      const std::vector<pole::NewOccurrence> batch(
          events.begin() + static_cast<std::ptrdiff_t>(from),
          events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), from + o.batch)));
      auto report = (*platform)->pole().events.import(batch, auth::Actor::system());
      if (!report) {
        Error e = std::move(report).error();
        e.message = path + ": " + e.message;
        return fail(e);
      }
      file_recorded += report->recorded;
      file_held += report->already_held;
    }
    json::array repeated;
    for (const auto& r : parsed->repeated_ids)
      repeated.push_back(json::object{{"line", r.line}, {"first_line", r.first_line}});
    files.push_back(json::object{{"file", path},
                                 {"rows", events.size() + parsed->without_location},
                                 {"recorded", file_recorded},
                                 {"already_held", file_held},
                                 {"without_location", parsed->without_location},
                                 {"repeated_crime_ids", std::move(repeated)}});
    repeats += parsed->repeated_ids.size();
    rows += events.size() + parsed->without_location;
    recorded += file_recorded;
    held += file_held;
    unplaced += parsed->without_location;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const json::object out{
      {"files", std::move(files)},
      {"rows", rows},
      {"recorded", recorded},
      {"already_held", held},
      {"without_location", unplaced},
      {"repeated_crime_ids", repeats},
      {"seconds", seconds},
      {"rows_per_second", seconds > 0 ? static_cast<double>(rows) / seconds : 0}};
  print(o.common, out,
        fmt::format("{} rows: {} recorded, {} already held, {} without a location, {} "
                    "repeating an earlier row's Crime ID (kept as further events of it) ({:.1f} s)",
                    rows, recorded, held, unplaced, repeats, seconds));
  return 0;
}

}  // namespace

void add_pole_commands(CLI::App& app, int& exit_code) {
  auto* pole = app.add_subcommand("pole", "Records: import police open data");
  pole->require_subcommand(1);
  auto options = std::make_shared<PoleOptions>();
  auto* import = pole->add_subcommand(
      "import-crimes", "Import data.police.uk street-level crime CSV files as events");
  add_common_options(*import, options->common);
  import->add_option("files", options->files, "The CSV files")->required();
  import->add_option("--batch", options->batch, "Events written per transaction")
      ->check(CLI::Range(1, 100'000));
  import->callback([options, &exit_code] { exit_code = import_crimes(*options);
});
}  // namespace peel::app

}  // namespace peel::app
