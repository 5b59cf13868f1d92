// The wait model: M/M/c with service times shrunk towards the prior while they rest on few
// visits.
#include "techbar/wait_model.h"

#include <gtest/gtest.h>

namespace peel::techbar {
namespace {

TEST(WaitModel, SomeoneFirstInLineWithAnEngineerFreeDoesNotWait) {
  EXPECT_EQ(expected_wait_seconds({.engineers = 2, .serving = 1, .ahead = 0}, 600), 0);
  EXPECT_EQ(expected_wait_seconds({.engineers = 2, .serving = 0, .ahead = 1}, 600), 0)
      << "two free engineers take the first two";
}

TEST(WaitModel, WithEveryEngineerBusyEachDepartureTakesTheMeanOverTheEngineers) {
  // Two engineers busy, nobody ahead: the first of two 10-minute visits ends after 5 minutes.
  EXPECT_DOUBLE_EQ(expected_wait_seconds({.engineers = 2, .serving = 2, .ahead = 0}, 600), 300);
  // Three ahead: four departures.
  EXPECT_DOUBLE_EQ(expected_wait_seconds({.engineers = 2, .serving = 2, .ahead = 3}, 600), 1200);
  // One engineer free, two ahead: the first ahead starts at once, then two departures.
  EXPECT_DOUBLE_EQ(expected_wait_seconds({.engineers = 2, .serving = 1, .ahead = 2}, 600), 600);
  EXPECT_DOUBLE_EQ(expected_wait_seconds({.engineers = 0, .serving = 0, .ahead = 0}, 600), 0)
      << "no engineer on shift is taken as one (a closed site takes no check-ins)";
}

TEST(WaitModel, AFewQuickFixesDoNotPromiseEveryoneAShortWait) {
  ServiceTimes t;
  EXPECT_DOUBLE_EQ(t.mean_for("laptop"), kPriorServiceSeconds) << "nothing seen yet: the prior";
  t.by_device["phone"] = {120};
  // One 2-minute phone fix: the overall mean is (120 + 3 * 900) / 4 = 705; the phone mean is
  // (120 + 3 * 705) / 4.
  EXPECT_DOUBLE_EQ(t.mean_for("phone"), (120 + 3 * 705.0) / 4);
  EXPECT_DOUBLE_EQ(t.mean_for("laptop"), 705) << "an unseen type takes the overall mean";
  t.by_device["phone"] = std::vector<double>(100, 120);
  EXPECT_NEAR(t.mean_for("phone"), 120, 25) << "many visits speak for themselves";
}

}  // namespace
}  // namespace peel::techbar
