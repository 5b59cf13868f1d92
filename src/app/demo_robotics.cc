#include "app/demo_robotics.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/json_text.h"
#include "robotics/form_fields.h"
#include "robotics/trigger_items.h"

namespace peel::app {

namespace json = boost::json;

namespace {

struct DemoReport {
  const char* surname;
  const char* forenames;
  const char* category;
  const char* what;
};

const std::vector<DemoReport> kReports{
    {"Okafor", "Grace", "bicycle-theft",
     "My bicycle was taken from the racks outside the station."},
    {"Lindqvist", "Erik", "vehicle-crime",
     "The rear window of my car was smashed and a bag taken."},
    {"Rahman", "Aisha", "shoplifting", "A man left the shop with two bottles without paying."},
    {"Kowalski", "Piotr", "criminal-damage-arson", "Graffiti sprayed across the garage door."},
    {"Baptiste", "Marie", "theft-from-the-person", "My phone was taken from my pocket on the bus."},
    {"Nakamura", "Ken", "other-theft", "A parcel was taken from the doorstep."},
    {"Osei", "Kwame", "burglary", "The shed was broken into and tools taken."},
};
const DemoReport kUnplaceable{"Novak", "Petr", "criminal-damage-arson",
                              "Someone set fire to the bins behind the old gasworks."};

}  // namespace

Result<size_t> add_demo_robotics(Platform& p, const Clock& clock) {
  auto held = p.robotics().queue.list("", "", 1);
  if (!held) return std::move(held).error();
  if (!held->empty()) return size_t{0};
  auto process = p.robotics().processes.current("online-crime-report");
  if (!process) return std::move(process).error();
  const robotics::ProcessDefinition& d = process->definition;
  std::vector<std::string> streets;
  if (p.geo().service) {
    for (const auto& place : p.geo().service->places()) {
      if (place.kind == geo::PlaceKind::kStreet) streets.push_back(place.name);
      if (streets.size() >= kReports.size()) break;
    }
  }
  const auth::Actor website{"demo", "force website (demo)", {"cli"}};
  size_t queued = 0;
  for (size_t i = 0; i <= kReports.size(); ++i) {
    // The last is a report of a place the map does not know.
    const bool last = i == kReports.size();
    const bool unplaceable = last || streets.empty();
    const DemoReport& r = last ? kUnplaceable : kReports[i];
    const json::object form{
        {"surname", r.surname},
        {"forenames", r.forenames},
        {"email", fmt::format("{}@example.org", r.forenames)},
        {"category", r.category},
        {"happened_from", format_rfc3339(clock.now() - std::chrono::hours(6 + 5 * i))},
        {"where", unplaceable ? "behind the old gasworks" : "near " + streets[i % streets.size()]},
        {"what_happened", r.what}};
    auto fields = robotics::checked_fields(d, json_text(form), clock.now());
    if (!fields) return std::move(fields).error();
    auto made = p.robotics().queue.enqueue(
        robotics::item_of(d, "form-" + robotics::fields_digest(d, *fields), *fields, clock.now()),
        website);
    if (!made) return std::move(made).error();
    ++queued;
  }
  return queued;
}

}  // namespace peel::app
