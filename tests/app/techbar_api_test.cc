// The Tech Bar through the HTTP API, on both store backends: the seven shipped sites are listed;
// a member of staff checks in with their number (201 with the id, position and wait); a second
// waits behind them; an unknown number, a closed site or a bad device is 422 naming the field;
// the counter sees who waits (logged), calls the next person and ends the visit once; a ticket
// is resolved once, its survey answered once; a device on loan is not lent again; a booking, a
// visit and a survey are only their owners' and the counter's.
#include <array>
#include <chrono>

#include "api_fixture.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

class TechbarApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    officer_ = user_token("constable", "patrol_officer");
    engineer_ = user_token("engineer", "it_engineer");
    // PC Officer is the `constable` account, DC Patel has none.
    for (const auto& [number, name, user] : std::vector<std::array<std::string, 3>>{
             {"MP4521", "PC Olly Officer", "constable"}, {"MP1001", "DC Asha Patel", ""}}) {
      ASSERT_TRUE(platform().duty().staff.add(
          {number, name, "constable", "Team 1", "Northgate", "response", user},
          auth::Actor::system()));
    }
  }

  // A site open on the given days at every hour.
  std::string site(const std::string& name, const json::array& days) {
    const auto made = call("POST", "/api/v1/techbar/locations",
                           json::serialize(json::object{{"name", name},
                                                        {"opens", "00:00"},
                                                        {"closes", "24:00"},
                                                        {"days", days},
                                                        {"engineers", 1}}),
                           engineer_);
    EXPECT_EQ(made.status, 201) << made.body;
    return std::string(made.json().at("id").as_string());
  }

  // The engineer calls the next person at `location` to the counter.
  HttpReply call_next(const std::string& location) {
    return call("POST", "/api/v1/techbar/queue/next",
                json::serialize(json::object{{"location_id", location}}), engineer_);
  }

  // The engineer opens the ticket for a visit.
  HttpReply open_ticket(const std::string& visit) {
    return call("POST", "/api/v1/techbar/tickets",
                json::serialize(json::object{{"visit_id", visit}}), engineer_);
  }

  static std::string today() {
    const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    static const char* names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    return names[std::chrono::weekday(day).iso_encoding() - 1];
  }

  std::string officer_, engineer_;
};

TEST_P(TechbarApi, StaffCheckInAndTheCounterCallsThemInTurn) {
  const auto sites = call("GET", "/api/v1/techbar/locations", "", officer_);
  ASSERT_EQ(sites.status, 200) << sites.body;
  EXPECT_EQ(sites.json().at("items").as_array().size(), 7U) << "the shipped sites";

  const std::string always = site("Always open", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  const auto in = R"({"location_id": ")" + always +
                  R"(", "staff_number": "MP4521", "device_type": "laptop", "symptom": "no wifi"})";
  const auto first = call("POST", "/api/v1/techbar/checkins", in, officer_);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json().at("position"), 1);
  EXPECT_EQ(first.json().at("estimated_wait_seconds"), 0);
  const std::string first_id(first.json().at("id").as_string());
  const auto second = call("POST", "/api/v1/techbar/checkins",
                           R"({"location_id": ")" + always +
                               R"(", "staff_number": "MP1001", "device_type": "radio",
                                  "symptom": "no signal"})",
                           officer_);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json().at("position"), 2);
  EXPECT_EQ(second.json().at("estimated_wait_seconds"), 900) << "a laptop ahead, the prior";

  EXPECT_EQ(call("GET", "/api/v1/techbar/queue?location_id=" + always, "", officer_).status, 403);
  const auto queue = call("GET", "/api/v1/techbar/queue?location_id=" + always, "", engineer_);
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(queue.json().at("items").at(0).at("person_name"), "PC Olly Officer");
  EXPECT_EQ(queue.json().at("items").at(1).at("symptom"), "no signal");

  const auto called = call_next(always);
  ASSERT_EQ(called.status, 200) << called.body;
  EXPECT_EQ(std::string(called.json().at("id").as_string()), first_id);
  const auto mine = call("GET", "/api/v1/techbar/checkins/" + first_id, "", officer_);
  EXPECT_EQ(mine.json().at("state"), "at_counter");
  EXPECT_EQ(call("POST", "/api/v1/techbar/checkins/" + first_id + "/finish", R"({"helped": true})",
                 engineer_)
                .status,
            200);
  EXPECT_EQ(call("POST", "/api/v1/techbar/checkins/" + first_id + "/finish", R"({"helped": true})",
                 engineer_)
                .status,
            409)
      << "a visit ends once";
}

