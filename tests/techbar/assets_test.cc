// The loan stock, on both store backends: devices registered once by serial number; lent to a
// member of staff (for a ticket, with a return date) or swapped for good; a device on loan is not
// lent again until it is returned; an unknown staff number is refused.
#include "techbar/assets.h"

#include <gtest/gtest.h>

#include "techbar_store.h"

namespace peel::techbar {
namespace {

class AssetsTest : public TechbarStore {
 protected:
  void SetUp() override {
    TechbarStore::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    assets_ = std::make_unique<Assets>(db_->store(), *log_, clock_, *staff_);
  }
  std::unique_ptr<Assets> assets_;
};

TEST_P(AssetsTest, ADeviceIsLentToOnePersonAtATime) {
  auto laptop =
      assets_->add({site_, "laptop", "5CG1234XYZ", "HP EliteBook 840"}, auth::Actor::system());
  ASSERT_TRUE(laptop) << laptop.error().message;
  EXPECT_EQ(laptop->state, "in_stock");
  EXPECT_EQ(assets_->add({site_, "laptop", "5CG1234XYZ", ""}, auth::Actor::system()).error().code,
            ErrorCode::kConflict)
      << "a serial number is registered once";
  EXPECT_EQ(
      assets_->add({site_, "kettle", "K1", ""}, auth::Actor::system()).error().fields.at(0).field,
      "device_type");

  auto lent = assets_->lend(
      laptop->id, {.staff_number = "MP4521", .ticket_id = "t-1", .swap = false, .days = 7},
      engineer_);
  ASSERT_TRUE(lent) << lent.error().message;
  EXPECT_EQ(lent->state, "on_loan");
  EXPECT_EQ(lent->holder_name, "PC Olly Officer");
  ASSERT_TRUE(lent->due_back);
  EXPECT_EQ(*lent->due_back - *lent->lent_at, std::chrono::days(7));

  auto again = assets_->lend(laptop->id,
                             {.staff_number = "MP1001", .ticket_id = "", .swap = false, .days = 14},
                             engineer_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("PC Olly Officer"), std::string::npos)
      << again.error().message;

  ASSERT_TRUE(assets_->take_back(laptop->id, engineer_));
  EXPECT_EQ(assets_->take_back(laptop->id, engineer_).error().code, ErrorCode::kConflict);
  auto swapped = assets_->lend(
      laptop->id, {.staff_number = "MP1001", .ticket_id = "", .swap = true, .days = 14}, engineer_);
  ASSERT_TRUE(swapped);
  EXPECT_TRUE(swapped->swap);
  EXPECT_FALSE(swapped->due_back) << "a swap is for good";
  EXPECT_EQ(
      assets_
          ->lend(laptop->id, {.staff_number = "MP9999", .ticket_id = "", .swap = false, .days = 14},
                 engineer_)
          .error()
          .fields.at(0)
          .field,
      "staff_number");
}

INSTANTIATE_TEST_SUITE_P(Backends, AssetsTest, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::techbar
