// Duty management through the HTTP API, on both store backends: people and skills with expiry,
// tours checked against the working-time rules and overridden only by a supervisor with a
// reason, leave asked for and decided, cover against minimum staffing changing as soon as leave
// is approved, who is on duty with the skills that count, and bad input refused naming the
// field with nothing written.
#include "api_fixture.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

// Monday 4 January 2027.
constexpr const char* kDay = "2027-01-04";

class DutyApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    planner_ = user_token("planner1", "resource_planner");
    supervisor_ = user_token("sgt1", "supervisor");
    officer_ = user_token("pc1", "patrol_officer");
  }
  std::string made(const HttpReply& r) {
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(r.json().at("id").as_string()) : std::string();
  }
  std::string at(const char* time) { return std::string(kDay) + "T" + time + ":00Z"; }
  HttpReply tour(const std::string& token, const std::string& person, const std::string& start,
                 const std::string& end, const std::string& extra = "") {
    return call("POST", "/api/v1/duty/tours",
                R"({"person_id": ")" + person + R"(", "start": ")" + start + R"(", "end": ")" +
                    end + R"(", "kind": "early")" + extra + "}",
                token);
  }
  json::array on_duty(const std::string& time) {
    const auto r = call("GET", "/api/v1/duty/on-duty?at=" + at(time.c_str()), "", planner_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json().at("items").as_array() : json::array{};
  }
  size_t rostered() {
    const auto r =
        call("GET", "/api/v1/duty/roster?from=2027-01-01T00:00:00Z&to=2027-02-01T00:00:00Z", "",
             planner_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json().at("tours").as_array().size() +
                                 r.json().at("abstractions").as_array().size()
                           : 0;
  }
  // Patel, a colleague in the same area: a sergeant (the supervisor's own record when `user`
  // is sgt1) or a constable.
  std::string add_patel(bool sergeant, const std::string& user = "") {
    const std::string name = sergeant ? "Sgt Asha Patel" : "PC Ann Patel";
    return made(call("POST", "/api/v1/duty/people",
                     R"({"number": "MP1001", "name": ")" + name + R"(", "rank": ")" +
                         (sergeant ? "sergeant" : "constable") +
                         R"(", "area": "Westminster", "role": "response")" +
                         (user.empty() ? "" : R"(, "user": ")" + user + "\"") + "}",
                     planner_));
  }
  std::string add_constable() {
    return made(call("POST", "/api/v1/duty/people",
                     R"({"number": "MP4521", "name": "PC Dan Jones", "rank": "constable",
                         "team": "Team 2", "area": "Westminster", "role": "response",
                         "user": "pc1"})",
                     planner_));
  }

  std::string planner_, supervisor_, officer_;
};

TEST_P(DutyApi, SkillsCountBetweenGrantAndExpiryAndFeedWhoIsOnDuty) {
  const auto jones = add_constable();
  const std::string skills = "/api/v1/duty/people/" + jones + "/skills";
  EXPECT_EQ(
      call("POST", skills,
           R"({"skill": "taser", "granted": "2026-01-10", "expires": "2027-01-01"})", planner_)
          .status,
      200);
  EXPECT_EQ(
      call("POST", skills, R"({"skill": "response_driver", "granted": "2025-06-01"})", planner_)
          .status,
      200);
  ASSERT_EQ(tour(planner_, jones, at("07:00"), at("15:00"), R"(, "unit": "RC1")").status, 201);

  auto on = on_duty("10:00");
  ASSERT_EQ(on.size(), 1U);
  EXPECT_EQ(on.at(0).at("number"), "MP4521");
  EXPECT_EQ(on.at(0).at("skills"), (json::array{"response_driver"})) << "the taser has expired";
  EXPECT_EQ(on.at(0).at("tour").at("unit"), "RC1");
  EXPECT_TRUE(on_duty("16:00").empty());

  const auto me = call("GET", "/api/v1/duty/people/me", "", officer_);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json().at("id").as_string(), jones);
  EXPECT_EQ(me.json().at("skills").as_array().size(), 2U);
  EXPECT_EQ(call("GET", "/api/v1/duty/people", "", officer_).status, 403)
      << "an officer sees their own record, not everyone's";
}