TEST_P(TechbarApi, ATicketAtTheCounterIsResolvedOnceAndItsSurveyAnsweredOnce) {
  const std::string always = site("Always open", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  const auto in = call("POST", "/api/v1/techbar/checkins",
                       R"({"location_id": ")" + always +
                           R"(", "staff_number": "MP4521", "device_type": "body_worn_camera",
                              "symptom": "will not dock"})",
                       officer_);
  ASSERT_EQ(in.status, 201) << in.body;
  const std::string visit(in.json().at("id").as_string());
  const auto early = open_ticket(visit);
  EXPECT_EQ(early.status, 409) << "a ticket is opened at the counter";
  ASSERT_EQ(call_next(always).status, 200);
  const auto ticket = open_ticket(visit);
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  EXPECT_EQ(ticket.json().at("symptom"), "will not dock") << "pre-filled from the check-in";
  const auto counter = call("GET", "/api/v1/techbar/queue?location_id=" + always, "", engineer_);
  EXPECT_TRUE(counter.json().at("items").as_array().empty());
  EXPECT_EQ(counter.json().at("at_counter").at(0).at("ticket_id"), ticket.json().at("id"))
      << "the counter screen carries on with the ticket";
  const std::string id(ticket.json().at("id").as_string());
  const auto camera = call("POST", "/api/v1/techbar/assets",
                           R"({"location_id": ")" + always +
                               R"(", "device_type": "body_worn_camera", "serial": "BWC-0042"})",
                           engineer_);
  ASSERT_EQ(camera.status, 201) << camera.body;
  const std::string asset(camera.json().at("id").as_string());
  const auto lend = R"({"staff_number": "MP4521", "ticket_id": ")" + id + R"("})";
  const auto lent = call("POST", "/api/v1/techbar/assets/" + asset + "/lend", lend, engineer_);
  ASSERT_EQ(lent.status, 200) << lent.body;
  EXPECT_EQ(lent.json().at("holder").at("name"), "PC Olly Officer");
  EXPECT_EQ(call("POST", "/api/v1/techbar/assets/" + asset + "/lend",
                 R"({"staff_number": "MP1001"})", engineer_)
                .status,
            409)
      << "a device on loan is not lent again";
  const auto worked = call("POST", "/api/v1/techbar/tickets/" + id + "/work",
                           R"({"diagnosis": "bent pins", "level": 2})", engineer_);
  ASSERT_EQ(worked.status, 200) << worked.body;
  const auto resolve = R"({"resolution": "dock replaced", "first_time_fix": true})";
  const auto resolved =
      call("POST", "/api/v1/techbar/tickets/" + id + "/resolve", resolve, engineer_);
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(call("POST", "/api/v1/techbar/tickets/" + id + "/resolve", resolve, engineer_).status,
            409)
      << "resolved once";
  const std::string link(resolved.json().at("survey_link").as_string());
  EXPECT_EQ(
      call("POST", link, R"({"score": 5, "comment": "fixed while I waited"})", officer_).status,
      201);
  EXPECT_EQ(call("POST", link, R"({"score": 4})", officer_).status, 409) << "answered once";
  EXPECT_EQ(call("GET", link, "", officer_).json().at("score"), 5);
}

