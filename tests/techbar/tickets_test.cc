// Tickets at the counter, on both store backends: opened for the visit at the counter and
// pre-filled from its check-in; worked (diagnosis, actions, parts, level 1-3); escalated with
// the other side's reference; resolved once, which ends the visit and makes a survey link that
// takes one answer within 14 days.
#include "techbar/tickets.h"

#include <gtest/gtest.h>

#include "techbar_store.h"

namespace peel::techbar {
namespace {

class TicketsTest : public TechbarStore {
 protected:
  // A visit called to the counter, and its ticket.
  Ticket at_counter(const std::string& number) {
    auto in = visits_->check_in({site_, number, "tablet", "cracked screen"}, auth::Actor::system());
    EXPECT_TRUE(in) << in.error().message;
    EXPECT_TRUE(visits_->call_next(site_, engineer_));
    auto ticket = tickets_->open(in->visit.id, engineer_);
    EXPECT_TRUE(ticket) << ticket.error().message;
    return ticket ? *ticket : Ticket{};
  }
};

TEST_P(TicketsTest, ATicketIsPrefilledWorkedResolvedOnceAndSurveyedOnce) {
  const Ticket t = at_counter("MP4521");
  EXPECT_EQ(t.person_name, "PC Olly Officer");
  EXPECT_EQ(t.device_type, "tablet");
  EXPECT_EQ(t.symptom, "cracked screen");
  EXPECT_EQ(t.level, 1);
  EXPECT_EQ(tickets_->open(t.visit_id, engineer_).error().code, ErrorCode::kConflict)
      << "one ticket a visit";

  auto worked = tickets_->record(
      t.id,
      {.diagnosis = "glass only", .actions = "screen swapped", .parts = "screen TB-10", .level = 2},
      engineer_);
  ASSERT_TRUE(worked) << worked.error().message;
  EXPECT_EQ(worked->level, 2);
  EXPECT_EQ(worked->parts, "screen TB-10");
  EXPECT_EQ(
      tickets_->record(t.id, {.diagnosis = {}, .actions = {}, .parts = {}, .level = 4}, engineer_)
          .error()
          .fields.at(0)
          .field,
      "level");

  auto resolved = tickets_->resolve(t.id, "screen replaced at the counter", true, engineer_);
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(resolved->state, "resolved");
  EXPECT_TRUE(resolved->first_time_fix);
  ASSERT_EQ(resolved->survey_token.size(), 32U);
  auto visit = visits_->place_of(t.visit_id);
  ASSERT_TRUE(visit);
  EXPECT_EQ(visit->visit.state, "done") << "resolving ends the visit";
  EXPECT_EQ(tickets_->resolve(t.id, "again", true, engineer_).error().code, ErrorCode::kConflict)
      << "resolved once";

  const auth::Actor olly{"u-1", "olly", {"127.0.0.1"}};
  EXPECT_EQ(tickets_->answer(resolved->survey_token, 6, "", olly).error().fields.at(0).field,
            "score");
  auto answered = tickets_->answer(resolved->survey_token, 5, "quick and friendly", olly);
  ASSERT_TRUE(answered) << answered.error().message;
  EXPECT_EQ(answered->score, 5);
  EXPECT_EQ(tickets_->answer(resolved->survey_token, 4, "", olly).error().code,
            ErrorCode::kConflict)
      << "answered once";
}

TEST_P(TicketsTest, AnEscalationIsTrackedAndALateSurveyIsRefused) {
  const Ticket t = at_counter("MP1001");
  EXPECT_EQ(tickets_->escalate(t.id, "the pub", "X1", engineer_).error().fields.at(0).field, "to");
  auto escalated = tickets_->escalate(t.id, "service_desk", "INC0012345", engineer_);
  ASSERT_TRUE(escalated) << escalated.error().message;
  EXPECT_EQ(escalated->state, "escalated");
  EXPECT_EQ(escalated->escalation_reference, "INC0012345");
  auto resolved = tickets_->resolve(t.id, "replaced by the service desk", false, engineer_);
  ASSERT_TRUE(resolved);
  clock_.advance(kSurveyLife + std::chrono::hours(1));
  auto late = tickets_->answer(resolved->survey_token, 5, "", engineer_);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_NE(late.error().message.find("expired"), std::string::npos) << late.error().message;
  EXPECT_EQ(tickets_->answer("no-such-link", 5, "", engineer_).error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, TicketsTest, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::techbar