TEST_P(DutyApi, ReadsOfOthersDutyRecordsAreInTheAccessLogWithTheirPurpose) {
  const auto jones = add_constable();
  ASSERT_EQ(
      call("GET", "/api/v1/duty/people/" + jones, "", planner_, {{"Peel-Purpose", "court warning"}})
          .status,
      200);
  ASSERT_EQ(call("GET", "/api/v1/duty/people", "", planner_).status, 200);
  ASSERT_EQ(call("GET", "/api/v1/duty/people/me", "", officer_).status, 200);
  const auto admin = user_token("admin2", "system_administrator");
  const auto log = call("GET", "/api/v1/access-log?subject_type=staff&limit=100", "", admin,
                        {{"Peel-Purpose", "audit"}});
  ASSERT_EQ(log.status, 200) << log.body;
  std::vector<std::string> seen;
  const auto entries = log.json();
  for (const auto& e : entries.at("items").as_array())
    seen.push_back(std::string(e.at("subject_id").as_string()) + ":" +
                   std::string(e.at("purpose").as_string()));
  EXPECT_EQ(seen, (std::vector<std::string>{jones + ":duty management (not stated)",
                                            jones + ":court warning",
                                            jones + ":duty management (not stated)"}))
      << "newest first: the list, per person it named; the record read with its purpose; the "
         "record's collection. Jones (pc1) reading their own record is not logged";
}

TEST_P(DutyApi, AtATourStartItsCrewAndTheirValidSkillsManTheUnit) {
  const auto jones = add_constable();
  const auto patel = add_patel(true);
  const std::string jones_skills = "/api/v1/duty/people/" + jones + "/skills";
  ASSERT_EQ(call("POST", jones_skills, R"({"skill": "response_driver", "granted": "2025-06-01"})",
                 planner_)
                .status,
            200);
  ASSERT_EQ(
      call("POST", jones_skills,
           R"({"skill": "taser", "granted": "2025-01-10", "expires": "2027-01-01"})", planner_)
          .status,
      200);
  ASSERT_EQ(
      call("POST", "/api/v1/duty/people/" + patel + "/skills",
           R"({"skill": "first_aid", "granted": "2026-03-01", "expires": "2028-03-01"})", planner_)
          .status,
      200);
  const auto unit = call("POST", "/api/v1/resources",
                         R"({"call_sign": "RC1", "type": "response car", "capabilities": ["taser"],
                             "home_area": "Westminster"})",
                         planner_);
  ASSERT_EQ(unit.status, 201) << unit.body;
  for (const auto& who : {jones, patel})
    ASSERT_EQ(tour(planner_, who, at("07:00"), at("15:00"), R"(, "unit": "RC1")").status, 201);

  const auto crewed = platform().crew_feed().crew_tours_starting(*parse_rfc3339(at("06:00")),
                                                                 *parse_rfc3339(at("07:00")));
  ASSERT_TRUE(crewed) << crewed.error().message;
  EXPECT_EQ(*crewed, std::vector<std::string>{"RC1"});
  const auto read = call(
      "GET", "/api/v1/resources/" + std::string(unit.json().at("id").as_string()), "", supervisor_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().at("crew"), (json::array{"MP1001 Sgt Asha Patel", "MP4521 PC Dan Jones"}));
  EXPECT_EQ(read.json().at("capabilities"), (json::array{"first_aid", "response_driver"}))
      << "the unit carries what its crew may do today; Jones's taser expired on 1 January";
  const auto again = platform().crew_feed().crew_tours_starting(*parse_rfc3339(at("07:00")),
                                                                *parse_rfc3339(at("08:00")));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty()) << "a tour crews its unit once, at its start";
  restart();
  const auto after = call(
      "GET", "/api/v1/resources/" + std::string(unit.json().at("id").as_string()), "", supervisor_);
  EXPECT_EQ(after.json().at("capabilities"), (json::array{"first_aid", "response_driver"}))
      << "rebuilt from the event log";
}