// A booking, a visit and its survey are the business of the person they are for (their account
// on Duty's register), of the account that made them (a shared kiosk's), and of the counter:
// a call handler can neither read nor cancel someone's booking, see their place in the queue,
// nor read or answer their survey.
TEST_P(TechbarApi, ABookingAVisitOrASurveyIsOnlyItsOwnersAndTheCounters) {
  const std::string always = site("Always open", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  const auto kiosk = user_token("kiosk", "call_handler");
  const auto stranger = user_token("handler", "call_handler");
  const auto tomorrow = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) +
                        std::chrono::days(1) + std::chrono::hours(10);
  // The kiosk books for PC Officer.
  const auto booked = call("POST", "/api/v1/techbar/appointments",
                           json::serialize(json::object{{"location_id", always},
                                                        {"staff_number", "MP4521"},
                                                        {"device_type", "radio"},
                                                        {"symptom", "no signal"},
                                                        {"starts_at", format_rfc3339(tomorrow)}}),
                           kiosk);
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string booking =
      "/api/v1/techbar/appointments/" + std::string(booked.json().at("id").as_string());
  const auto refused = call("GET", booking, "", stranger);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("another person's"), std::string::npos) << refused.body;
  EXPECT_EQ(call("POST", booking + "/cancel", "{}", stranger).status, 403);
  EXPECT_EQ(call("GET", booking, "", engineer_).status, 200) << "the counter sees it";
  EXPECT_EQ(call("GET", booking, "", officer_).status, 200) << "the person it is for sees it";
  EXPECT_EQ(call("GET", booking, "", kiosk).status, 200) << "the account that booked it sees it";

  // The kiosk checks DC Patel in; her place is the kiosk's and the counter's to see.
  const auto in = call("POST", "/api/v1/techbar/checkins",
                       json::serialize(json::object{{"location_id", always},
                                                    {"staff_number", "MP1001"},
                                                    {"device_type", "laptop"},
                                                    {"symptom", "no boot"}}),
                       kiosk);
  ASSERT_EQ(in.status, 201) << in.body;
  const std::string visit(in.json().at("id").as_string());
  EXPECT_EQ(call("GET", "/api/v1/techbar/checkins/" + visit, "", stranger).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/techbar/checkins/" + visit, "", officer_).status, 403)
      << "PC Officer is not DC Patel";
  EXPECT_EQ(call("GET", "/api/v1/techbar/checkins/" + visit, "", kiosk).status, 200);
  ASSERT_EQ(call_next(always).status, 200);
  const auto ticket = open_ticket(visit);
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  const auto resolved = call(
      "POST",
      "/api/v1/techbar/tickets/" + std::string(ticket.json().at("id").as_string()) + "/resolve",
      R"({"resolution": "reimaged", "first_time_fix": true})", engineer_);
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  const std::string link(resolved.json().at("survey_link").as_string());
  EXPECT_EQ(call("GET", link, "", stranger).status, 403);
  EXPECT_EQ(call("POST", link, R"({"score": 1})", stranger).status, 403);
  EXPECT_EQ(call("POST", link, R"({"score": 1})", officer_).status, 403);
  EXPECT_EQ(call("POST", link, R"({"score": 5})", kiosk).status, 201) << "still hers to answer";

  EXPECT_EQ(call("POST", booking + "/cancel", "{}", officer_).status, 200)
      << "the person it is for cancels it";
}

TEST_P(TechbarApi, MoreEngineersOnShiftShortenTheWaitsAtOnce) {
  const std::string always = site("Always open", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  std::string second;
  for (const char* number : {"MP4521", "MP1001"}) {
    const auto in = call("POST", "/api/v1/techbar/checkins",
                         json::serialize(json::object{{"location_id", always},
                                                      {"staff_number", number},
                                                      {"device_type", "phone"},
                                                      {"symptom", "no signal"}}),
                         officer_);
    ASSERT_EQ(in.status, 201) << in.body;
    second = std::string(in.json().at("id").as_string());
  }
  const auto wait = [&] {
    return call("GET", "/api/v1/techbar/checkins/" + second, "", officer_)
        .json()
        .at("estimated_wait_seconds")
        .as_int64();
  };
  const auto before = wait();
  const auto change =
      json::serialize(json::object{{"name", "Always open"},
                                   {"opens", "00:00"},
                                   {"closes", "24:00"},
                                   {"days", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}},
                                   {"engineers", 3}});
  EXPECT_EQ(call("PUT", "/api/v1/techbar/locations/" + always, change, officer_).status, 403);
  EXPECT_EQ(call("PUT", "/api/v1/techbar/locations/nowhere", change, engineer_).status, 404);
  const auto changed = call("PUT", "/api/v1/techbar/locations/" + always, change, engineer_);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json().at("engineers"), 3);
  EXPECT_EQ(changed.json().at("waiting"), 2);
  EXPECT_LT(wait(), before) << "three engineers call the second person sooner";
  const auto bad = call("PUT", "/api/v1/techbar/locations/" + always,
                        R"({"name": "Always open", "opens": "09:00", "closes": "08:00",
                            "days": ["mon"], "engineers": 1})",
                        engineer_);
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(call("GET", "/api/v1/techbar/locations", "", officer_).status, 200);
}

