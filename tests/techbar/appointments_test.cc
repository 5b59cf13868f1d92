// Booking a slot at a Tech Bar, on both store backends: the half-hour slots of a site's hours,
// one booking a slot and one a person at a site; bad bookings refused naming the field; a
// check-in near the slot is the arrival for it, called before those who walked in; a booking
// cancelled frees its slot, and one missed blocks nothing.
#include "techbar/appointments.h"

#include <gtest/gtest.h>

#include "techbar_store.h"

namespace peel::techbar {
namespace {

using std::chrono::days;
using std::chrono::minutes;

class AppointmentsTest : public TechbarStore {
 protected:
  void SetUp() override {
    TechbarStore::SetUp();
    if (IsSkipped()) return;
    appointments_ =
        std::make_unique<Appointments>(db_->store(), *log_, clock_, *staff_, *locations_, *visits_);
  }

  Result<Appointment> book(const std::string& number, const std::string& at) {
    return appointments_->book({site_, number, "laptop", "will not start", *parse_rfc3339(at)},
                               auth::Actor::system());
  }

  std::string field_of(const Result<Appointment>& refused) {
    EXPECT_FALSE(refused);
    return refused ? "booked" : refused.error().fields.at(0).field;
  }

  // 2027-01-13 is a Wednesday; the site is open 08:00-18:00 on weekdays.
  const std::chrono::sys_days wednesday_ =
      std::chrono::floor<days>(*parse_rfc3339("2027-01-13T00:00:00Z"));
  std::unique_ptr<Appointments> appointments_;
};

TEST_P(AppointmentsTest, SlotsAreHalfHoursOfOpeningAndEachIsBookedOnce) {
  auto slots = appointments_->slots(site_, wednesday_);
  ASSERT_TRUE(slots) << slots.error().message;
  ASSERT_EQ(slots->size(), 20U);
  EXPECT_EQ(format_rfc3339(slots->front().starts_at), "2027-01-13T08:00:00.000Z");
  EXPECT_EQ(format_rfc3339(slots->back().starts_at), "2027-01-13T17:30:00.000Z");
  EXPECT_TRUE(appointments_->slots(site_, wednesday_ + days(3))->empty()) << "closed on Saturday";

  auto booked = book("MP4521", "2027-01-13T11:00:00Z");
  ASSERT_TRUE(booked) << booked.error().message;
  EXPECT_EQ(booked->state, "booked");
  EXPECT_EQ(booked->person_name, "PC Olly Officer");
  EXPECT_FALSE(appointments_->slots(site_, wednesday_)->at(6).free) << "11:00 is taken";
  EXPECT_EQ(book("MP1001", "2027-01-13T11:00:00Z").error().code, ErrorCode::kConflict);
  EXPECT_EQ(book("MP4521", "2027-01-14T09:00:00Z").error().code, ErrorCode::kConflict)
      << "one booking a person at a site";

  EXPECT_EQ(field_of(book("MP1001", "2027-01-13T11:15:00Z")), "starts_at") << "not a slot";
  EXPECT_EQ(field_of(book("MP1001", "2027-01-13T09:30:00Z")), "starts_at") << "passed";
  EXPECT_EQ(field_of(book("MP1001", "2027-01-16T10:00:00Z")), "starts_at") << "Saturday";
  EXPECT_EQ(field_of(book("MP1001", "2027-02-24T10:00:00Z")), "starts_at") << "six weeks ahead";
  EXPECT_EQ(field_of(book("MP9999", "2027-01-13T12:00:00Z")), "staff_number");
  EXPECT_EQ(appointments_->of_day(site_, wednesday_)->size(), 1U) << "nothing else written";
}

TEST_P(AppointmentsTest, ACheckInNearTheSlotIsTheArrivalAndGoesFirst) {
  auto booked = book("MP4521", "2027-01-13T11:00:00Z");
  ASSERT_TRUE(booked);
  clock_.set(*parse_rfc3339("2027-01-13T10:20:00Z"));
  auto walk_in =
      appointments_->check_in({site_, "MP1001", "tablet", "cracked screen"}, auth::Actor::system());
  ASSERT_TRUE(walk_in) << walk_in.error().message;
  EXPECT_FALSE(walk_in->visit.booked);
  clock_.set(*parse_rfc3339("2027-01-13T10:40:00Z"));
  auto arrived =
      appointments_->check_in({site_, "MP4521", "laptop", "will not start"}, auth::Actor::system());
  ASSERT_TRUE(arrived) << arrived.error().message;
  EXPECT_TRUE(arrived->visit.booked);
  EXPECT_EQ(arrived->position, 1) << "ahead of the walk-in";
  auto after = appointments_->get(booked->id);
  EXPECT_EQ(after->state, "arrived");
  EXPECT_EQ(after->visit_id, arrived->visit.id);
  auto called = visits_->call_next(site_, engineer_);
  ASSERT_TRUE(called);
  EXPECT_EQ(called->facts.staff_number, "MP4521");

  auto again =
      appointments_->check_in({site_, "MP4521", "laptop", "still broken"}, auth::Actor::system());
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->visit.booked) << "the booking was used";
}

TEST_P(AppointmentsTest, ACancelledSlotIsFreeAndAMissedBookingBlocksNothing) {
  auto booked = book("ST2002", "2027-01-13T12:00:00Z");
  ASSERT_TRUE(booked);
  auto cancelled = appointments_->cancel(booked->id, auth::Actor::system());
  ASSERT_TRUE(cancelled) << cancelled.error().message;
  EXPECT_EQ(cancelled->state, "cancelled");
  EXPECT_EQ(appointments_->cancel(booked->id, auth::Actor::system()).error().code,
            ErrorCode::kConflict);
  EXPECT_TRUE(appointments_->slots(site_, wednesday_)->at(8).free);
  ASSERT_TRUE(book("MP1001", "2027-01-13T12:00:00Z")) << "the slot is free again";

  ASSERT_TRUE(book("ST2002", "2027-01-13T10:30:00Z"));
  clock_.set(*parse_rfc3339("2027-01-13T11:31:00Z"));
  auto next = book("ST2002", "2027-01-14T10:30:00Z");
  EXPECT_TRUE(next) << "a booking not come for blocks nothing: " << next.error().message;
}

INSTANTIATE_TEST_SUITE_P(Backends, AppointmentsTest, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::techbar