TEST_P(DutyApi, AtStartUpToursAlreadyRunningCrewTheirUnitsOnce) {
  const auto jones = add_constable();
  const auto unit = call("POST", "/api/v1/resources",
                         R"({"call_sign": "RC2", "type": "response car", "capabilities": [],
                             "home_area": "Westminster"})",
                         planner_);
  ASSERT_EQ(unit.status, 201) << unit.body;
  ASSERT_EQ(tour(planner_, jones, at("07:00"), at("15:00"), R"(, "unit": "RC2")").status, 201);

  // The server comes up at 10:00, three hours into the tour.
  const auto crewed = platform().crew_feed().crew_tours_in_progress(*parse_rfc3339(at("10:00")));
  ASSERT_TRUE(crewed) << crewed.error().message;
  EXPECT_EQ(*crewed, std::vector<std::string>{"RC2"});
  const auto read = call(
      "GET", "/api/v1/resources/" + std::string(unit.json().at("id").as_string()), "", supervisor_);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().at("crew"), (json::array{"MP4521 PC Dan Jones"}));
  const auto again = platform().crew_feed().crew_tours_in_progress(*parse_rfc3339(at("10:05")));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty()) << "a unit already crewed so is left alone";
}

TEST_P(DutyApi, APatternBuildsARosterAndReportsWhatTheRulesRefuse) {
  const auto jones = add_constable();
  const auto patel = add_patel(false);
  const auto pattern = made(call("POST", "/api/v1/duty/patterns",
                                 R"({"name": "Four on four off, earlies", "length_days": 8,
                                     "tours": [{"day": 0, "kind": "early", "start": "07:00", "hours": 8},
                                               {"day": 1, "kind": "early", "start": "07:00", "hours": 8},
                                               {"day": 2, "kind": "early", "start": "07:00", "hours": 8},
                                               {"day": 3, "kind": "early", "start": "07:00", "hours": 8}]})",
                                 planner_));
  const std::string build = "/api/v1/duty/patterns/" + pattern + "/roster";
  const std::string body = R"({"people": [{"person_id": ")" + jones + R"(", "offset": 0},
                                          {"person_id": ")" +
                           patel + R"(", "offset": 4}],
                               "from": "2027-01-04", "to": "2027-01-19", "unit": "RC1"})";
  const auto built = call("POST", build, body, planner_);
  ASSERT_EQ(built.status, 200) << built.body;
  EXPECT_EQ(built.json().at("rostered").as_array().size(), 16U) << "8 tours each in 16 days";
  EXPECT_TRUE(built.json().at("refused").as_array().empty());
  EXPECT_EQ(on_duty("10:00").size(), 1U) << "Jones on day 0; Patel rests until day 4";

  const auto again = call("POST", build, body, planner_);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json().at("rostered").as_array().empty());
  ASSERT_EQ(again.json().at("refused").as_array().size(), 16U);
  EXPECT_NE(again.json().at("refused").at(0).at("reason").as_string().find("overlaps"),
            std::string::npos);

  const auto nobody = call("POST", build,
                           R"({"people": [{"person_id": "nobody"}], "from": "2027-02-01",
                               "to": "2027-02-08"})",
                           planner_);
  EXPECT_EQ(nobody.status, 422) << nobody.body;
  EXPECT_NE(nobody.body.find("\"field\":\"people\""), std::string::npos) << nobody.body;
  EXPECT_EQ(
      call("POST", build, R"({"people": [{"person_id": ")" + jones + R"("}], "from": "2027-02-08",
                     "to": "2027-02-01"})",
           planner_)
          .status,
      422);

  const auto listed = call("GET", "/api/v1/duty/patterns", "", supervisor_);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json().at("items").at(0).at("tours").at(0).at("start"), "07:00");
}

