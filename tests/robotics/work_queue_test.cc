// The work queue on both store backends: a reference is taken once; the most urgent item is
// claimed first; a worker that dies (its lease lapses) has its item claimed again from the step
// after the last one done; system failures back off and then escalate; business exceptions wait
// for a person, who fixes the input and resumes; every change is in the item's history.
#include "robotics/work_queue.h"

#include <gtest/gtest.h>

#include "robotics_store.h"

namespace peel::robotics {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

class WorkQueueTest : public RoboticsStore {
 protected:
  void SetUp() override {
    RoboticsStore::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    queue_ = std::make_unique<WorkQueue>(db_->store(), *log_, clock_);
  }

  WorkItem add(const std::string& reference, int priority = 0, minutes due = minutes(60)) {
    auto made = queue_->enqueue({.queue = "online crime",
                                 .process_id = "online-crime-report",
                                 .process_version = 1,
                                 .reference = reference,
                                 .priority = priority,
                                 .deadline = clock_.now() + due,
                                 .input = R"({"surname": "Smith"})",
                                 .refused_reason = ""},
                                auth::Actor::system());
    EXPECT_TRUE(made) << made.error().message;
    return made ? *made : WorkItem{};
  }

  std::optional<WorkItem> claim(const std::string& worker) {
    auto got = queue_->claim(worker, milliseconds(30'000));
    EXPECT_TRUE(got) << got.error().message;
    return got ? *got : std::nullopt;
  }

  std::unique_ptr<WorkQueue> queue_;
};

TEST_P(WorkQueueTest, AReferenceIsTakenOnceAndTheMostUrgentIsClaimedFirst) {
  const auto routine = add("form-1");
  const auto urgent = add("form-2", 5);
  const auto again = queue_->enqueue({.queue = "online crime",
                                      .process_id = "online-crime-report",
                                      .process_version = 1,
                                      .reference = "form-1",
                                      .priority = 0,
                                      .deadline = clock_.now(),
                                      .input = "{}",
                                      .refused_reason = ""},
                                     auth::Actor::system());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find(routine.id), std::string::npos) << again.error().message;

  const auto first = claim("w1");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->id, urgent.id);
  EXPECT_EQ(first->state, "in_progress");
  EXPECT_EQ(first->attempts, 1);
  const auto second = claim("w2");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->id, routine.id);
  EXPECT_FALSE(claim("w3")) << "nothing left";
}

TEST_P(WorkQueueTest, AnItemWhoseWorkerDiedResumesAfterItsLastStepDone) {
  const auto item = add("form-1");
  ASSERT_TRUE(claim("w1"));
  ASSERT_TRUE(queue_->step_done(item.id, "w1", 0, R"({"person_id": "p1"})"));
  // w1 dies here. Until its lease lapses nobody else may take the item.
  EXPECT_FALSE(claim("w2"));
  clock_.advance(milliseconds(31'000));
  const auto taken = claim("w2");
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->next_step, 1) << "step 0 is not done again";
  EXPECT_EQ(taken->attempts, 2);
  // The dead worker's late report is refused: the item is w2's now.
  EXPECT_EQ(queue_->step_done(item.id, "w1", 1, "{}").error().code, ErrorCode::kConflict);
  ASSERT_TRUE(queue_->step_done(item.id, "w2", 1, R"({"crime_reference": "CR-0000001-27"})"));
  const auto done = queue_->complete(item.id, "w2");
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->state, "done");
  EXPECT_EQ(done->outcome, R"({"person_id":"p1","crime_reference":"CR-0000001-27"})");
  auto history = queue_->history(item.id);
  ASSERT_TRUE(history);
  std::vector<std::string> what;
  for (const auto& h : *history) what.push_back(h.what + " " + h.actor);
  EXPECT_EQ(what, (std::vector<std::string>{"created system", "claimed w1", "step_done w1",
                                            "claimed w2", "step_done w2", "done w2"}));
}

TEST_P(WorkQueueTest, ARestartedServerTakesBackWhatItsWorkersHeldAtOnce) {
  const auto item = add("form-1");
  ASSERT_TRUE(claim("srv-1"));
  EXPECT_FALSE(claim("other")) << "leased for 30 s";
  auto none = queue_->release_leases("elsewhere");
  ASSERT_TRUE(none);
  EXPECT_EQ(*none, 0) << "another server's workers keep theirs";
  auto released = queue_->release_leases("srv");
  ASSERT_TRUE(released);
  EXPECT_EQ(*released, 1);
  clock_.advance(milliseconds(1));
  const auto again = claim("srv-2");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, item.id);
}

TEST_P(WorkQueueTest, SystemFailuresBackOffThenEscalate) {
  const auto item = add("form-1");
  const RetryPolicy policy{.max_attempts = 2, .first_backoff = milliseconds(1000)};
  ASSERT_TRUE(claim("w1"));
  const auto retried = queue_->system_failure(item.id, "w1", "records timed out", policy);
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(retried->state, "retried");
  EXPECT_FALSE(claim("w1")) << "not before its backoff";
  clock_.advance(milliseconds(1000));
  ASSERT_TRUE(claim("w1"));
  const auto escalated = queue_->system_failure(item.id, "w1", "records timed out", policy);
  ASSERT_TRUE(escalated);
  EXPECT_EQ(escalated->state, "exception");
  EXPECT_EQ(escalated->reason, "escalated after 2 attempts: records timed out");
}

TEST_P(WorkQueueTest, ABusinessExceptionWaitsForAPersonWhoFixesAndResumesIt) {
  const auto item = add("form-1");
  ASSERT_TRUE(claim("w1"));
  const auto stuck = queue_->business_exception(item.id, "w1", "date_of_birth: in the future");
  ASSERT_TRUE(stuck);
  EXPECT_EQ(stuck->state, "exception");
  EXPECT_FALSE(claim("w1")) << "exceptions wait for a person";
  const auto officer = auth::Actor{.id = "u-7", .username = "reviewer", .origin = {"127.0.0.1"}};
  EXPECT_EQ(queue_->resume(item.id, "[1]", "", officer).error().fields.at(0).field, "input");
  const auto resumed = queue_->resume(item.id, R"({"surname": "Smith", "dob": "1990-01-01"})",
                                      "date of birth added", officer);
  ASSERT_TRUE(resumed) << resumed.error().message;
  EXPECT_EQ(resumed->state, "retried");
  EXPECT_EQ(queue_->history(item.id)->back().detail,
            "with the input corrected: date of birth added");
  const auto again = claim("w1");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->facts.input, R"({"surname": "Smith", "dob": "1990-01-01"})");
  EXPECT_EQ(queue_->resume(item.id, std::nullopt, "", officer).error().code, ErrorCode::kConflict)
      << "only an exception is resumed";
  EXPECT_EQ(queue_->abandon(item.id, "duplicate", officer).error().code, ErrorCode::kConflict)
      << "not while a worker holds it";
}

TEST_P(WorkQueueTest, FiguresCountEachQueueByStateWithTheOverdue) {
  add("a", 0, minutes(10));
  add("b", 0, minutes(120));
  ASSERT_TRUE(claim("w1"));
  clock_.advance(minutes(30));
  auto figures = queue_->figures();
  ASSERT_TRUE(figures);
  ASSERT_EQ(figures->size(), 1U);
  EXPECT_EQ(figures->front().queue, "online crime");
  EXPECT_EQ(figures->front().by_state.at("in_progress"), 1);
  EXPECT_EQ(figures->front().by_state.at("new"), 1);
  EXPECT_EQ(figures->front().overdue, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkQueueTest, ::testing::ValuesIn(testing::store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::robotics