TEST_P(TechbarApi, BadCheckInsAreRefusedNamingTheField) {
  json::array other_days;
  for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
    if (d != today()) other_days.emplace_back(d);
  }
  const std::string closed = site("Closed today", other_days);
  const std::string open = site("Open", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  const auto field_of = [&](const std::string& location, const std::string& number,
                            const std::string& device) {
    const auto r = call("POST", "/api/v1/techbar/checkins",
                        json::serialize(json::object{{"location_id", location},
                                                     {"staff_number", number},
                                                     {"device_type", device},
                                                     {"symptom", "broken"}}),
                        officer_);
    EXPECT_EQ(r.status, 422) << r.body;
    return r.status == 422 ? std::string(r.json().at("errors").at(0).at("field").as_string())
                           : r.body;
  };
  EXPECT_EQ(field_of(open, "MP9999", "laptop"), "staff_number");
  EXPECT_EQ(field_of(closed, "MP4521", "laptop"), "location_id");
  EXPECT_EQ(field_of(open, "MP4521", "toaster"), "device_type");
  const auto queue = call("GET", "/api/v1/techbar/queue?location_id=" + open, "", engineer_);
  EXPECT_TRUE(queue.json().at("items").as_array().empty()) << "nothing written";
  EXPECT_EQ(call("POST", "/api/v1/techbar/locations",
                 R"({"name": "Bad", "opens": "25:00", "closes": "18:00", "days": ["mon"],
                     "engineers": 1})",
                 engineer_)
                .status,
            422);
  EXPECT_EQ(call("POST", "/api/v1/techbar/locations",
                 R"({"name": "Mine", "opens": "08:00", "closes": "18:00", "days": ["mon"],
                     "engineers": 1})",
                 officer_)
                .status,
            403);
}