TEST_P(DutyApi, ASwapIsAskedForAndOnApprovalTheToursChangeHandsWithinTheRules) {
  const auto jones = add_constable();
  const auto patel = add_patel(false);
  const auto monday = made(tour(planner_, jones, at("07:00"), at("15:00")));
  const auto tuesday = made(tour(planner_, patel, "2027-01-05T07:00:00Z", "2027-01-05T15:00:00Z"));
  made(tour(planner_, jones, "2027-01-07T07:00:00Z", "2027-01-07T15:00:00Z"));
  const auto wednesday_night =
      made(tour(planner_, patel, "2027-01-06T22:00:00Z", "2027-01-07T06:00:00Z"));
  auto ask = [&](const std::string& token, const std::string& mine, const std::string& theirs) {
    return call("POST", "/api/v1/duty/swaps",
                R"({"tour_id": ")" + mine + R"(", "other_tour_id": ")" + theirs +
                    R"(", "note": "childcare"})",
                token);
  };
  // Jones looks for what his Monday could be exchanged for: his colleague's tours that week.
  const auto options = call("GET", "/api/v1/duty/swap-options?tour_id=" + monday, "", officer_);
  ASSERT_EQ(options.status, 200) << options.body;
  const auto offered = options.json();
  std::vector<std::string> offered_ids;
  for (const auto& o : offered.at("items").as_array()) {
    offered_ids.emplace_back(o.at("tour").at("id").as_string());
    EXPECT_EQ(o.at("person").at("name"), "PC Ann Patel");
  }
  EXPECT_EQ(offered_ids, (std::vector<std::string>{tuesday, wednesday_night}));
  EXPECT_EQ(call("GET", "/api/v1/duty/swap-options?tour_id=" + tuesday, "", officer_).status, 403)
      << "the options for one's own tours only";
  EXPECT_EQ(call("GET", "/api/v1/duty/swap-options", "", officer_).status, 422);
  EXPECT_EQ(ask(officer_, tuesday, monday).status, 403) << "only one's own tour";
  const auto missing = ask(officer_, monday, "nope");
  EXPECT_EQ(missing.status, 422) << missing.body;
  const auto asked = ask(officer_, monday, tuesday);
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(asked.json().at("status"), "requested");
  const auto waiting = call("GET", "/api/v1/duty/swaps", "", supervisor_);
  ASSERT_EQ(waiting.status, 200);
  EXPECT_EQ(waiting.json().at("items").as_array().size(), 1U);

  const std::string decide =
      "/api/v1/duty/swaps/" + std::string(asked.json().at("id").as_string()) + "/decision";
  const auto approved = call("POST", decide, R"({"approve": true})", supervisor_);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().at("status"), "approved");
  auto on = on_duty("10:00");
  ASSERT_EQ(on.size(), 1U);
  EXPECT_EQ(on.at(0).at("number"), "MP1001") << "Patel works Monday now";
  EXPECT_EQ(call("POST", decide, R"({"approve": true})", supervisor_).status, 409);

  // Jones taking Patel's Wednesday night would leave one hour before his Thursday early.
  const auto tired = ask(officer_, tuesday, wednesday_night);
  ASSERT_EQ(tired.status, 201) << tired.body;
  const auto refused = call(
      "POST", "/api/v1/duty/swaps/" + std::string(tired.json().at("id").as_string()) + "/decision",
      R"({"approve": true})", supervisor_);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("daily rest"), std::string::npos) << refused.body;
  EXPECT_EQ(call("GET", "/api/v1/duty/swaps", "", supervisor_).json().at("items").as_array().size(),
            1U)
      << "still waiting";
}

