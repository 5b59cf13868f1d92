// The managers' figures over a week at one site, on both store backends: tickets, first-time
// fixes, resolution and waiting times, surveys, by site and device beside the service desk's
// imported tickets; the promised waits against those that came; the problems brought, against
// the week before.
#include "techbar/metrics.h"

#include <gtest/gtest.h>

#include "techbar_store.h"

namespace peel::techbar {
namespace {

using std::chrono::days;
using std::chrono::minutes;

class MetricsTest : public TechbarStore {
 protected:
  void SetUp() override {
    TechbarStore::SetUp();
    if (IsSkipped()) return;
    desk_ = std::make_unique<ServiceDesk>(db_->store(), *log_);
  }

  MetricsReport week(const std::string& location = "", const std::string& device = "") {
    auto report = techbar_metrics(db_->store(), *desk_,
                                  {.from = *parse_rfc3339("2027-01-13T00:00:00Z"),
                                   .to = *parse_rfc3339("2027-01-20T00:00:00Z"),
                                   .location_id = location,
                                   .device_type = device});
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : MetricsReport{};
  }

  std::unique_ptr<ServiceDesk> desk_;
};

TEST_P(MetricsTest, AWeekAtTheCounterBesideTheServiceDesk) {
  // The week before: one laptop that would not start, whose owner left.
  clock_.set(*parse_rfc3339("2027-01-12T10:00:00Z"));
  auto before = check_in("ST2002");
  ASSERT_TRUE(before) << before.error().message;
  ASSERT_TRUE(visits_->finish(before->visit.id, false, engineer_));

  clock_.set(*parse_rfc3339("2027-01-13T10:00:00Z"));
  auto laptop = check_in("MP4521");
  auto tablet = check_in("MP1001", "tablet");
  ASSERT_TRUE(laptop && tablet);
  clock_.advance(minutes(5));
  ASSERT_TRUE(visits_->call_next(site_, engineer_));  // laptop waited 5 minutes
  auto fixed = tickets_->open(laptop->visit.id, engineer_);
  ASSERT_TRUE(fixed);
  clock_.advance(minutes(10));
  auto resolved = tickets_->resolve(fixed->id, "reimaged", true, engineer_);
  ASSERT_TRUE(resolved) << resolved.error().message;
  ASSERT_TRUE(tickets_->answer(resolved->survey_token, 5, "", auth::Actor::system()));
  ASSERT_TRUE(visits_->call_next(site_, engineer_));  // tablet waited 15 minutes
  auto sent_away = tickets_->open(tablet->visit.id, engineer_);
  ASSERT_TRUE(sent_away);
  ASSERT_TRUE(tickets_->escalate(sent_away->id, "third_party", "RMA-88", engineer_));
  clock_.advance(days(2));
  ASSERT_TRUE(tickets_->resolve(sent_away->id, "screen replaced by the maker", false, engineer_));
  auto left = check_in("ST2002");
  ASSERT_TRUE(left);
  ASSERT_TRUE(visits_->finish(left->visit.id, false, engineer_));

  auto imported = desk_->import_csv(
      "reference,opened,resolved,device_type,first_time_fix,survey_score\n"
      "INC1,2027-01-13 09:00,2027-01-16 09:00,laptop,no,4\n"
      "INC2,2027-01-14 09:00,,laptop,no,\n"
      "INC3,2027-01-01 09:00,2027-01-02 09:00,tablet,yes,\n",
      "january.csv", auth::Actor::system());
  ASSERT_TRUE(imported) << imported.error().message;
  EXPECT_EQ(imported->added, 3);
  imported = desk_->import_csv(
      "reference,opened,resolved,device_type,first_time_fix\n"
      "INC2,2027-01-14 09:00,2027-01-14 11:00,laptop,yes\n"
      "INC4,2027-01-15 09:00,,phone,no\n",
      "january-2.csv", auth::Actor::system());
  ASSERT_TRUE(imported) << imported.error().message;
  EXPECT_EQ(imported->added, 1);
  EXPECT_EQ(imported->replaced, 1) << "INC2, resolved since";

  const MetricsReport r = week();
  const Figures& bar = r.techbar;
  EXPECT_EQ(bar.contacts, 3);
  EXPECT_EQ(bar.tickets, 2) << "the one who left had no ticket";
  EXPECT_EQ(bar.resolved, 2);
  EXPECT_DOUBLE_EQ(*bar.first_time_fix_rate, 0.5);
  EXPECT_DOUBLE_EQ(*bar.resolution_median_seconds, 15 * 60);
  EXPECT_DOUBLE_EQ(*bar.resolution_p90_seconds, 2 * 86400 + 15 * 60);
  EXPECT_DOUBLE_EQ(*bar.resolution_mean_seconds, (15 * 60 + 2 * 86400 + 15 * 60) / 2.0);
  EXPECT_DOUBLE_EQ(*bar.wait_median_seconds, 5 * 60);
  EXPECT_DOUBLE_EQ(*bar.wait_p90_seconds, 15 * 60);
  EXPECT_EQ(bar.surveys_sent, 2);
  EXPECT_EQ(bar.surveys_answered, 1);
  EXPECT_DOUBLE_EQ(*bar.response_rate, 0.5);
  EXPECT_DOUBLE_EQ(*bar.mean_score, 5);
  EXPECT_DOUBLE_EQ(*bar.excellent_share, 1);

  const Figures& desk = r.service_desk;
  EXPECT_EQ(desk.tickets, 3) << "INC3 was opened before the week";
  EXPECT_EQ(desk.resolved, 2);
  EXPECT_DOUBLE_EQ(*desk.resolution_mean_seconds, (3 * 86400 + 2 * 3600) / 2.0);
  EXPECT_DOUBLE_EQ(*desk.first_time_fix_rate, 0.5);
  EXPECT_EQ(desk.surveys_sent, 2) << "INC1 answered; INC2 resolved, sent by the desk's rule";
  EXPECT_FALSE(desk.wait_median_seconds);

  ASSERT_EQ(r.by_location.size(), 1U);
  EXPECT_EQ(r.by_location[0].location_id, site_);
  ASSERT_EQ(r.by_device.size(), device_types().size());
  EXPECT_EQ(r.by_device[0].device_type, "laptop");
  EXPECT_EQ(r.by_device[0].techbar.contacts, 2);
  EXPECT_EQ(r.by_device[0].service_desk.tickets, 2);
  EXPECT_EQ(r.by_device[1].device_type, "tablet");
  EXPECT_EQ(r.by_device[1].techbar.tickets, 1);
  EXPECT_EQ(r.by_device[2].service_desk.tickets, 1) << "INC4, a phone";

  EXPECT_EQ(r.calibration.visits, 2);
  const double error =
      (5 * 60 - laptop->estimated_wait_seconds) + (15 * 60 - tablet->estimated_wait_seconds);
  EXPECT_NEAR(*r.calibration.mean_error_seconds, error / 2, 1e-6);

  ASSERT_GE(r.top_problems.size(), 2U);
  EXPECT_EQ(r.top_problems[0].device_type, "laptop");
  EXPECT_EQ(r.top_problems[0].symptom, "will not start");
  EXPECT_EQ(r.top_problems[0].visits, 2);
  EXPECT_EQ(r.top_problems[0].previous_visits, 1) << "the week before";
  EXPECT_EQ(r.top_problems[0].by_location.at(site_), 2);
  EXPECT_EQ(r.top_problems[1].device_type, "tablet");

  const MetricsReport tablets = week("", "tablet");
  EXPECT_EQ(tablets.techbar.contacts, 1);
  EXPECT_EQ(tablets.service_desk.tickets, 0);
  ASSERT_EQ(tablets.by_device.size(), 1U);
}

TEST_P(MetricsTest, AnImportWithABadLineWritesNothing) {
  auto refused = desk_->import_csv(
      "reference,opened,device_type\nA,2027-01-13 09:00,laptop\nB,2027-01-13 09:00,kettle\n",
      "bad.csv", auth::Actor::system());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "csv");
  EXPECT_NE(refused.error().fields.at(0).reason.find("line 3: device_type"), std::string::npos);
  EXPECT_EQ(week().service_desk.tickets, 0) << "not even line 2";
}

TEST(Calibration, ErrorsArePositiveWhenPeopleWaitedLonger) {
  const Calibration c = calibration_of({{.promised_seconds = 600, .actual_seconds = 900},
                                        {.promised_seconds = 600, .actual_seconds = 300},
                                        {.promised_seconds = 0, .actual_seconds = 60}});
  EXPECT_EQ(c.visits, 3);
  EXPECT_DOUBLE_EQ(*c.mean_error_seconds, 20);
  EXPECT_DOUBLE_EQ(*c.mean_absolute_error_seconds, 220);
  EXPECT_DOUBLE_EQ(*c.median_absolute_error_seconds, 300);
  EXPECT_DOUBLE_EQ(*c.within_five_minutes, 1);
  EXPECT_FALSE(calibration_of({}).mean_error_seconds);
}

INSTANTIATE_TEST_SUITE_P(Backends, MetricsTest, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::techbar
