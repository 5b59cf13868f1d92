// The roster optimiser on the force's own data through the API, on both store backends: a plan
// for an empty fortnight meets every minimum (everyone, sergeants, tasers) within the rules and
// shares the hours; applied, the cover shows no gap; after a sickness the re-plan fills the gap
// changing little else; leave asked for is granted when cover allows; bad input is refused
// naming the field with nothing written.
#include <fmt/format.h>

#include <map>
#include <set>

#include "api_fixture.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

// Monday 4 January 2027 to Sunday 17 January: two weeks.
constexpr const char* kFrom = "2027-01-04";
constexpr const char* kTo = "2027-01-17";
constexpr int kPeople = 14;

class DutyPlanApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    planner_ = user_token("planner1", "resource_planner");
    for (int i = 0; i < kPeople; ++i) {
      const bool sergeant = i < 4;
      const auto r = call("POST", "/api/v1/duty/people",
                          fmt::format(R"({{"number": "MP{}", "name": "Officer {}", "rank": "{}",
                                          "area": "Westminster", "role": "response"}})",
                                      2000 + i, i, sergeant ? "sergeant" : "constable"),
                          planner_);
      ASSERT_EQ(r.status, 201) << r.body;
      people_.emplace_back(r.json().at("id").as_string());
      if (i % 3 == 1) {
        ASSERT_EQ(call("POST", "/api/v1/duty/people/" + people_.back() + "/skills",
                       R"({"skill": "taser", "granted": "2026-01-01"})", planner_)
                      .status,
                  200);
        tasers_.insert(people_.back());
      }
      if (sergeant) sergeants_.insert(people_.back());
    }
    const auto set = call("PUT", "/api/v1/duty/minimums/Westminster", R"({"minimums": [
        {"need": "any", "from_hour": 0, "to_hour": 24, "count": 2},
        {"need": "skill:taser", "from_hour": 18, "to_hour": 6, "count": 1},
        {"need": "rank:sergeant", "from_hour": 7, "to_hour": 23, "count": 1}]})",
                          planner_);
    ASSERT_EQ(set.status, 200) << set.body;
  }

  json::object propose() {
    const auto r = call("POST", "/api/v1/duty/plans",
                        fmt::format(R"({{"area": "Westminster", "from": "{}", "to": "{}",
                                        "seconds": 3}})",
                                    kFrom, kTo),
                        planner_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json().as_object() : json::object{};
  }

  json::object apply(const json::object& plan) {
    json::array cancel;
    for (const auto& t : plan.at("cancel").as_array()) cancel.push_back(t.at("id"));
    const json::object body{
        {"add", plan.at("add")}, {"cancel", cancel}, {"reason", "fortnight plan"}};
    const auto r = call("POST", "/api/v1/duty/plans/apply", json::serialize(body), planner_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json().as_object() : json::object{};
  }

  // From the first early: the hours before it are the night before the period's.
  size_t hours_short() {
    const auto r = call("GET",
                        fmt::format("/api/v1/duty/cover?area=Westminster&from={}T07:00:00Z"
                                    "&to=2027-01-18T00:00:00Z",
                                    kFrom),
                        "", planner_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? static_cast<size_t>(r.json().at("hours_short").as_int64()) : 999;
  }

  size_t tours() {
    const auto r =
        call("GET", "/api/v1/duty/roster?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z", "",
             planner_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json().at("tours").as_array().size() : 0;
  }

  std::string planner_;
  std::vector<std::string> people_;
  std::set<std::string> tasers_, sergeants_;
};

TEST_P(DutyPlanApi, AFortnightPlanMeetsEveryMinimumWithinTheRulesAndSharesTheHours) {
  EXPECT_GT(hours_short(), 300U) << "nobody is rostered yet";
  const auto plan = propose();
  ASSERT_FALSE(plan.empty());
  EXPECT_TRUE(plan.at("gaps").as_array().empty()) << json::serialize(plan.at("gaps"));
  EXPECT_TRUE(plan.at("cancel").as_array().empty());
  EXPECT_EQ(tours(), 0U) << "a proposal changes nothing";

  // Every shift has two people; nights a taser, days a sergeant.
  std::map<std::string, std::vector<std::string>> crew;  // start -> people
  for (const auto& t : plan.at("add").as_array())
    crew[std::string(t.at("start").as_string())].emplace_back(t.at("person_id").as_string());
  EXPECT_EQ(crew.size(), 14U * 3) << "every shift of every day is worked";
  for (const auto& [start, who] : crew) {
    EXPECT_GE(who.size(), 2U) << start;
    const bool night = start.find("T23:00") != std::string::npos;
    const auto& needed = night ? tasers_ : sergeants_;
    EXPECT_TRUE(std::any_of(who.begin(), who.end(), [&](const auto& p) { return needed.count(p); }))
        << start << (night ? " has no taser" : " has no sergeant");
  }
  // Fair: the demand (2 x 24 h x 14 days = 672 h) shared by 14 people is 48 h each, within a
  // tour either way.
  for (const auto& p : plan.at("people").as_array()) {
    const double hours = p.at("hours_after").to_number<double>();
    EXPECT_GE(hours, 40) << json::serialize(p);
    EXPECT_LE(hours, 56) << json::serialize(p);
  }

  const auto applied = apply(plan);
  EXPECT_TRUE(applied.at("refused").as_array().empty())
      << "the working-time rules accept every tour: " << json::serialize(applied.at("refused"));
  EXPECT_EQ(applied.at("rostered").as_array().size(), plan.at("add").as_array().size());
  EXPECT_EQ(hours_short(), 0U);
}

TEST_P(DutyPlanApi, AfterASicknessTheReplanFillsTheGapChangingLittleElse) {
  const auto first = apply(propose());
  const auto rostered = first.at("rostered").as_array();
  ASSERT_FALSE(rostered.empty());
  // Someone falls sick for the three days of one of their tours in the middle of the period.
  const json::value* sick_tour = nullptr;
  for (const auto& t : rostered) {
    if (std::string(t.at("start").as_string()) >= "2027-01-08") {
      sick_tour = &t;
      break;
    }
  }
  ASSERT_NE(sick_tour, nullptr);
  const std::string sick(sick_tour->at("person_id").as_string());
  const std::string from(sick_tour->at("start").as_string());
  const auto recorded =
      call("POST", "/api/v1/duty/abstractions",
           json::serialize(json::object{{"person_id", sick},
                                        {"kind", "sickness"},
                                        {"start", from.substr(0, 10) + "T00:00:00Z"},
                                        {"end", "2027-01-11T00:00:00Z"},
                                        {"note", "off sick"}}),
           planner_);
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  ASSERT_GT(hours_short(), 0U) << "the sickness leaves a gap";

  const auto replan = propose();
  EXPECT_TRUE(replan.at("gaps").as_array().empty()) << json::serialize(replan.at("gaps"));
  const size_t changes = replan.at("add").as_array().size() + replan.at("cancel").as_array().size();
  EXPECT_GE(changes, 1U);
  EXPECT_LE(changes * 5, rostered.size()) << "a re-plan, not a new roster: " << changes
                                          << " changes to " << rostered.size() << " tours";
  EXPECT_GE(replan.at("kept").as_int64() + 1, static_cast<int64_t>(rostered.size() - changes));
  for (const auto& t : replan.at("add").as_array())
    EXPECT_NE(t.at("person_id").as_string(), sick) << "nobody sick is rostered";
  const auto applied = apply(replan);
  EXPECT_TRUE(applied.at("refused").as_array().empty()) << json::serialize(applied);
  EXPECT_EQ(hours_short(), 0U);
}

TEST_P(DutyPlanApi, LeaveAskedForIsKeptFreeWhenCoverAllows) {
  const std::string who = people_.at(9);
  const auto asked = call("POST", "/api/v1/duty/abstractions",
                          json::serialize(json::object{{"person_id", who},
                                                       {"kind", "annual_leave"},
                                                       {"start", "2027-01-11T00:00:00Z"},
                                                       {"end", "2027-01-14T00:00:00Z"},
                                                       {"note", "family visit"}}),
                          planner_);
  ASSERT_EQ(asked.status, 201) << asked.body;
  ASSERT_EQ(asked.json().at("status"), "requested");
  const auto plan = propose();
  EXPECT_TRUE(plan.at("gaps").as_array().empty());
  for (const auto& t : plan.at("add").as_array()) {
    const std::string start(t.at("start").as_string());
    if (t.at("person_id").as_string() == who) {
      EXPECT_FALSE(start >= "2027-01-11" && start < "2027-01-14") << "works " << start;
    }
  }
}

TEST_P(DutyPlanApi, AnIdealLevelIsMetWhenPeopleAllowAndIsNoGapWhenNot) {
  const auto set = [&](int ideal) {
    const auto r =
        call("PUT", "/api/v1/duty/minimums/Westminster",
             fmt::format(R"({{"minimums": [{{"need": "any", "from_hour": 0, "to_hour": 24,
                                        "count": 2, "ideal": {}}}]}})",
                         ideal),
             planner_);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("minimums").at(0).at("ideal"), ideal);
  };
  const auto crews = [&](const json::object& plan) {
    std::map<std::string, size_t> crew;  // start -> people
    for (const auto& t : plan.at("add").as_array()) ++crew[std::string(t.at("start").as_string())];
    return crew;
  };
  set(3);  // 14 people can give three on every shift
  const auto three = propose();
  EXPECT_TRUE(three.at("gaps").as_array().empty());
  const auto crew = crews(three);
  EXPECT_EQ(crew.size(), 14U * 3);
  EXPECT_EQ(std::count_if(crew.begin(), crew.end(), [](const auto& c) { return c.second >= 3; }),
            14 * 3);
  set(8);  // they cannot give eight: the minimum is met, and that is no gap
  const auto eight = propose();
  EXPECT_TRUE(eight.at("gaps").as_array().empty()) << json::serialize(eight.at("gaps"));
  for (const auto& [start, people] : crews(eight)) EXPECT_GE(people, 2U) << start;
}