TEST_P(DutyApi, ATourBreakingARuleIsRefusedNamingItUnlessASupervisorOverridesIt) {
  const auto jones = add_constable();
  ASSERT_EQ(tour(planner_, jones, at("07:00"), at("15:00")).status, 201);
  // Five hours after the early tour ends: less than 11 hours' daily rest.
  const auto late = tour(planner_, jones, at("20:00"), "2027-01-05T04:00:00Z");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_NE(late.body.find("daily rest"), std::string::npos) << late.body;
  const auto planner_override = tour(planner_, jones, at("20:00"), "2027-01-05T04:00:00Z",
                                     R"(, "override_reason": "major incident")");
  EXPECT_EQ(planner_override.status, 403) << "a planner may not override a rule";
  const auto accepted = tour(supervisor_, jones, at("20:00"), "2027-01-05T04:00:00Z",
                             R"(, "override_reason": "major incident: Operation Kestrel")");
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_TRUE(accepted.json().at("notice").at("changes_published_roster").as_bool() == false)
      << "January 2027 is more than a month away";
  const auto override_record = accepted.json().at("override");
  EXPECT_EQ(override_record.at("reason"), "major incident: Operation Kestrel");
  EXPECT_EQ(override_record.at("rules").at(0).at("rule"), "daily rest");

  // Rest days: a sixth tour in the force week leaves one rest day.
  for (int day = 5; day <= 8; ++day) {
    const std::string d = "2027-01-0" + std::to_string(day);
    ASSERT_EQ(tour(planner_, jones, d + "T16:00:00Z", d + "T21:00:00Z").status, 201) << d;
  }
  const auto sixth = tour(planner_, jones, "2027-01-09T16:00:00Z", "2027-01-09T21:00:00Z");
  EXPECT_EQ(sixth.status, 409) << sixth.body;
  EXPECT_NE(sixth.body.find("rest days"), std::string::npos) << sixth.body;
  EXPECT_EQ(rostered(), 6U);

  // Rest-day working at short notice is paid at time and a half for at least four hours.
  const auto soon = format_rfc3339(std::chrono::floor<std::chrono::days>(clock_.now()) +
                                   std::chrono::days(3) + std::chrono::hours(10));
  const auto soon_end = format_rfc3339(std::chrono::floor<std::chrono::days>(clock_.now()) +
                                       std::chrono::days(3) + std::chrono::hours(13));
  const auto recalled = call("POST", "/api/v1/duty/tours",
                             R"({"person_id": ")" + jones + R"(", "start": ")" + soon +
                                 R"(", "end": ")" + soon_end + R"(", "kind": "rest_day_working"})",
                             planner_);
  ASSERT_EQ(recalled.status, 201) << recalled.body;
  const auto r = recalled.json();
  EXPECT_EQ(r.at("notice").at("clear_days"), 2);
  EXPECT_TRUE(r.at("notice").at("changes_published_roster").as_bool());
  EXPECT_EQ(r.at("rest_day_working").at("compensation"), "time_and_a_half");
  EXPECT_EQ(r.at("rest_day_working").at("hours_paid").as_double(), 4.0);
}

