// The operating picture's arithmetic on a small, hand-made day: which incidents count towards
// attendance and which do not yet, the percentiles, where open incidents stand, the hours, the
// heat map and the CSV a leader downloads.
#include <gtest/gtest.h>

#include "iop/iop.h"

namespace peel::iop {
namespace {

using namespace std::chrono_literals;
using cad::Grade;

const Timestamp kNow = *parse_rfc3339("2026-11-24T12:30:00.000Z");

cad::IncidentResponse incident(const std::string& id, Grade grade, std::chrono::minutes age,
                               std::optional<std::chrono::minutes> attended_after,
                               const std::string& area = "Ashby") {
  cad::IncidentResponse i;
  i.id = id;
  i.area = area;
  i.grade = grade;
  i.location = {51.5072, -0.1276};
  i.opened_at = kNow - age;
  if (attended_after) {
    i.dispatched_at = i.opened_at + 1min;
    i.attended_at = i.opened_at + *attended_after;
  }
  return i;
}

cad::Resource unit(const std::string& id, cad::ResourceStatus status, const std::string& job,
                   const std::string& area = "Ashby") {
  cad::Resource r;
  r.id = id;
  r.type = "response car";
  r.home_area = area;
  r.status = status;
  r.incident_id = job;
  return r;
}

PictureInputs day() {
  PictureInputs in;
  in.now = kNow;
  in.today_from = *parse_rfc3339("2026-11-24T00:00:00.000Z");
  auto& list = in.incidents;
  // Grade I, target 15 min: attended in 8 and 20 min, one pending (5 min old, nobody yet),
  // one failed (30 min old, nobody yet), one yesterday (attended in 10).
  list.push_back(incident("i1", Grade::kImmediate, 3h, 8min));
  list.push_back(incident("i2", Grade::kImmediate, 2h, 20min));
  list.push_back(incident("i3", Grade::kImmediate, 5min, std::nullopt));
  list.push_back(incident("i4", Grade::kImmediate, 30min, std::nullopt, "Brook"));
  list.push_back(incident("i5", Grade::kImmediate, 20h, 10min));
  // Closed without anyone attending (resolved on the phone): no attendance was needed.
  auto phoned = incident("i6", Grade::kImmediate, 4h, std::nullopt);
  phoned.open = false;
  list.push_back(phoned);
  // A duplicate merged into i1: not demand of its own.
  auto duplicate = incident("i7", Grade::kImmediate, 3h, std::nullopt);
  duplicate.open = false;
  duplicate.duplicate = true;
  list.push_back(duplicate);
  // Grade S, target 60: attended in 45.
  list.push_back(incident("s1", Grade::kSignificant, 90min, 45min));
  for (auto& i : list) {
    if (i.id != "i3" && i.id != "i4") i.open = false;
  }
  in.resources = {unit("u1", cad::ResourceStatus::kEnRoute, "i3"),
                  unit("u2", cad::ResourceStatus::kAvailable, ""),
                  unit("u3", cad::ResourceStatus::kOffDuty, ""),
                  unit("u4", cad::ResourceStatus::kAtScene, "i4", "Brook")};
  return in;
}

TEST(OperatingPicture, AttendanceCountsOnlyWhatIsDecided) {
  const auto p = build_picture(day());
  const auto& today = p.force.today.immediate;
  EXPECT_EQ(today.incidents, 5U) << "i1..i4 and the phoned one; not yesterday's, not the duplicate";
  EXPECT_EQ(today.decided, 3U) << "i1, i2 attended; i4 past target; i3 still within";
  EXPECT_EQ(today.within, 1U);
  EXPECT_NEAR(*today.share, 1.0 / 3.0, 1e-9);
  EXPECT_EQ(*today.median_seconds, 8 * 60) << "nearest rank of {8, 20} minutes";
  EXPECT_EQ(*today.p90_seconds, 20 * 60);

  const auto& day = p.force.last_24_hours.immediate;
  EXPECT_EQ(day.incidents, 6U);
  EXPECT_EQ(day.within, 2U);
  EXPECT_EQ(*day.median_seconds, 10 * 60);
  EXPECT_EQ(p.force.today.significant.within, 1U);
  EXPECT_EQ(*p.force.today.significant.share, 1.0);
}

TEST(OperatingPicture, OpenIncidentsAndUnitsByAreaAndState) {
  const auto p = build_picture(day());
  EXPECT_EQ(p.force.open_by_grade[0], 2U);
  EXPECT_EQ(p.force.open_by_state.dispatched, 1U) << "i3: a unit on its way";
  EXPECT_EQ(p.force.open_by_state.at_scene, 1U) << "i4";
  EXPECT_EQ(p.force.units_by_status.size(), 3U) << "off duty units are not counted";
  EXPECT_EQ(p.force.units_by_type.at("response car"), 3U);
  ASSERT_EQ(p.areas.size(), 2U);
  EXPECT_EQ(p.areas[0].area, "Ashby");
  EXPECT_EQ(p.areas[1].area, "Brook");
  EXPECT_EQ(p.areas[1].open_by_state.at_scene, 1U);
  EXPECT_EQ(p.areas[1].today.immediate.decided, 1U);
  EXPECT_EQ(p.areas[1].today.immediate.within, 0U);
}

TEST(OperatingPicture, HoursAndHeatFollowTheFocus) {
  auto in = day();
  auto p = build_picture(in);
  ASSERT_EQ(p.by_hour.size(), 24U);
  EXPECT_EQ(format_rfc3339(p.by_hour.back().from), "2026-11-24T12:00:00.000Z");
  EXPECT_EQ(p.by_hour.back().opened, 2U) << "i3 and i4";
  EXPECT_EQ(p.by_hour[21].opened, 1U) << "i2 at 10:30";
  size_t heat = 0;
  for (const auto& c : p.heat) heat += c.incidents;
  EXPECT_EQ(heat, 7U) << "every incident of the last 24 h but the duplicate";
  in.focus = "Brook";
  p = build_picture(in);
  EXPECT_EQ(p.by_hour.back().opened, 1U);
  ASSERT_EQ(p.heat.size(), 1U);
  EXPECT_EQ(p.heat[0].incidents, 1U);
}

TEST(OperatingPicture, CsvIsOneRowPerAreaAndSafeInASpreadsheet) {
  auto in = day();
  in.incidents.push_back(incident("x", Grade::kExtended, 1h, std::nullopt, "=HYPERLINK(\"x\")"));
  const std::string csv = areas_csv(build_picture(in));
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")).find("area,open_I,open_S"), 0U);
  EXPECT_NE(csv.find("\r\nForce,2,0,1,0,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n\"'=HYPERLINK(\"\"x\"\")\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",0.333,480,1200,"), std::string::npos) << csv;
  const std::string hours = hours_csv(build_picture(in));
  EXPECT_EQ(std::count(hours.begin(), hours.end(), '\n'), 25);
}

}  // namespace
}  // namespace peel::iop