TEST_P(DutyPlanApi, BadInputNamesTheFieldAndWritesNothing) {
  auto field_of = [](const HttpReply& r) {
    return r.status == 422 ? std::string(r.json().at("errors").at(0).at("field").as_string())
                           : "status " + std::to_string(r.status) + " " + r.body;
  };
  const std::pair<std::string, std::string> proposals[] = {
      {R"({"area": "Westminster", "from": "2027-01-10", "to": "2027-01-04"})", "to"},
      {R"({"area": "Westminster", "from": "2027-01-04", "to": "2027-05-04"})", "to"},
      {R"({"area": "Nowhere", "from": "2027-01-04", "to": "2027-01-10"})", "area"},
      {R"({"area": "Westminster", "from": "2027-02-30", "to": "2027-03-04"})", "from"},
      {R"({"area": "Westminster", "from": "2027-01-04", "to": "2027-01-10", "seconds": 0})",
       "seconds"},
      {R"({"area": "Westminster", "from": "2027-01-04", "to": "2027-01-10",
           "shifts": [{"kind": "brunch", "start": "10:00", "hours": 8}]})",
       "shifts[0].kind"},
      {R"({"area": "Westminster", "from": "2027-01-04", "to": "2027-01-10",
           "shifts": [{"kind": "early", "start": "25:00", "hours": 8}]})",
       "shifts[0].start"},
  };
  for (const auto& [body, field] : proposals)
    EXPECT_EQ(field_of(call("POST", "/api/v1/duty/plans", body, planner_)), field) << body;

  const auto plan = propose();
  const std::string one_tour = json::serialize(plan.at("add").at(0));
  const std::pair<std::string, std::string> applications[] = {
      {R"({"cancel": ["no-such-tour"], "add": [], "reason": "x"})", "cancel[0]"},
      {R"({"cancel": [], "add": [)" + one_tour + R"(]})", "reason"},
      {R"({"cancel": [], "add": [{"person_id": "x", "kind": "early", "start": "soon",
          "end": "2027-01-04T15:00:00Z"}], "reason": "x"})",
       "add[0].start"},
  };
  for (const auto& [body, field] : applications)
    EXPECT_EQ(field_of(call("POST", "/api/v1/duty/plans/apply", body, planner_)), field) << body;
  EXPECT_EQ(field_of(call("PUT", "/api/v1/duty/minimums/Westminster",
                          R"({"minimums": [{"need": "any", "from_hour": 0, "to_hour": 24,
                              "count": 2, "ideal": 1}]})",
                          planner_)),
            "minimums[0].ideal");
  EXPECT_EQ(tours(), 0U);

  const auto officer = user_token("pc1", "patrol_officer");
  EXPECT_EQ(call("POST", "/api/v1/duty/plans",
                 R"({"area": "Westminster", "from": "2027-01-04", "to": "2027-01-10"})", officer)
                .status,
            403);
}

INSTANTIATE_TEST_SUITE_P(Backends, DutyPlanApi, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
