#include "app/demo_techbar.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>

#include "techbar/visits.h"

namespace peel::app {

namespace {

struct StockLine {
  const char* device;
  const char* model;
  int count;
};

const std::vector<StockLine> kStock{{"laptop", "Dell Latitude 5440", 3},
                                    {"tablet", "Samsung Galaxy Tab Active5", 2},
                                    {"phone", "Samsung Galaxy XCover7", 1},
                                    {"radio", "Motorola MTP6650", 1},
                                    {"body_worn_camera", "Axon Body 4", 1}};

// The desk's mix of contacts and how long each kind took it, in days (mean of an exponential
// time on top of a same-day first look): made up, but of the shape the trial reported, where
// laptops and tablets waited days for an engineer to visit.
struct DeskProfile {
  const char* device;
  const char* symptom;
  double share;
  double mean_days;
};

const std::vector<DeskProfile> kDesk{{"laptop", "will not start", 0.22, 3.6},
                                     {"laptop", "no network or VPN", 0.12, 2.4},
                                     {"tablet", "screen damaged", 0.10, 4.9},
                                     {"phone", "no signal", 0.10, 1.8},
                                     {"radio", "no signal", 0.06, 2.2},
                                     {"body_worn_camera", "footage not uploading", 0.08, 2.6},
                                     {"desktop", "slow", 0.06, 2.0},
                                     {"printer", "will not print", 0.06, 1.5},
                                     {"account_access", "locked out", 0.12, 0.6},
                                     {"software", "will not install", 0.08, 2.8}};

constexpr int kDeskTickets = 900;
constexpr int kDeskDays = 90;

std::string desk_export(Timestamp now) {
  std::mt19937 random(20261125);  // the same demo every time
  std::uniform_real_distribution<double> unit(0, 1);
  std::string csv = "reference,opened,resolved,device_type,symptom,first_time_fix,survey_score\n";
  for (int n = 0; n < kDeskTickets; ++n) {
    double pick = unit(random);
    const DeskProfile* kind = &kDesk.back();
    for (const auto& k : kDesk) {
      if (pick < k.share) {
        kind = &k;
        break;
      }
      pick -= k.share;
    }
    const auto opened = now - std::chrono::days(kDeskDays) +
                        std::chrono::minutes(static_cast<long>(unit(random) * kDeskDays * 1440));
    const double days = std::exponential_distribution<double>(1 / kind->mean_days)(random);
    const auto resolved = opened + std::chrono::minutes(static_cast<long>(days * 1440) + 20);
    const bool open = resolved > now;
    const bool first_time = !open && unit(random) < 0.45;
    std::string score;
    if (!open && unit(random) < 0.18) score = std::to_string(unit(random) < 0.55 ? 5 : 3 + n % 2);
    csv += fmt::format("SD{:06},{},{},{},{},{},{}\n", 100000 + n, format_rfc3339(opened),
                       open ? "" : format_rfc3339(resolved), kind->device, kind->symptom,
                       first_time ? "yes" : "no", score);
  }
  return csv;
}

// Three people booked at the site's first three slots on its next open day, from the duty
// roster's numbers (demo_duty.h).
Status book_demo_appointments(techbar::Techbar& bar, const techbar::Location& site,
                              const Clock& clock, DemoTechbar& made) {
  const auto today = std::chrono::floor<std::chrono::days>(clock.now());
  for (int ahead = 1; ahead <= 7; ++ahead) {
    const auto day = today + std::chrono::days(ahead);
    auto slots = bar.appointments.slots(site.id, day);
    if (!slots) return std::move(slots).error();
    if (slots->size() < 3) continue;
    auto held = bar.appointments.of_day(site.id, day);
    if (!held) return std::move(held).error();
    if (!held->empty()) return {};
    const std::vector<std::pair<const char*, const char*>> problems{
        {"laptop", "no network or VPN"},
        {"body_worn_camera", "will not dock"},
        {"account_access", "locked out"}};
    for (size_t i = 0; i < problems.size(); ++i) {
      auto booked = bar.appointments.book({.location_id = site.id,
                                           .staff_number = fmt::format("MP{:04}", 1001 + i),
                                           .device_type = problems[i].first,
                                           .symptom = problems[i].second,
                                           .starts_at = slots->at(i).starts_at},
                                          auth::Actor::system());
      if (!booked) return std::move(booked).error();
      ++made.appointments;
    }
    return {};
  }
  return {};
}

}  // namespace

Result<DemoTechbar> add_demo_techbar(Platform& p, const Clock& clock) {
  techbar::Techbar& bar = p.techbar();
  const auto by = auth::Actor::system();
  DemoTechbar made;
  auto held = bar.assets.list("");
  if (!held) return std::move(held).error();
  auto sites = bar.locations.list();
  if (!sites) return std::move(sites).error();
  if (held->empty()) {
    int serial = 0;
    for (const auto& site : *sites) {
      for (const auto& line : kStock) {
        for (int i = 0; i < line.count; ++i) {
          auto added = bar.assets.add({.location_id = site.id,
                                       .device_type = line.device,
                                       .serial = fmt::format("LN{:05}", ++serial),
                                       .model = line.model},
                                      by);
          if (!added) return std::move(added).error();
          ++made.devices;
        }
      }
    }
  }
  auto desk = bar.service_desk.contacts(Timestamp{}, clock.now() + std::chrono::days(1), "");
  if (!desk) return std::move(desk).error();
  if (desk->empty()) {
    auto imported =
        bar.service_desk.import_csv(desk_export(clock.now()), "demo-service-desk.csv", by);
    if (!imported) return std::move(imported).error();
    made.service_desk_tickets = static_cast<size_t>(imported->tickets);
  }
  const auto headquarters = std::find_if(sites->begin(), sites->end(), [](const auto& site) {
    return site.facts.name == "Headquarters";
  });
  if (headquarters == sites->end()) return made;  // the force has its own sites
  if (Status s = book_demo_appointments(bar, *headquarters, clock, made); !s) return s.error();
  return made;
}

}  // namespace peel::app
