// The simulator's report as a person reads it: a replayed file without the dispatched and
// arrived columns says so, rather than "sent 0, attended 0"; received to dispatched is shown
// for the simulation and, where the file has it, for what really happened.
#include <gtest/gtest.h>

#include "sim/sim.h"

namespace peel::sim {
namespace {

SimReport a_report() {
  SimReport r;
  r.simulated_hours = 1;
  r.units = 4;
  GradeOutcome& i = r.by_grade["I"];
  i.opened = i.dispatched = i.attended = i.decided = i.within_target = 3;
  i.median_minutes = 8;
  i.p90_minutes = 11;
  i.median_dispatch_minutes = 0.5;
  i.p90_dispatch_minutes = 1.5;
  return r;
}

TEST(SimReport, AFileWithoutWhatHappenedSaysItIsNotInTheFile) {
  SimReport r = a_report();
  r.replayed = true;
  r.historical["I"].opened = 3;  // the file's calls, with no dispatched or arrived times
  const std::string text = report_text(r, SimOptions{});
  EXPECT_NE(text.find("What really happened: not in the file"), std::string::npos) << text;
  EXPECT_EQ(text.find("sent 0"), std::string::npos) << text;
  EXPECT_NE(text.find("0.5"), std::string::npos) << "received to dispatched, simulated\n" << text;
}

TEST(SimReport, AFileWithDispatchTimesOnlyShowsReceivedToDispatched) {
  SimReport r = a_report();
  r.replayed = true;
  GradeOutcome& real = r.historical["I"];
  real.opened = real.dispatched = 3;
  real.median_dispatch_minutes = 4.2;
  real.p90_dispatch_minutes = 9.7;
  const std::string text = report_text(r, SimOptions{});
  EXPECT_NE(text.find("What really happened to the same calls"), std::string::npos) << text;
  EXPECT_NE(text.find("4.2"), std::string::npos) << text;
  EXPECT_NE(text.find("9.7"), std::string::npos) << text;
}

TEST(SimReport, SyntheticDemandSaysNothingOfAFile) {
  const std::string text = report_text(a_report(), SimOptions{});
  EXPECT_EQ(text.find("What really happened"), std::string::npos) << text;
}

}  // namespace
}  // namespace peel::sim