TEST_P(DutyApi, LeaveIsAskedForDecidedOnceAndTakesThePersonOutOfCoverAtOnce) {
  const auto jones = add_constable();
  ASSERT_EQ(call("POST", "/api/v1/duty/people/" + jones + "/skills",
                 R"({"skill": "response_driver", "granted": "2025-06-01"})", planner_)
                .status,
            200);
  const auto patel = add_patel(true, "sgt1");
  ASSERT_EQ(tour(planner_, jones, at("07:00"), at("15:00")).status, 201);
  ASSERT_EQ(call("PUT", "/api/v1/duty/minimums/Westminster",
                 R"({"minimums": [{"need": "skill:response_driver", "from_hour": 7,
                                   "to_hour": 15, "count": 1}]})",
                 planner_)
                .status,
            200);
  const std::string cover =
      "/api/v1/duty/cover?area=Westminster&from=" + at("00:00") + "&to=2027-01-05T00:00:00Z";
  auto before = call("GET", cover, "", supervisor_);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json().at("hours_short"), 0);
  EXPECT_EQ(before.json().at("items").at(8).at("by_skill").at("response_driver"), 1);
  // The area typed in another case is the same area; one Duty does not know is not an all-clear.
  const auto lower = call(
      "GET", "/api/v1/duty/cover?area=westminster&from=" + at("00:00") + "&to=2027-01-05T00:00:00Z",
      "", supervisor_);
  ASSERT_EQ(lower.status, 200) << lower.body;
  EXPECT_EQ(lower.json().at("area"), "Westminster");
  EXPECT_EQ(lower.json().at("items").at(8).at("by_skill").at("response_driver"), 1);
  const auto unknown = call(
      "GET", "/api/v1/duty/cover?area=Westmister&from=" + at("00:00") + "&to=2027-01-05T00:00:00Z",
      "", supervisor_);
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_NE(unknown.body.find("Duty has no area called 'Westmister': the areas are"),
            std::string::npos)
      << unknown.body;
  EXPECT_NE(unknown.body.find("Westminster"), std::string::npos) << unknown.body;

  const std::string leave_body = R"({"kind": "annual_leave", "start": ")" + at("00:00") +
                                 R"(", "end": "2027-01-05T00:00:00Z", "note": "family wedding"})";
  EXPECT_EQ(call("POST", "/api/v1/duty/abstractions",
                 R"({"person_id": ")" + patel + R"(", "kind": "annual_leave", "start": ")" +
                     at("00:00") + R"(", "end": "2027-01-05T00:00:00Z"})",
                 officer_)
                .status,
            403)
      << "an officer asks for their own leave only";
  const auto asked = call("POST", "/api/v1/duty/abstractions", leave_body, officer_);
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(asked.json().at("status"), "requested");
  EXPECT_EQ(on_duty("10:00").size(), 1U) << "a request changes nothing yet";

  const std::string decision =
      "/api/v1/duty/abstractions/" + std::string(asked.json().at("id").as_string()) + "/decision";
  EXPECT_EQ(call("POST", decision, R"({"approve": true})", officer_).status, 403);
  EXPECT_EQ(call("POST", decision, R"({"note": "ok"})", supervisor_).status, 422);
  const auto approved = call("POST", decision, R"({"approve": true})", supervisor_);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().at("status"), "approved");
  EXPECT_EQ(call("POST", decision, R"({"approve": false})", supervisor_).status, 409);

  EXPECT_TRUE(on_duty("10:00").empty());
  auto after = call("GET", cover, "", supervisor_);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.json().at("hours_short"), 8) << "07:00 to 15:00";
  EXPECT_EQ(after.json().at("items").at(8).at("gaps").at(0), "skill:response_driver 0 of 1");

  const auto mine =
      call("GET", "/api/v1/duty/my-roster?from=2027-01-01T00:00:00Z&to=2027-01-10T00:00:00Z", "",
           officer_);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json().at("tours").as_array().size(), 1U);
  EXPECT_EQ(mine.json().at("abstractions").at(0).at("status"), "approved");

  // Sickness recorded by a planner stands at once.
  const auto sick = call("POST", "/api/v1/duty/abstractions",
                         R"({"person_id": ")" + patel + R"(", "kind": "sickness", "start": ")" +
                             at("00:00") + R"(", "end": "2027-01-06T00:00:00Z"})",
                         planner_);
  ASSERT_EQ(sick.status, 201) << sick.body;
  EXPECT_EQ(sick.json().at("status"), "approved");
}

// Separation of duties (issue 22): a sergeant neither records their own absence as approved nor
// decides their own request; another supervisor does.
TEST_P(DutyApi, NoOneApprovesTheirOwnAbsence) {
  const auto patel = add_patel(true, "sgt1");  // the supervisor_'s own record
  const std::string own_sickness = R"({"person_id": ")" + patel +
                                   R"(", "kind": "sickness", "start": ")" + at("00:00") +
                                   R"(", "end": "2027-01-06T00:00:00Z"})";
  const auto recorded = call("POST", "/api/v1/duty/abstractions", own_sickness, supervisor_);
  EXPECT_EQ(recorded.status, 403) << recorded.body;
  EXPECT_NE(recorded.body.find("no one records their own"), std::string::npos) << recorded.body;
  const auto asked = call("POST", "/api/v1/duty/abstractions",
                          R"({"person_id": ")" + patel + R"(", "kind": "training", "start": ")" +
                              at("00:00") + R"(", "end": "2027-01-05T00:00:00Z"})",
                          planner_);
  ASSERT_EQ(asked.status, 201) << asked.body;
  ASSERT_EQ(asked.json().at("status"), "approved") << "a planner records another's training";
  const auto leave = call("POST", "/api/v1/duty/abstractions",
                          R"({"kind": "annual_leave", "start": ")" + at("00:00") +
                              R"(", "end": "2027-01-08T00:00:00Z"})",
                          supervisor_);
  ASSERT_EQ(leave.status, 201) << leave.body;
  const std::string decision =
      "/api/v1/duty/abstractions/" + std::string(leave.json().at("id").as_string()) + "/decision";
  const auto own = call("POST", decision, R"({"approve": true})", supervisor_);
  EXPECT_EQ(own.status, 403) << own.body;
  const std::string other = user_token("sgt2", "supervisor");
  EXPECT_EQ(call("POST", decision, R"({"approve": true})", other).status, 200);
}