TEST_P(TechbarApi, MetricsCompareTheCounterWithTheServiceDeskAndExportAsCsv) {
  const std::string always = site("Always open", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  const auto by_name = [&](const std::string& name) {
    return call("POST", "/api/v1/techbar/checkins",
                json::serialize(json::object{{"location_id", always},
                                             {"name", name},
                                             {"device_type", "laptop"},
                                             {"symptom", "will not start"}}),
                officer_);
  };
  const auto in = by_name("asha patel");
  ASSERT_EQ(in.status, 201) << "a name without its rank, in any case: " << in.body;
  const std::string visit(in.json().at("id").as_string());
  for (const char* number : {"ST1", "ST2"}) {
    ASSERT_TRUE(platform().duty().staff.add(
        {number, "Sam Smith", "staff", "IT", "Northgate", "staff", ""}, auth::Actor::system()));
  }
  const auto twins = by_name("Sam Smith");
  EXPECT_EQ(twins.status, 422);
  EXPECT_EQ(twins.json().at("errors").at(0).at("field"), "name");
  EXPECT_EQ(by_name("Nobody Here").status, 422);

  ASSERT_EQ(call_next(always).status, 200);
  const auto ticket = open_ticket(visit);
  ASSERT_EQ(ticket.status, 201) << ticket.body;
  const std::string id(ticket.json().at("id").as_string());
  ASSERT_EQ(call("POST", "/api/v1/techbar/tickets/" + id + "/resolve",
                 R"({"resolution": "reimaged", "first_time_fix": true})", engineer_)
                .status,
            200);
  const auto mine = call("GET", "/api/v1/techbar/checkins/" + visit, "", officer_);
  ASSERT_TRUE(mine.json().at("survey_link").is_string()) << "the user finds their survey";
  ASSERT_EQ(call("POST", std::string(mine.json().at("survey_link").as_string()), R"({"score": 5})",
                 officer_)
                .status,
            201);

  const std::map<std::string, std::string> kCsv = {{"Content-Type", "text/csv"}};
  const auto bad_import =
      call("POST", "/api/v1/techbar/service-desk/imports",
           "reference,opened,device_type\nINC1,last tuesday,laptop\n", engineer_, kCsv);
  ASSERT_EQ(bad_import.status, 422) << bad_import.body;
  EXPECT_EQ(bad_import.json().at("errors").at(0).at("reason"),
            "line 2: opened: must be a time: 2026-03-01 09:14 or RFC 3339");
  const auto yesterday = format_rfc3339(
      std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()) -
      std::chrono::days(1));
  const auto imported =
      call("POST", "/api/v1/techbar/service-desk/imports?file=desk.csv",
           "reference,opened,resolved,device_type,first_time_fix\nINC1," + yesterday +
               ",,laptop,no\n" + "INC2,2026-01-01 09:00,2026-01-04 09:00,laptop,no\n",
           engineer_, kCsv);
  EXPECT_EQ(
      call("POST", "/api/v1/techbar/service-desk/imports", "reference\nINC9\n", engineer_).status,
      415)
      << "a CSV file sent as JSON is refused, not guessed at";
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(imported.json().at("added"), 2);
  EXPECT_EQ(call("POST", "/api/v1/techbar/service-desk/imports", "reference", officer_).status,
            403);

  EXPECT_EQ(call("GET", "/api/v1/techbar/metrics", "", officer_).status, 403);
  const auto metrics = call("GET", "/api/v1/techbar/metrics?location_id=" + always, "", engineer_);
  ASSERT_EQ(metrics.status, 200) << metrics.body;
  const auto& m = metrics.json();
  EXPECT_EQ(m.at("techbar").at("tickets"), 1);
  EXPECT_EQ(m.at("techbar").at("first_time_fix_rate"), 1.0);
  EXPECT_EQ(m.at("techbar").at("surveys_answered"), 1);
  EXPECT_EQ(m.at("techbar").at("excellent_share"), 1.0);
  EXPECT_EQ(m.at("service_desk").at("tickets"), 1) << "the last 30 days by default";
  EXPECT_TRUE(m.at("comparison").at("resolution_mean_days_shorter").is_null())
      << "the desk resolved none in the period";
  EXPECT_EQ(m.at("by_location").at(0).at("name"), "Always open");
  EXPECT_EQ(m.at("top_problems").at(0).at("symptom"), "will not start");
  EXPECT_EQ(m.at("calibration").at("visits"), 1);

  const auto year =
      call("GET", "/api/v1/techbar/metrics?from=2026-01-01&to=2026-01-31", "", engineer_);
  ASSERT_EQ(year.status, 200) << year.body;
  EXPECT_EQ(year.json().at("to"), "2026-02-01T00:00:00.000Z") << "to the end of the day";
  EXPECT_EQ(year.json().at("comparison").at("resolution_mean_days_shorter"), nullptr);
  EXPECT_EQ(year.json().at("service_desk").at("resolution_mean_seconds"), 3 * 86400.0);

  const auto field_of = [&](const std::string& query) {
    const auto r = call("GET", "/api/v1/techbar/metrics?" + query, "", engineer_);
    EXPECT_EQ(r.status, 422) << query << ": " << r.body;
    return r.status == 422 ? std::string(r.json().at("errors").at(0).at("field").as_string())
                           : r.body;
  };
  EXPECT_EQ(field_of("from=2026-02-01&to=2026-01-01"), "from");
  EXPECT_EQ(field_of("from=soon"), "from");
  EXPECT_EQ(field_of("location_id=nowhere"), "location_id");
  EXPECT_EQ(field_of("device_type=toaster"), "device_type");

  const auto csv = call("GET", "/api/v1/techbar/metrics.csv?location_id=" + always, "", engineer_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\r')),
            "channel,location_id,device_type,contacts,tickets,resolved,first_time_fix_rate,"
            "resolution_mean_h,resolution_median_h,resolution_p90_h,wait_median_min,wait_p90_min,"
            "surveys_sent,surveys_answered,response_rate,mean_score,excellent_share");
  EXPECT_NE(csv.body.find("\r\ntechbar," + always + ",,1,1,1,1.000,"), std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find("\r\nservice_desk,,laptop,1,1,0,"), std::string::npos) << csv.body;
}

