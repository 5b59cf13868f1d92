// Walking in, on both store backends: a member of staff checks in with their number at an open
// site and gets a place and a wait from the queue and the engineers; an unknown number, a closed
// site, an unknown device or no symptom is refused naming the field with nothing written; the
// engineer calls the person waiting longest; finished visits' times feed the estimates.
#include "techbar/visits.h"

#include <gtest/gtest.h>

#include "techbar_store.h"

namespace peel::techbar {
namespace {

using std::chrono::minutes;

class VisitsTest : public TechbarStore {};

TEST_P(VisitsTest, EachCheckInGetsItsPlaceAndAWaitFromTheQueueAndTheEngineers) {
  auto first = check_in("MP4521");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->position, 1);
  EXPECT_EQ(first->estimated_wait_seconds, 0) << "the engineer is free";
  EXPECT_EQ(first->visit.person_name, "PC Olly Officer");
  auto second = check_in("MP1001");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->position, 2);
  EXPECT_DOUBLE_EQ(second->estimated_wait_seconds, kPriorServiceSeconds)
      << "one laptop ahead, one engineer: a laptop's time, the prior while nothing is known";
  EXPECT_DOUBLE_EQ(second->visit.promised_wait_seconds, kPriorServiceSeconds);

  auto called = visits_->call_next(site_, engineer_);
  ASSERT_TRUE(called) << called.error().message;
  EXPECT_EQ(called->id, first->visit.id) << "the person waiting longest";
  EXPECT_EQ(called->state, "at_counter");
  auto now_second = visits_->place_of(second->visit.id);
  ASSERT_TRUE(now_second);
  EXPECT_EQ(now_second->position, 1);
  EXPECT_DOUBLE_EQ(now_second->estimated_wait_seconds, kPriorServiceSeconds)
      << "waiting for the visit at the counter to end";

  clock_.advance(minutes(5));
  ASSERT_TRUE(visits_->finish(first->visit.id, true, engineer_));
  auto times = visits_->service_times(site_);
  ASSERT_TRUE(times);
  ASSERT_EQ(times->by_device.at("laptop").size(), 1U);
  EXPECT_DOUBLE_EQ(times->by_device.at("laptop")[0], 300);
  EXPECT_FALSE(visits_->finish(first->visit.id, true, engineer_)) << "a visit ends once";
}

TEST_P(VisitsTest, BadCheckInsAreRefusedNamingTheFieldAndNothingIsWritten) {
  const auto field_of = [](const Result<QueuePlace>& r) {
    return r ? std::string("accepted") : r.error().fields.at(0).field;
  };
  EXPECT_EQ(field_of(check_in("MP9999")), "staff_number");
  EXPECT_EQ(field_of(check_in("MP4521", "toaster")), "device_type");
  EXPECT_EQ(field_of(visits_->check_in({site_, "MP4521", "laptop", ""}, auth::Actor::system())),
            "symptom");
  EXPECT_EQ(
      field_of(visits_->check_in({"no-such-site", "MP4521", "laptop", "x"}, auth::Actor::system())),
      "location_id");
  clock_.set(*parse_rfc3339("2027-01-16T10:00:00Z"));  // a Saturday
  auto closed = check_in("MP4521");
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().fields.at(0).field, "location_id");
  EXPECT_NE(
      closed.error().message.find("is closed now: it is open Mon Tue Wed Thu Fri 08:00-18:00"),
      std::string::npos)
      << closed.error().message;
  auto waiting = visits_->queue(site_);
  ASSERT_TRUE(waiting);
  EXPECT_TRUE(waiting->empty()) << "nothing written";
  EXPECT_EQ(visits_->call_next(site_, engineer_).error().code, ErrorCode::kNotFound);
}

TEST_P(VisitsTest, ObservedTimesOfAKindOfDeviceShapeItsEstimate) {
  for (int i = 0; i < 6; ++i) {  // six quick phone fixes of two minutes
    auto in = check_in("ST2002", "phone");
    ASSERT_TRUE(in);
    ASSERT_TRUE(visits_->call_next(site_, engineer_));
    clock_.advance(minutes(2));
    ASSERT_TRUE(visits_->finish(in->visit.id, true, engineer_));
  }
  ASSERT_TRUE(check_in("MP4521", "phone"));
  ASSERT_TRUE(visits_->call_next(site_, engineer_));
  auto next = check_in("MP1001", "phone");
  ASSERT_TRUE(next);
  EXPECT_LT(next->estimated_wait_seconds, 500) << "phones are quick here";
  EXPECT_GT(next->estimated_wait_seconds, 120) << "but six visits do not yet outweigh the prior";
}

INSTANTIATE_TEST_SUITE_P(Backends, VisitsTest, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::techbar
