// `peel demo`: a force to try Peel with, made by Peel itself (no outside data): units spread
// over the town, booked on, records (demo_records.h), a duty roster crewing some of them
// (demo_duty.h), online crime reports for the robotics workers (demo_robotics.h), and a user for
// each role used with a one-time password. Run once after a map exists; run again, it changes
// nothing.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/cli_support.h"
#include "app/commands.h"
#include "app/demo_duty.h"
#include "app/demo_records.h"
#include "app/demo_robotics.h"
#include "app/demo_techbar.h"
#include "auth/passwords.h"

namespace peel::app {

namespace json = boost::json;

namespace {

struct DemoOptions {
  CommonOptions common;
  size_t units = 60;
  std::string sim_credentials;  // where to write the simulator's accounts, if wanted
};

// The simulator's two service accounts (peel sim --credentials FILE): one for the control room's
// work, one for the fleet's AVL, with generated passwords written to a file only its owner
// reads. Nothing happens when the accounts and the file exist; a file left from another
// database is replaced.
Status write_sim_credentials(auth::AuthService& auth, const std::string& path) {
  const struct {
    const char* label;
    const char* username;
    const char* role;
  } accounts[] = {{"control", "sim-control", "control_room_supervisor"},
                  {"avl", "sim-avl", "it_engineer"}};
  const bool exist = auth.find_user(accounts[0].username) || auth.find_user(accounts[1].username);
  if (exist && std::filesystem::exists(path)) return {};
  if (exist) {
    return Error::conflict(std::string("the simulator's accounts exist but ") + path +
                           " does not: disable them (peel user disable) or give the file");
  }
  std::string text =
      "# peel sim --credentials: who the simulator signs in as (made by peel demo)\n";
  for (const auto& a : accounts) {
    const std::string password = auth::generate_password();
    auto added = auth.add_user(
        {a.username, std::string("Simulator (") + a.label + ")", a.role, password, false},
        auth::Actor::system());
    if (!added) return std::move(added).error();
    text += std::string(a.label) + " " + a.username + " " + password + "\n";
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Error::invalid("sim-credentials", "cannot write " + path);
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return {};
}

// A force's mix of units, in the proportions a shift might have them: mostly response cars.
struct UnitKind {
  const char* type;
  const char* prefix;  // of the call sign
  std::vector<std::string> capabilities;
};
const std::vector<UnitKind>& unit_kinds() {
  static const std::vector<UnitKind> kinds = {
      {"response car", "RC", {"first_aid"}},
      {"response car", "RC", {"first_aid", "taser"}},
      {"response car", "RC", {"first_aid", "medic"}},
      {"response car", "RC", {"first_aid"}},
      {"traffic car", "TC", {"advanced_driver", "first_aid", "traffic"}},
      {"armed response vehicle", "ARV", {"advanced_driver", "armed_response", "medic", "taser"}},
      {"dog van", "DV", {"dog", "first_aid"}},
      {"public order carrier", "PO", {"first_aid", "public_order", "taser"}},
  };
  return kinds;
}

struct DemoUser {
  const char* username;
  const char* display_name;
  const char* role;
};
const std::vector<DemoUser> kDemoUsers = {
    {"supervisor", "Demo Supervisor", "control_room_supervisor"},
    {"dispatcher", "Demo Dispatcher", "dispatcher"},
    {"handler", "Demo Call Handler", "call_handler"},
    {"officer", "Demo Officer", "patrol_officer"},
    {"records", "Demo Records Manager", "records_manager"},
    {"planner", "Demo Resource Planner", "resource_planner"},
    {"sergeant", "Demo Sergeant", "supervisor"},
    {"automation", "Demo Automation Administrator", "automation_administrator"},
    {"engineer", "Demo Tech Bar Engineer", "it_engineer"},
};

int run_demo(const DemoOptions& o) {
  SystemClock clock;
  auto platform = open_platform(o.common, clock);
  if (!platform) return fail(platform.error());
  Platform& p = **platform;
  if (!p.geo().service) {
    return fail(
        Error::invalid("map", "there is none: run peel geo synth (or peel geo import) first"));
  }
  const geo::GeoService& map = *p.geo().service;
  const auto by = auth::Actor::system();

  if (!o.sim_credentials.empty()) {
    if (Status s = write_sim_credentials(p.auth(), o.sim_credentials); !s) return fail(s.error());
  }
  json::array users;
  for (const auto& u : kDemoUsers) {
    if (p.auth().find_user(u.username)) continue;
    const std::string password = auth::generate_password();
    auto added = p.auth().add_user({u.username, u.display_name, u.role, password, true}, by);
    if (!added) return fail(added.error());
    users.push_back(
        json::object{{"username", u.username}, {"role", u.role}, {"one_time_password", password}});
  }

  size_t registered = 0;
  if (p.cad().resources().empty()) {
    // Spread over the town (at addresses, so on a road), each counted in the district it is in.
    std::vector<geo::LatLon> bases;
    for (const auto& place : map.places()) {
      if (place.kind == geo::PlaceKind::kAddress) bases.push_back(place.at);
    }
    if (bases.empty()) {
      for (const auto& place : map.places()) bases.push_back(place.at);
    }
    if (bases.empty()) return fail(Error::invalid("map", "has no addresses or places"));
    std::vector<cad::PositionReport> positions;
    for (size_t n = 0; n < o.units; ++n) {
      const UnitKind& kind = unit_kinds()[n % unit_kinds().size()];
      // A stride coprime with most sizes visits the addresses all over the town.
      const geo::LatLon at = bases[(n * 7919) % bases.size()];
      cad::NewResource unit{std::string(kind.prefix) + std::to_string(n + 1),
                            kind.type,
                            map.area_of(at),
                            kind.capabilities,
                            {}};
      auto added = p.cad().register_resource(unit, by);
      if (!added) return fail(added.error());
      positions.push_back({added->id, at, clock.now()});
      ++registered;
    }
    auto taken = p.cad().report_positions(positions);
    if (!taken) return fail(taken.error());
    // Kept as their tracks' first fixes, so that `peel serve` starts with them on the map.
    p.tracks().offer(positions);
    if (Status s = p.tracks().flush(); !s) return fail(s.error());
  }

  auto records = add_demo_records(p, clock);
  if (!records) return fail(records.error());
  auto duty = add_demo_duty(p, clock);
  if (!duty) return fail(duty.error());
  auto reports = add_demo_robotics(p, clock);
  if (!reports) return fail(reports.error());
  auto techbar = add_demo_techbar(p, clock);
  if (!techbar) return fail(techbar.error());

  std::string text = registered > 0
                         ? std::to_string(registered) + " units booked on across the map\n"
                         : "units already registered: none added\n";
  for (const auto& u : users) {
    const auto& user = u.as_object();
    text += "user " + json::value_to<std::string>(user.at("username")) + " (" +
            json::value_to<std::string>(user.at("role")) +
            "), one-time password: " + json::value_to<std::string>(user.at("one_time_password")) +
            "\n";
  }
  if (users.empty()) text += "demo users already exist: none added\n";
  text += records->people > 0
              ? fmt::format(
                    "records: {} people ({} recorded twice), {} vehicles, {} crimes, {} "
                    "warning markers\n",
                    records->people, records->duplicates, records->vehicles, records->crimes,
                    records->markers)
              : "records already exist: none added\n";
  text += duty->people > 0
              ? fmt::format("duty: {} people on the roster, {} tours\n", duty->people, duty->tours)
              : "the roster exists already: nobody added\n";
  text += *reports > 0 ? fmt::format(
                             "robotics: {} online crime reports queued for the workers"
                             " (one cannot be placed and waits for a person)\n",
                             *reports)
                       : "robotics items exist already: no report queued\n";
  text += techbar->devices > 0
              ? fmt::format("tech bar: {} devices in the sites' loan stock\n", techbar->devices)
              : "tech bar loan stock exists already: none added\n";
  text += techbar->service_desk_tickets > 0
              ? fmt::format(
                    "tech bar: {} service desk tickets of the last 90 days imported to"
                    " compare with\n",
                    techbar->service_desk_tickets)
              : "service desk tickets exist already: none imported\n";
  if (techbar->appointments > 0)
    text +=
        fmt::format("tech bar: {} appointments booked at Headquarters\n", techbar->appointments);
  print(o.common,
        json::object{
            {"units_registered", registered},
            {"users", std::move(users)},
            {"records", json::object{{"people", records->people},
                                     {"duplicates", records->duplicates},
                                     {"vehicles", records->vehicles},
                                     {"crimes", records->crimes},
                                     {"markers", records->markers}}},
            {"duty", json::object{{"people", duty->people}, {"tours", duty->tours}}},
            {"robotics_reports", *reports},
            {"techbar", json::object{{"devices", techbar->devices},
                                     {"service_desk_tickets", techbar->service_desk_tickets}}}},
        text);
  return 0;
}

}  // namespace

void add_demo_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DemoOptions>();
  auto* demo = app.add_subcommand(
      "demo",
      "Demo data made by Peel: units, users for each role, records "
      "(people, vehicles, crimes), a duty roster, online reports for the robotics "
      "workers and the Tech Bar's loan stock and service desk history");
  add_common_options(*demo, options->common);
  demo->add_option("--units", options->units, "How many units (when none are registered yet)")
      ->check(CLI::Range(1, 5000));
  demo->add_option("--sim-credentials", options->sim_credentials,
                   "Also make the simulator's accounts and write them to this file (once)");
  demo->callback([options, &exit_code] { exit_code = run_demo(*options); });
}

}  // namespace peel::app