TEST_P(TechbarApi, ABookedSlotIsKeptAndItsArrivalGoesFirst) {
  const std::string always = site("Always open", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"});
  const auto now = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const auto today = std::chrono::floor<std::chrono::days>(now);
  const std::string day = format_rfc3339(today).substr(0, 10);
  const auto slots =
      call("GET", "/api/v1/techbar/slots?location_id=" + always + "&day=" + day, "", officer_);
  ASSERT_EQ(slots.status, 200) << slots.body;
  EXPECT_EQ(slots.json().at("items").as_array().size(), 48U) << "every half hour of the day";
  EXPECT_EQ(call("GET", "/api/v1/techbar/slots?location_id=" + always, "", officer_).status, 422);

  // The next slot is less than half an hour away: checking in now is arriving for it.
  const auto next = std::chrono::ceil<std::chrono::minutes>(now + std::chrono::seconds(1));
  const auto slot =
      today +
      std::chrono::minutes(
          (std::chrono::duration_cast<std::chrono::minutes>(next - today).count() + 29) / 30 * 30);
  const auto book = [&](const std::string& who, const std::string& at) {
    return call("POST", "/api/v1/techbar/appointments",
                json::serialize(json::object{{"location_id", always},
                                             {"staff_number", who},
                                             {"device_type", "radio"},
                                             {"symptom", "no signal"},
                                             {"starts_at", at}}),
                officer_);
  };
  const auto booked = book("MP4521", format_rfc3339(slot));
  ASSERT_EQ(booked.status, 201) << booked.body;
  EXPECT_EQ(booked.json().at("state"), "booked");
  EXPECT_FALSE(booked.json().as_object().contains("person_name")) << "the booker's own view";
  EXPECT_EQ(book("MP1001", format_rfc3339(slot)).status, 409) << "the slot is taken";
  const auto odd = book("MP1001", format_rfc3339(slot + std::chrono::minutes(10)));
  EXPECT_EQ(odd.status, 422);
  EXPECT_EQ(odd.json().at("errors").at(0).at("field"), "starts_at");

  const std::string slot_day = format_rfc3339(slot).substr(0, 10);
  const std::string list =
      "/api/v1/techbar/appointments?location_id=" + always + "&day=" + slot_day;
  EXPECT_EQ(call("GET", list, "", officer_).status, 403);
  const auto counter = call("GET", list, "", engineer_);
  ASSERT_EQ(counter.status, 200) << counter.body;
  EXPECT_EQ(counter.json().at("items").at(0).at("person_name"), "PC Olly Officer");

  const auto walk_in = call("POST", "/api/v1/techbar/checkins",
                            R"({"location_id": ")" + always +
                                R"(", "staff_number": "MP1001", "device_type": "laptop",
                                   "symptom": "slow"})",
                            officer_);
  ASSERT_EQ(walk_in.status, 201) << walk_in.body;
  const auto arrival = call("POST", "/api/v1/techbar/checkins",
                            R"({"location_id": ")" + always +
                                R"(", "staff_number": "MP4521", "device_type": "radio",
                                   "symptom": "no signal"})",
                            officer_);
  ASSERT_EQ(arrival.status, 201) << arrival.body;
  EXPECT_EQ(arrival.json().at("booked"), true);
  EXPECT_EQ(arrival.json().at("position"), 1) << "ahead of the walk-in";
  const std::string id(booked.json().at("id").as_string());
  EXPECT_EQ(call("GET", "/api/v1/techbar/appointments/" + id, "", officer_).json().at("state"),
            "arrived");
  EXPECT_EQ(call("POST", "/api/v1/techbar/appointments/" + id + "/cancel", "", officer_).status,
            409)
      << "an arrival is not cancelled";

  const auto later = book("MP1001", format_rfc3339(slot + std::chrono::days(1)));
  ASSERT_EQ(later.status, 201) << later.body;
  const std::string later_id(later.json().at("id").as_string());
  const auto cancelled =
      call("POST", "/api/v1/techbar/appointments/" + later_id + "/cancel", "", officer_);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json().at("state"), "cancelled");
}

INSTANTIATE_TEST_SUITE_P(Backends, TechbarApi, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
