// The load's end checks find what is missing: an event acknowledged but not in the store's log,
// a delivery a screen never got, a screen the server dropped.
#include "sim/load_checks.h"

#include <gtest/gtest.h>

namespace peel::sim {
namespace {

using std::chrono::milliseconds;

TEST(LoadChecks, AnEventAcknowledgedTwiceMustBeLoggedTwice) {
  const std::vector<std::string> acknowledged = {"IncidentOpened", "ResourceStatusChanged",
                                                 "ResourceStatusChanged", "IncidentClosed"};
  EXPECT_EQ(missing_from_log(acknowledged,
                             {"IncidentOpened", "ResourceStatusChanged", "ResourceStatusChanged",
                              "IncidentClosed", "ResourceStatusChanged"}),
            0U)
      << "events the server wrote of its own accord (at scene) are not a loss";
  EXPECT_EQ(
      missing_from_log(acknowledged, {"IncidentOpened", "ResourceStatusChanged", "IncidentClosed"}),
      1U);
  EXPECT_EQ(missing_from_log(acknowledged, {}), 4U);
}

TEST(LoadChecks, EveryScreenMustGetEveryIncidentEvent) {
  const auto sent = std::chrono::steady_clock::now();
  const std::vector<WorkedIncident> worked = {
      {"a",
       sent,
       {"IncidentOpened", "ResourceDispatched", "ResourceStatusChanged", "IncidentClosed"}},
      {"b", sent, {"IncidentOpened", "IncidentClosed"}}};
  std::vector<ScreenLog> screens(2);
  for (auto& s : screens) {
    s.events = 5;
    s.incident_events = {{"a IncidentOpened", sent + milliseconds(4)},
                         {"a ResourceDispatched", sent + milliseconds(9)},
                         {"a IncidentClosed", sent + milliseconds(12)},
                         {"b IncidentOpened", sent + milliseconds(2)},
                         {"b IncidentClosed", sent + milliseconds(7)}};
  }
  screens[1].incident_events.erase("a ResourceDispatched");
  screens[1].ended = "the server ended the connection: end of stream";

  LoadReport r;
  check_deliveries(worked, screens, r);
  EXPECT_EQ(r.deliveries_expected, 10U) << "five incident-stream events on each of two screens; "
                                           "units' status changes come on another topic";
  EXPECT_EQ(r.deliveries_missing, 1U);
  EXPECT_EQ(r.screens_dropped, 1U);
  EXPECT_EQ(r.stream_events_received, 10U);
  EXPECT_EQ(r.delivery.count, 4U) << "IncidentOpened of two incidents on two screens";
  EXPECT_DOUBLE_EQ(r.delivery.p50_ms, 2);
  EXPECT_DOUBLE_EQ(r.delivery.max_ms, 4);
  EXPECT_TRUE(r.lost());
}

TEST(LoadChecks, NothingMissingIsNotALoss) {
  LoadReport r;
  check_deliveries({}, std::vector<ScreenLog>(3), r);
  EXPECT_EQ(r.deliveries_expected, 0U);
  EXPECT_FALSE(r.lost());
}

}  // namespace
}  // namespace peel::sim
