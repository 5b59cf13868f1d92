// The report's chart: a PNG of the agreed size, drawn from the report's own figures (a report
// with calls and one without are different pictures; so are one with and without history).
#include <gtest/gtest.h>

#include "sim/sim.h"

namespace peel::sim {
namespace {

SimReport a_report() {
  SimReport r;
  r.simulated_hours = 4;
  r.units = 60;
  r.utilisation = 0.4;
  GradeOutcome immediate;
  immediate.opened = immediate.dispatched = immediate.decided = 5;
  immediate.attended = immediate.within_target = 4;
  immediate.median_minutes = 6;
  immediate.p90_minutes = 14;
  r.by_grade["I"] = immediate;
  r.response_minutes["I"] = {2, 5, 6, 9, 14};
  return r;
}

TEST(ReportChart, IsAPngOfTheReport) {
  const SimOptions options;
  const std::string png = report_png(a_report(), options);
  ASSERT_EQ(png.rfind("\x89PNG\r\n\x1a\n", 0), 0U);
  EXPECT_EQ(png.substr(16, 8), std::string("\0\0\x03\xc0\0\0\x02\x1c", 8)) << "960 x 540";

  SimReport empty = a_report();
  empty.by_grade.clear();
  empty.response_minutes.clear();
  EXPECT_NE(report_png(empty, options), png);

  SimReport with_history = a_report();
  with_history.historical["I"] = with_history.by_grade["I"];
  with_history.historical_minutes["I"] = {10, 12, 20, 25, 30};
  EXPECT_NE(report_png(with_history, options), png);
}

TEST(ReportChart, LongResponsesWidenTheAxisAndStillDraw) {
  SimReport r = a_report();
  r.by_grade["I"].p90_minutes = 500;  // the axis stops at four hours
  r.response_minutes["I"] = {2, 5, 60, 200, 500};
  EXPECT_EQ(report_png(r, SimOptions{}).rfind("\x89PNG", 0), 0U);
}

}  // namespace
}  // namespace peel::sim