TEST_P(DutyApi, BadInputNamesTheFieldAndWritesNothing) {
  const auto jones = add_constable();
  ASSERT_EQ(tour(planner_, jones, at("07:00"), at("15:00")).status, 201);
  const size_t written = rostered();
  auto field_of = [](const HttpReply& r) {
    const auto body = r.json();
    return std::string(body.at("errors").at(0).at("field").as_string());
  };
  struct Case {
    const char* what;
    HttpReply reply;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"overlapping tours", tour(planner_, jones, at("14:00"), at("20:00")), "start"},
      {"a tour of no length", tour(planner_, jones, at("18:00"), at("18:00")), "end"},
      {"an impossible time", tour(planner_, jones, "2027-02-30T07:00:00Z", at("15:00")), "start"},
      {"a tour for nobody", tour(planner_, "nobody", at("16:00"), at("20:00")), "person_id"},
      {"leave for an unknown person",
       call("POST", "/api/v1/duty/abstractions",
            R"({"person_id": "nobody", "kind": "annual_leave", "start": ")" + at("00:00") +
                R"(", "end": "2027-01-05T00:00:00Z"})",
            planner_),
       "person_id"},
      {"leave ending before it starts",
       call("POST", "/api/v1/duty/abstractions",
            R"({"person_id": ")" + jones + R"(", "kind": "sickness", "start": ")" + at("12:00") +
                R"(", "end": ")" + at("08:00") + R"("})",
            planner_),
       "end"},
      {"a skill expiring before its grant",
       call("POST", "/api/v1/duty/people/" + jones + "/skills",
            R"({"skill": "taser", "granted": "2026-05-01", "expires": "2026-04-01"})", planner_),
       "expires"},
      {"an unknown skill",
       call("POST", "/api/v1/duty/people/" + jones + "/skills",
            R"({"skill": "juggling", "granted": "2026-05-01"})", planner_),
       "skill"},
      {"an unknown rank",
       call("POST", "/api/v1/duty/people",
            R"({"number": "MP9", "name": "X", "rank": "admiral", "area": "W", "role": "r"})",
            planner_),
       "rank"},
      {"a pattern of no length",
       call("POST", "/api/v1/duty/patterns",
            R"({"name": "Nothing", "length_days": 0,
                "tours": [{"day": 0, "kind": "early", "start": "07:00", "hours": 8}]})",
            planner_),
       "length_days"},
      {"a pattern's tour outside it",
       call("POST", "/api/v1/duty/patterns",
            R"({"name": "Short", "length_days": 2,
                "tours": [{"day": 2, "kind": "early", "start": "07:00", "hours": 8}]})",
            planner_),
       "tours[0].day"},
      {"a pattern's tour at no time",
       call("POST", "/api/v1/duty/patterns",
            R"({"name": "Late", "length_days": 2,
                "tours": [{"day": 1, "kind": "late", "start": "25:00", "hours": 8}]})",
            planner_),
       "tours[0].start"},
      {"a minimum nobody can be",
       call("PUT", "/api/v1/duty/minimums/Westminster",
            R"({"minimums": [{"need": "skill:juggling", "from_hour": 7, "to_hour": 15,
                              "count": 1}]})",
            planner_),
       "minimums[0].need"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.reply.status, 422) << c.what << ": " << c.reply.body;
    if (c.reply.status == 422) {
      EXPECT_EQ(field_of(c.reply), c.field) << c.what;
    }
  }
  EXPECT_EQ(rostered(), written);
  EXPECT_EQ(call("POST", "/api/v1/duty/people",
                 R"({"number": "MP4521", "name": "Twin", "rank": "constable",
                     "area": "Westminster", "role": "response"})",
                 planner_)
                .status,
            409);
  EXPECT_EQ(tour(officer_, jones, at("16:00"), at("20:00")).status, 403);
  const auto people = call("GET", "/api/v1/duty/people", "", planner_);
  EXPECT_EQ(people.json().at("items").as_array().size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, DutyApi, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
