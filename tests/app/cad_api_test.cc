// Command & Control over HTTP on a synthetic town, on both store backends: resources and their
// positions, an incident from a call, the ranked recommendation, dispatch, a unit's job status,
// the incident log, bad input, permissions, and the live state rebuilt after a restart.
#include "api_fixture.h"
#include "core/clock.h"
#include "stream_client.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

class CadApi : public ApiTest {
 protected:
  void adjust(app::PlatformOptions&) override { install_town(2'500); }

  std::string add_resource(const std::string& token, const std::string& call_sign,
                           const std::string& capabilities) {
    auto reply = call("POST", "/api/v1/resources",
                      R"({"call_sign": ")" + call_sign + R"(", "type": "response car",
                          "capabilities": )" +
                          capabilities + R"(, "home_area": "Ashby"})",
                      token);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return std::string(reply.json().at("id").as_string());
  }

  // A constable on Duty's register (`user`: their account, or empty), so that they may crew.
  void add_constable(const std::string& planner, const std::string& number, const std::string& name,
                     const std::string& user) {
    const auto made = call("POST", "/api/v1/duty/people",
                           json::serialize(json::object{{"number", number},
                                                        {"name", name},
                                                        {"rank", "constable"},
                                                        {"area", "Central"},
                                                        {"role", "response"},
                                                        {"user", user}}),
                           planner);
    EXPECT_EQ(made.status, 201) << made.body;
  }

  HttpReply report(const std::string& token, const std::string& id, double lat, double lon,
                   Timestamp at) {
    json::object position{
        {"resource_id", id}, {"lat", lat}, {"lon", lon}, {"at", format_rfc3339(at)}};
    return call("POST", "/api/v1/positions",
                json::serialize(json::object{{"positions", json::array{position}}}), token);
  }

  HttpReply open_incident(const std::string& token, const std::string& classification,
                          const std::string& grade, const std::string& where) {
    return call("POST", "/api/v1/incidents",
                R"({"classification": ")" + classification + R"(", "grade": ")" + grade + R"(", )" +
                    where + R"(,
                    "thrive": {"threat": "intruder may still be inside", "vulnerability": "elderly caller"},
                    "caller": {"name": "Ada Lovelace", "phone": "07700 900123"},
                    "narrative": "Caller heard glass breaking downstairs"})",
                token);
  }
};

TEST_P(CadApi, FromCallToDispatchToClear) {
  const auto supervisor = user_token("super1", "control_room_supervisor");
  const auto handler = user_token("handler1", "call_handler");
  const auto dispatcher = user_token("dispatch1", "dispatcher");
  const auto officer = user_token("avl-officer1", "it_engineer");  // the AVL gateway

  const auto near = add_resource(supervisor, "MP1", "[]");
  const auto armed = add_resource(supervisor, "TR9", R"(["armed_response", "taser"])");
  const auto far = add_resource(supervisor, "MP7", "[]");
  const Timestamp now = clock_.now();
  ASSERT_EQ(report(officer, near, 51.5080, -0.1270, now).status, 200);
  ASSERT_EQ(report(officer, armed, 51.5000, -0.1200, now).status, 200);
  ASSERT_EQ(report(officer, far, 51.4950, -0.1400, now).status, 200);

  auto opened =
      open_incident(handler, "burglary", "S", R"("location": {"lat": 51.5072, "lon": -0.1276})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string incident(opened.json().at("id").as_string());
  EXPECT_TRUE(opened.json().at("reference").as_string().starts_with("CAD 1/"));

  auto ranked = call("GET", "/api/v1/incidents/" + incident + "/recommendations", "", dispatcher);
  ASSERT_EQ(ranked.status, 200) << ranked.body;
  const json::value ranked_json = ranked.json();
  const auto& items = ranked_json.at("items").as_array();
  ASSERT_EQ(items.size(), 3U);
  EXPECT_EQ(items[0].at("call_sign").as_string(), "MP1");
  EXPECT_GT(items[0].at("meters").to_number<double>(), 0);
  double previous = 0;
  for (const auto& item : items) {
    const double eta = item.at("eta_seconds").to_number<double>();
    EXPECT_GE(eta, previous);
    previous = eta;
    EXPECT_FALSE(item.at("reasons").as_array().empty());
  }

  // Firearms need armed response: only TR9 qualifies, and grade I is timed on blue lights.
  auto firearms = open_incident(handler, "firearms", "I", R"("address": "ashby police station")");
  ASSERT_EQ(firearms.status, 201) << firearms.body;
  EXPECT_TRUE(firearms.json().at("reference").as_string().starts_with("CAD 2/"));
  EXPECT_EQ(firearms.json().at("address").as_string(), "Ashby Police Station");
  const std::string armed_incident(firearms.json().at("id").as_string());
  auto armed_ranked =
      call("GET", "/api/v1/incidents/" + armed_incident + "/recommendations", "", dispatcher);
  ASSERT_EQ(armed_ranked.status, 200) << armed_ranked.body;
  const json::value armed_json = armed_ranked.json();
  ASSERT_EQ(armed_json.at("items").as_array().size(), 1U);
  EXPECT_EQ(armed_json.at("items").at(0).at("call_sign").as_string(), "TR9");
  EXPECT_NE(json::serialize(armed_json).find("blue lights"), std::string::npos);

  // Dispatch; the same unit cannot be sent twice; a call handler cannot dispatch.
  auto sent = call("POST", "/api/v1/incidents/" + incident + "/dispatch",
                   R"({"resource_id": ")" + near + R"("})", dispatcher);
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto twice = call("POST", "/api/v1/incidents/" + armed_incident + "/dispatch",
                    R"({"resource_id": ")" + near + R"("})", dispatcher);
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(call("POST", "/api/v1/incidents/" + armed_incident + "/dispatch",
                 R"({"resource_id": ")" + armed + R"("})", handler)
                .status,
            403);
  // A committed unit is no longer recommended.
  auto after = call("GET", "/api/v1/incidents/" + incident + "/recommendations", "", dispatcher);
  EXPECT_EQ(after.json().at("items").as_array().size(), 2U);

  // The unit's job, in order; out of order is refused.
  auto status = [&](const std::string& to) {
    return call("POST", "/api/v1/resources/" + near + "/status",
                R"({"status": ")" + to + R"(", "reason": "by radio"})", dispatcher);
  };
  EXPECT_EQ(status("en_route").status, 200);
  EXPECT_EQ(status("available").status, 409);
  // Its position 20 m from the incident says it has arrived.
  auto arrival = report(officer, near, 51.50738, -0.1276, now + std::chrono::seconds(30));
  ASSERT_EQ(arrival.status, 200) << arrival.body;
  ASSERT_EQ(arrival.json().at("arrived").as_array().size(), 1U);
  EXPECT_EQ(arrival.json().at("arrived").at(0).as_string(), "MP1");
  EXPECT_EQ(status("at_scene").status, 409);
  EXPECT_EQ(status("en_route").status, 409);
  auto cleared = status("clear");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_EQ(cleared.json().at("status").as_string(), "available");

  // The log tells the whole story, in order.
  auto log = call("GET", "/api/v1/incidents/" + incident + "/log", "", supervisor);
  ASSERT_EQ(log.status, 200) << log.body;
  std::vector<std::string> story;
  const json::value log_json = log.json();
  for (const auto& e : log_json.at("items").as_array()) {
    story.emplace_back(e.at("type").as_string());
    if (e.at("type").as_string() == "ResourceStatusChanged")
      story.back() += ":" + std::string(e.at("payload").at("status").as_string());
  }
  EXPECT_EQ(story, (std::vector<std::string>{
                       "IncidentOpened", "ResourceDispatched", "ResourceStatusChanged:en_route",
                       "ResourceStatusChanged:at_scene", "ResourceStatusChanged:available"}));

  // After a restart the live state comes back from the log, and numbering goes on.
  restart();
  const auto dispatcher2 = call("POST", "/api/v1/session",
                                R"({"username": "dispatch1", "password": "a long passphrase 1"})");
  ASSERT_EQ(dispatcher2.status, 201) << dispatcher2.body;
  const std::string token(dispatcher2.json().at("token").as_string());
  auto incidents = call("GET", "/api/v1/incidents", "", token);
  ASSERT_EQ(incidents.status, 200);
  EXPECT_EQ(incidents.json().at("items").as_array().size(), 2U);
  auto resource = call("GET", "/api/v1/resources/" + near, "", token);
  ASSERT_EQ(resource.status, 200);
  EXPECT_EQ(resource.json().at("status").as_string(), "available");
  auto third =
      open_incident(token, "theft", "E", R"("location": {"lat": 51.5072, "lon": -0.1276})");
  ASSERT_EQ(third.status, 201) << third.body;
  EXPECT_TRUE(third.json().at("reference").as_string().starts_with("CAD 3/"));
}

TEST_P(CadApi, BadInputIsNamedAndChangesNothing) {
  const auto supervisor = user_token("super1", "control_room_supervisor");
  const auto handler = user_token("handler1", "call_handler");
  const auto officer = user_token("avl-officer1", "it_engineer");  // the AVL gateway
  const auto unit = add_resource(supervisor, "MP1", "[]");

  auto field_of = [](const HttpReply& r) {
    return std::string(r.json().at("errors").at(0).at("field").as_string());
  };
  const std::string here = R"("location": {"lat": 51.5072, "lon": -0.1276})";
  auto unknown = open_incident(handler, "alien_landing", "I", here);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(field_of(unknown), "classification");
  auto grade = open_incident(handler, "burglary", "X", here);
  EXPECT_EQ(grade.status, 422);
  EXPECT_EQ(field_of(grade), "grade");
  auto sea = open_incident(handler, "burglary", "S", R"("location": {"lat": 0, "lon": 0})");
  EXPECT_EQ(sea.status, 422);
  EXPECT_EQ(field_of(sea), "location");
  auto nowhere = open_incident(handler, "burglary", "S", R"("address": "zzqx wvvy")");
  EXPECT_EQ(nowhere.status, 422);
  EXPECT_EQ(field_of(nowhere), "address");
  auto nested =
      open_incident(handler, "burglary", "S", R"("location": {"lat": "north", "lon": 1})");
  EXPECT_EQ(nested.status, 422);
  EXPECT_EQ(field_of(nested), "location.lat");
  EXPECT_EQ(call("GET", "/api/v1/incidents", "", handler).json().at("items").as_array().size(), 0U);

  const Timestamp now = clock_.now();
  auto stranger = report(officer, "no-such-unit", 51.5072, -0.1276, now);
  EXPECT_EQ(stranger.status, 422);
  EXPECT_EQ(field_of(stranger), "positions[0].resource_id");
  ASSERT_EQ(report(officer, unit, 51.5072, -0.1276, now).status, 200);
  auto older = report(officer, unit, 51.5075, -0.1276, now - std::chrono::seconds(5));
  EXPECT_EQ(older.status, 422);
  EXPECT_EQ(field_of(older), "positions[0].at");
  auto abroad = report(officer, unit, 48.85, 2.35, now + std::chrono::seconds(1));
  EXPECT_EQ(abroad.status, 422);
  auto kept = call("GET", "/api/v1/resources/" + unit, "", handler);
  EXPECT_EQ(kept.json().at("position").at("lat").to_number<double>(), 51.5072);

  EXPECT_EQ(call("POST", "/api/v1/resources", R"({"call_sign": "MP1", "type": "car"})", supervisor)
                .status,
            409);  // call signs are unique
  EXPECT_EQ(
      call("POST", "/api/v1/resources", R"({"call_sign": "X1", "type": "car"})", handler).status,
      403);
  auto dispatched = call("POST", "/api/v1/resources/" + unit + "/status",
                         R"({"status": "dispatched"})", supervisor);
  EXPECT_EQ(dispatched.status, 409);
}

TEST_P(CadApi, DuplicatesWarningsHistoryAndSupervision) {
  const auto supervisor = user_token("super1", "control_room_supervisor");
  const auto handler = user_token("handler1", "call_handler");
  const auto dispatcher = user_token("dispatch1", "dispatcher");
  const auto officer = user_token("avl-officer1", "it_engineer");  // the AVL gateway
  const std::string here = R"("location": {"lat": 51.5072, "lon": -0.1276})";
  const std::string next_door = R"("location": {"lat": 51.5074, "lon": -0.1276})";

  auto first = open_incident(handler, "burglary", "S", here);
  ASSERT_EQ(first.status, 201) << first.body;
  const std::string id(first.json().at("id").as_string());
  EXPECT_TRUE(first.json().at("possible_duplicates").as_array().empty());

  // A second call next door about a robbery (same group) is offered as a possible duplicate;
  // a road collision there is not.
  auto second = open_incident(handler, "robbery", "S", next_door);
  ASSERT_EQ(second.status, 201) << second.body;
  const json::value second_json = second.json();
  ASSERT_EQ(second_json.at("possible_duplicates").as_array().size(), 1U);
  EXPECT_EQ(second_json.at("possible_duplicates").at(0).at("incident_id").as_string(), id);
  const std::string second_id(second_json.at("id").as_string());
  auto ask = call(
      "GET",
      "/api/v1/cad/possible-duplicates?at=51.5073,-0.1276&classification=road_traffic_collision",
      "", handler);
  ASSERT_EQ(ask.status, 200) << ask.body;
  EXPECT_TRUE(ask.json().at("items").as_array().empty());
  auto linked =
      call("POST", "/api/v1/incidents/" + id + "/calls",
           R"({"caller": {"name": "Neighbour"}, "narrative": "saw two men leave"})", handler);
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(linked.json().at("linked_calls").to_number<int>(), 1);

  // A warning marker on the address shows, with the history, when the next incident opens.
  EXPECT_EQ(
      call("POST", "/api/v1/warnings",
           R"({"kind": "dogs", "note": "two large dogs in the garden", )" + here + "}", handler)
          .status,
      403);
  auto marker =
      call("POST", "/api/v1/warnings",
           R"({"kind": "dogs", "note": "two large dogs in the garden", )" + here + "}", supervisor);
  ASSERT_EQ(marker.status, 201) << marker.body;
  auto third = open_incident(handler, "concern_for_welfare", "E", here);
  ASSERT_EQ(third.status, 201) << third.body;
  const json::value briefing = third.json().at("briefing");
  ASSERT_EQ(briefing.at("warnings").as_array().size(), 1U);
  EXPECT_EQ(briefing.at("warnings").at(0).at("kind").as_string(), "dogs");
  EXPECT_EQ(briefing.at("history").as_array().size(), 2U);  // the burglary and the robbery

  // An update goes in the log, from the control room; an empty one is refused naming the field.
  const std::string updates = "/api/v1/incidents/" + id + "/updates";
  auto blank = call("POST", updates, R"({"text": "   "})", dispatcher);
  EXPECT_EQ(blank.status, 422) << blank.body;
  EXPECT_NE(blank.body.find("\"text\""), std::string::npos) << blank.body;
  EXPECT_EQ(call("POST", updates, R"({"text": "caller rang back"})", handler).status, 403);
  ASSERT_EQ(call("POST", updates, R"({"text": "caller rang back: they left by the back door"})",
                 dispatcher)
                .status,
            200);
  const auto with_update = call("GET", "/api/v1/incidents/" + id + "/log", "", dispatcher);
  EXPECT_NE(with_update.body.find("IncidentUpdateAdded"), std::string::npos) << with_update.body;
  EXPECT_NE(with_update.body.find("they left by the back door"), std::string::npos)
      << with_update.body;

  // Re-grade needs a reason and a supervisor.
  EXPECT_EQ(
      call("POST", "/api/v1/incidents/" + id + "/grade", R"({"grade": "I"})", supervisor).status,
      422);
  EXPECT_EQ(call("POST", "/api/v1/incidents/" + id + "/grade",
                 R"({"grade": "I", "reason": "suspects still inside"})", dispatcher)
                .status,
            403);
  auto regraded = call("POST", "/api/v1/incidents/" + id + "/grade",
                       R"({"grade": "I", "reason": "suspects still inside"})", supervisor);
  ASSERT_EQ(regraded.status, 200) << regraded.body;
  EXPECT_EQ(regraded.json().at("grade").as_string(), "I");

  // Not closed while a unit is committed; closed with a known code once it clears.
  const auto unit = add_resource(supervisor, "MP1", "[]");
  ASSERT_EQ(report(officer, unit, 51.5080, -0.1270, clock_.now()).status, 200);
  ASSERT_EQ(call("POST", "/api/v1/incidents/" + id + "/dispatch",
                 R"({"resource_id": ")" + unit + R"("})", dispatcher)
                .status,
            200);
  EXPECT_EQ(call("POST", "/api/v1/incidents/" + id + "/close",
                 R"({"closing_code": "crime_recorded"})", supervisor)
                .status,
            409);
  ASSERT_EQ(
      call("POST", "/api/v1/resources/" + unit + "/status", R"({"status": "clear"})", dispatcher)
          .status,
      200);
  EXPECT_EQ(call("POST", "/api/v1/incidents/" + id + "/close", R"({"closing_code": "solved"})",
                 supervisor)
                .status,
            422);
  // The robbery call was about the same event: merged into the burglary while it is open.
  auto merged = call("POST", "/api/v1/incidents/" + second_id + "/merge",
                     R"({"into": ")" + id + R"(", "reason": "same break-in"})", supervisor);
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.json().at("closing_code").as_string(), "duplicate");
  auto closed =
      call("POST", "/api/v1/incidents/" + id + "/close",
           R"({"closing_code": "crime_recorded", "reason": "crime report made"})", supervisor);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_FALSE(closed.json().at("open").as_bool());
  EXPECT_NE(call("POST", updates, R"({"text": "too late"})", dispatcher).status, 200)
      << "a closed incident takes no updates";
  EXPECT_EQ(call("POST", "/api/v1/incidents/" + id + "/dispatch",
                 R"({"resource_id": ")" + unit + R"("})", dispatcher)
                .status,
            409);
  const auto open_now = call("GET", "/api/v1/incidents", "", dispatcher).json();
  EXPECT_EQ(open_now.at("items").as_array().size(), 1U);  // only the welfare concern

  std::vector<std::string> story;
  const auto log = call("GET", "/api/v1/incidents/" + id + "/log", "", supervisor).json();
  for (const auto& e : log.at("items").as_array()) story.emplace_back(e.at("type").as_string());
  EXPECT_EQ(story, (std::vector<std::string>{"IncidentOpened", "CallLinked", "IncidentUpdateAdded",
                                             "IncidentRegraded", "ResourceDispatched",
                                             "ResourceStatusChanged", "IncidentClosed"}));
  EXPECT_EQ(log.at("items").at(3).at("reason").as_string(), "suspects still inside");

  // All of it survives a restart.
  restart();
  auto again = call("POST", "/api/v1/session",
                    R"({"username": "super1", "password": "a long passphrase 1"})");
  const std::string token(again.json().at("token").as_string());
  const auto after = call("GET", "/api/v1/cad/briefing?at=51.5072,-0.1276", "", token).json();
  EXPECT_EQ(after.at("warnings").as_array().size(), 1U);
  EXPECT_EQ(after.at("history").as_array().size(), 3U);
  EXPECT_EQ(after.at("history").at(2).at("closing_code").as_string(), "crime_recorded");
}

TEST_P(CadApi, PositionsOverTheWebSocketReachThePositionsFeed) {
  const auto supervisor = user_token("super3", "control_room_supervisor");
  const auto dispatcher = user_token("dispatch3", "dispatcher");
  const auto gateway = user_token("avl1", "it_engineer");
  const auto unit = add_resource(supervisor, "MP3", "[]");
  const Timestamp now = clock_.now();
  ASSERT_EQ(report(gateway, unit, 51.5080, -0.1270, now).status, 200);

  // A dispatcher's map starts from the latest fix of every unit, then follows each batch.
  StreamClient map(port(), dispatcher);
  map.send(json::object{{"subscribe", json::array{"positions"}}});
  const auto current = map.receive_type("live");
  ASSERT_TRUE(current.is_object());
  EXPECT_EQ(current.at("topic"), "positions");
  const auto& latest = current.at("data").at("positions").as_array();
  ASSERT_EQ(latest.size(), 1U);
  EXPECT_EQ(latest[0].at("resource_id"), unit.c_str());
  EXPECT_DOUBLE_EQ(latest[0].at("lat").as_double(), 51.5080);
  ASSERT_TRUE(map.receive_type("subscribed").is_object());

  auto positions = [&](const std::string& id, double lat, Timestamp at) {
    return json::object{
        {"positions",
         json::array{json::object{
             {"resource_id", id}, {"lat", lat}, {"lon", -0.1270}, {"at", format_rfc3339(at)}}}}};
  };
  StreamClient avl(port(), gateway);
  // Bad input is named, and nothing reaches the feed.
  avl.send(positions("no-such-unit", 51.5081, now + std::chrono::seconds(1)));
  auto refused = avl.receive();
  EXPECT_EQ(refused.at("type"), "error") << refused;
  EXPECT_EQ(refused.at("errors").at(0).at("field"), "positions[0].resource_id") << refused;
  avl.send(positions(unit, 51.5079, now - std::chrono::seconds(5)));
  refused = avl.receive();
  EXPECT_EQ(refused.at("type"), "error") << refused;
  avl.send(json::object{{"positions", "not a list"}});
  EXPECT_EQ(avl.receive().at("type"), "error");

  avl.send(positions(unit, 51.5082, now + std::chrono::seconds(2)));
  const auto taken = avl.receive();
  EXPECT_EQ(taken.at("type"), "positions_taken") << taken;
  EXPECT_EQ(taken.at("accepted"), 1);
  const auto moved = map.receive_type("live");
  ASSERT_TRUE(moved.is_object());
  const auto& fix = moved.at("data").at("positions").at(0);
  EXPECT_DOUBLE_EQ(fix.at("lat").as_double(), 51.5082) << "the refused batches were not sent";
  EXPECT_EQ(fix.at("resource_id"), unit.c_str());
  // The live state has it too.
  const auto resource = call("GET", "/api/v1/resources/" + unit, "", dispatcher).json();
  EXPECT_DOUBLE_EQ(resource.at("position").at("lat").as_double(), 51.5082);

  // A dispatcher may watch positions but not report them; a gateway may not watch.
  map.send(positions(unit, 51.5083, now + std::chrono::seconds(3)));
  EXPECT_EQ(map.receive_type("error").at("detail"), "your role does not allow sending positions");
  avl.send(json::object{{"subscribe", json::array{"positions"}}});
  EXPECT_EQ(avl.receive_type("error").at("detail"), "your role does not allow topic positions");
}

TEST_P(CadApi, TheForceKeepsItsOwnClassificationList) {
  const auto supervisor = user_token("super4", "control_room_supervisor");
  const auto handler = user_token("handler4", "call_handler");
  const auto dispatcher = user_token("dispatch4", "dispatcher");
  const auto officer = user_token("avl-officer4", "it_engineer");  // the AVL gateway
  const std::string drone =
      R"({"name": "Drone over a prison", "group": "other", "capabilities": ["drone_team"],
          "reason": "new offence this year"})";

  // Only those who may configure the list may change it; mistakes are named.
  EXPECT_EQ(call("PUT", "/api/v1/cad/classifications/drone", drone, dispatcher).status, 403);
  auto refused = call("PUT", "/api/v1/cad/classifications/drone",
                      R"({"name": "Drone", "group": "airspace", "capabilities": []})", supervisor);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json().at("errors").at(0).at("field"), "group") << refused.body;
  refused = call("PUT", "/api/v1/cad/classifications/Drone%20Sighting", drone, supervisor);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(
      call(
          "POST", "/api/v1/incidents",
          R"({"classification": "drone", "grade": "E", "location": {"lat": 51.5072, "lon": -0.1276}})",
          handler)
          .status,
      422)
      << "not on the list yet";

  const auto defined = call("PUT", "/api/v1/cad/classifications/drone", drone, supervisor);
  ASSERT_EQ(defined.status, 200) << defined.body;
  EXPECT_EQ(defined.json().at("capabilities").at(0), "drone_team");
  // Incidents of it need a unit that carries what it says.
  const auto plain = add_resource(supervisor, "MP4", "[]");
  const auto team = add_resource(supervisor, "DR1", R"(["drone_team"])");
  const Timestamp now = clock_.now();
  ASSERT_EQ(report(officer, plain, 51.5073, -0.1276, now).status, 200);
  ASSERT_EQ(report(officer, team, 51.5000, -0.1200, now).status, 200);
  const auto opened = call(
      "POST", "/api/v1/incidents",
      R"({"classification": "drone", "grade": "E", "location": {"lat": 51.5072, "lon": -0.1276}})",
      handler);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string incident(opened.json().at("id").as_string());
  const auto ranked =
      call("GET", "/api/v1/incidents/" + incident + "/recommendations", "", dispatcher).json();
  ASSERT_EQ(ranked.at("items").as_array().size(), 1U) << ranked;
  EXPECT_EQ(ranked.at("items").at(0).at("call_sign"), "DR1");

  // Retired: no new incidents of it; the open one keeps it; the list survives a restart.
  EXPECT_EQ(call("POST", "/api/v1/cad/classifications/drone/retire", "{}", supervisor).status, 422)
      << "a reason is required";
  ASSERT_EQ(call("POST", "/api/v1/cad/classifications/drone/retire",
                 R"({"reason": "folded into suspicious_activity"})", supervisor)
                .status,
            200);
  restart();
  refused = call(
      "POST", "/api/v1/incidents",
      R"({"classification": "drone", "grade": "E", "location": {"lat": 51.5072, "lon": -0.1276}})",
      handler);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json().at("errors").at(0).at("field"), "classification");
  const auto kept = call("GET", "/api/v1/incidents/" + incident, "", dispatcher).json();
  EXPECT_EQ(kept.at("classification"), "drone");
  const auto list = call("GET", "/api/v1/cad/classifications", "", handler).json();
  for (const auto& item : list.at("items").as_array()) EXPECT_NE(item.at("code"), "drone");
  const auto all = call("GET", "/api/v1/cad/classifications?retired", "", handler).json();
  bool listed_retired = false;
  for (const auto& item : all.at("items").as_array()) {
    if (item.at("code") == "drone") listed_retired = item.at("retired").as_bool();
  }
  EXPECT_TRUE(listed_retired);
}

TEST_P(CadApi, AUnitsTrackIsKeptThinnedForReplay) {
  const auto supervisor = user_token("super5", "control_room_supervisor");
  const auto dispatcher = user_token("dispatch5", "dispatcher");
  const auto gateway = user_token("avl5", "it_engineer");
  const auto unit = add_resource(supervisor, "MP5", "[]");
  const Timestamp start = clock_.now() - std::chrono::minutes(10);
  // Kept: the first fix, one 40 s later (30 s passed), one 500 m away. Thinned: 5 s and 10 m.
  ASSERT_EQ(report(gateway, unit, 51.5072, -0.1276, start).status, 200);
  ASSERT_EQ(report(gateway, unit, 51.5073, -0.1276, start + std::chrono::seconds(5)).status, 200);
  ASSERT_EQ(report(gateway, unit, 51.5073, -0.1277, start + std::chrono::seconds(40)).status, 200);
  ASSERT_EQ(report(gateway, unit, 51.5118, -0.1277, start + std::chrono::seconds(45)).status, 200);
  restart();  // what was queued is written on the way down

  const std::string path = "/api/v1/resources/" + unit + "/track";
  const auto track = call("GET", path, "", dispatcher);
  ASSERT_EQ(track.status, 200) << track.body;
  const auto body = track.json();
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 3U) << track.body;
  EXPECT_EQ(items[0].at("at"), format_rfc3339(start).c_str());
  EXPECT_EQ(items[1].at("at"), format_rfc3339(start + std::chrono::seconds(40)).c_str());
  EXPECT_DOUBLE_EQ(items[2].at("lat").as_double(), 51.5118);
  EXPECT_EQ(body.at("call_sign"), "MP5");
  // A window that ends before the last fix leaves it out.
  const auto early = call("GET",
                          path + "?from=" + format_rfc3339(start) +
                              "&to=" + format_rfc3339(start + std::chrono::seconds(41)),
                          "", dispatcher);
  EXPECT_EQ(early.json().at("items").as_array().size(), 2U) << early.body;

  auto bad = call("GET", path + "?from=yesterday", "", dispatcher);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json().at("errors").at(0).at("field"), "from");
  bad = call("GET",
             path + "?from=" + format_rfc3339(start) +
                 "&to=" + format_rfc3339(start - std::chrono::seconds(1)),
             "", dispatcher);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(call("GET", "/api/v1/resources/nobody/track", "", dispatcher).status, 404);
  EXPECT_EQ(call("GET", path, "", gateway).status, 403) << "the gateway reports, it does not read";
}

TEST_P(CadApi, AUnitOnLowerGradedWorkIsDivertedOnlyWhenAskedAndWithAReason) {
  const auto supervisor = user_token("super6", "control_room_supervisor");
  const auto handler = user_token("handler6", "call_handler");
  const auto dispatcher = user_token("dispatch6", "dispatcher");
  const auto officer = user_token("avl-officer6", "it_engineer");  // the AVL gateway
  const auto busy = add_resource(supervisor, "MP61", "[]");
  const auto free = add_resource(supervisor, "MP62", "[]");
  const Timestamp now = clock_.now();
  ASSERT_EQ(report(officer, busy, 51.5080, -0.1270, now).status, 200);
  ASSERT_EQ(report(officer, free, 51.4950, -0.1400, now).status, 200);

  auto opened = open_incident(handler, "anti_social_behaviour", "E",
                              R"("location": {"lat": 51.5090, "lon": -0.1260})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string minor(opened.json().at("id").as_string());
  ASSERT_EQ(call("POST", "/api/v1/incidents/" + minor + "/dispatch",
                 R"({"resource_id": ")" + busy + R"("})", dispatcher)
                .status,
            200);
  opened =
      open_incident(handler, "assault", "I", R"("location": {"lat": 51.5078, "lon": -0.1272})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string urgent(opened.json().at("id").as_string());
  const std::string urgent_path = "/api/v1/incidents/" + urgent;

  // Without asking, only the available unit; with diversions, the nearer busy one first.
  auto ranked = call("GET", urgent_path + "/recommendations", "", dispatcher).json();
  ASSERT_EQ(ranked.at("items").as_array().size(), 1U) << ranked;
  EXPECT_EQ(ranked.at("items").at(0).at("call_sign"), "MP62");
  EXPECT_TRUE(ranked.at("items").at(0).at("diverted_from").is_null());
  ranked = call("GET", urgent_path + "/recommendations?diversions=true", "", dispatcher).json();
  ASSERT_EQ(ranked.at("items").as_array().size(), 2U) << ranked;
  EXPECT_EQ(ranked.at("items").at(0).at("call_sign"), "MP61");
  EXPECT_EQ(ranked.at("items").at(0).at("diverted_from").at("incident_id"), minor.c_str());
  EXPECT_EQ(call("GET", urgent_path + "/recommendations?diversions=maybe", "", dispatcher).status,
            422);

  // Sending it needs divert: true and a reason.
  auto sent =
      call("POST", urgent_path + "/dispatch", R"({"resource_id": ")" + busy + R"("})", dispatcher);
  EXPECT_EQ(sent.status, 409) << sent.body;
  sent = call("POST", urgent_path + "/dispatch",
              R"({"resource_id": ")" + busy + R"(", "divert": true})", dispatcher);
  EXPECT_EQ(sent.status, 422) << sent.body;
  EXPECT_EQ(sent.json().at("errors").at(0).at("field"), "reason");
  sent = call("POST", urgent_path + "/dispatch",
              R"({"resource_id": ")" + busy +
                  R"(", "divert": true, "reason": "assault in progress nearby"})",
              dispatcher);
  ASSERT_EQ(sent.status, 200) << sent.body;
  const auto unit = call("GET", "/api/v1/resources/" + busy, "", dispatcher).json();
  EXPECT_EQ(unit.at("incident_id"), urgent.c_str());
  // The job it left says so, with the reason.
  const auto left = call("GET", "/api/v1/incidents/" + minor + "/log", "", supervisor).json();
  const auto& last = left.at("items").as_array().back();
  EXPECT_EQ(last.at("type"), "ResourceDiverted");
  EXPECT_EQ(last.at("reason"), "assault in progress nearby");
  EXPECT_EQ(last.at("payload").at("to_incident_id"), urgent.c_str());

  // Never from more urgent work to less.
  opened = open_incident(handler, "theft", "S", R"("location": {"lat": 51.5079, "lon": -0.1271})");
  ASSERT_EQ(opened.status, 201);
  sent = call(
      "POST", "/api/v1/incidents/" + std::string(opened.json().at("id").as_string()) + "/dispatch",
      R"({"resource_id": ")" + busy + R"(", "divert": true, "reason": "closer"})", dispatcher);
  EXPECT_EQ(sent.status, 409) << sent.body;
}

TEST_P(CadApi, AUnitsCrewIsBookedOnAndChanged) {
  const auto supervisor = user_token("super7", "control_room_supervisor");
  const auto officer = user_token("officer7", "patrol_officer");
  const auto stranger = user_token("officer8", "patrol_officer");
  const auto handler = user_token("handler7", "call_handler");
  const auto planner = user_token("planner7", "resource_planner");
  add_constable(planner, "PC123", "PC Khan", "officer7");
  add_constable(planner, "PC456", "PC Jones", "");
  add_constable(planner, "PC789", "PC Reid", "officer8");
  auto made = call("POST", "/api/v1/resources",
                   R"({"call_sign": "MP7", "type": "response car", "capabilities": [],
                       "crew": ["PC123", "PC456 Jones"]})",
                   supervisor);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id(made.json().at("id").as_string());
  EXPECT_EQ(made.json().at("crew"), (json::array{"PC123 PC Khan", "PC456 PC Jones"}))
      << "the register's entries, not what was typed";
  const std::string path = "/api/v1/resources/" + id + "/crew";
  auto changed = call("PUT", path, R"({"crew": ["PC123"]})", officer);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json().at("crew"), json::array{"PC123 PC Khan"});
  auto bad = call("PUT", path, R"({"crew": [42]})", officer);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json().at("errors").at(0).at("field"), "crew");
  auto nobody = call("PUT", path, R"({"crew": ["PC123", "Mickey Mouse"]})", officer);
  ASSERT_EQ(nobody.status, 422) << "a crew is people on Duty's register";
  EXPECT_EQ(nobody.json().at("errors").at(0).at("field"), "crew[1]");
  EXPECT_EQ(call("PUT", path, R"({"crew": []})", handler).status, 403);
  auto other = call("PUT", path, R"({"crew": ["PC789"]})", stranger);
  EXPECT_EQ(other.status, 403) << "an officer not on the unit changes nothing";
  EXPECT_NE(other.body.find("not crewing MP7"), std::string::npos) << other.body;
  restart();
  const auto unit = call("GET", "/api/v1/resources/" + id, "", officer).json();
  EXPECT_EQ(unit.at("crew"), json::array{"PC123 PC Khan"});
}

// The assessment's attempt: a patrol officer posted positions for another unit, set its status
// and its crew. An officer acts only for the unit they crew (over HTTP and the stream); a
// dispatcher for any; the AVL gateway reports positions for any; each refusal says why.
TEST_P(CadApi, AnOfficerActsOnlyForTheUnitTheyCrew) {
  const auto supervisor = user_token("super9", "control_room_supervisor");
  const auto planner = user_token("planner9", "resource_planner");
  const auto mine = user_token("pc-own", "patrol_officer");
  const auto unrostered = user_token("pc-none", "patrol_officer");
  const auto dispatcher = user_token("disp9", "dispatcher");
  add_constable(planner, "PC1", "PC PC1", "pc-own");
  add_constable(planner, "PC2", "PC PC2", "");
  const auto make = [&](const std::string& call_sign, const std::string& crew) {
    auto made =
        call("POST", "/api/v1/resources",
             R"({"call_sign": ")" + call_sign +
                 R"(", "type": "response car", "capabilities": [], "crew": [")" + crew + R"("]})",
             supervisor);
    EXPECT_EQ(made.status, 201) << made.body;
    return std::string(made.json().at("id").as_string());
  };
  const std::string own = make("MP21", "PC1"), theirs = make("MP22", "PC2");
  const Timestamp now = clock_.now();
  EXPECT_EQ(report(mine, own, 51.5072, -0.1276, now).status, 200);
  auto forged = report(mine, theirs, 51.5072, -0.1276, now);
  EXPECT_EQ(forged.status, 403);
  EXPECT_NE(forged.body.find("not crewing MP22"), std::string::npos) << forged.body;
  EXPECT_EQ(report(unrostered, own, 51.5072, -0.1276, now).status, 403);
  const std::string status = R"({"status": "off_duty"})";
  EXPECT_EQ(call("POST", "/api/v1/resources/" + own + "/status", status, mine).status, 200);
  EXPECT_EQ(call("POST", "/api/v1/resources/" + theirs + "/status", status, mine).status, 403);
  EXPECT_EQ(
      call("PUT", "/api/v1/resources/" + theirs + "/crew", R"({"crew": ["PC1"]})", mine).status,
      403);
  EXPECT_EQ(call("POST", "/api/v1/resources/" + theirs + "/status", status, dispatcher).status, 200)
      << "a dispatcher changes any unit";

  // The same forgery as a message on the stream.
  StreamClient socket(port(), mine);
  socket.send(json::object{
      {"positions",
       json::array{json::object{{"resource_id", theirs},
                                {"lat", 51.5},
                                {"lon", -0.12},
                                {"at", format_rfc3339(now + std::chrono::seconds(1))}}}}});
  const json::value refused = socket.receive_type("error");
  ASSERT_TRUE(refused.is_object());
  EXPECT_NE(json::serialize(refused).find("not crewing MP22"), std::string::npos)
      << json::serialize(refused);
  const auto kept = call("GET", "/api/v1/resources/" + theirs, "", supervisor).json();
  EXPECT_TRUE(kept.at("position").is_null()) << "nothing of the forged fix was taken";
}

// What the control room's screens and the operating picture read: the board with the sequence
// the stream continues from, the area and response times of an incident, an alert taken on
// once, the picture and its CSV, and a unit's last fix kept across a restart.
class ControlRoomApi : public CadApi {
 protected:
  void adjust(app::PlatformOptions& options) override {
    CadApi::adjust(options);
    // An immediate incident with nobody sent raises its alert at once.
    options.cad.immediate_unassigned = std::chrono::seconds(0);
  }
};

TEST_P(ControlRoomApi, TheBoardThePictureAndAlertsTakenOn) {
  const auto supervisor = user_token("super8", "control_room_supervisor");
  const auto dispatcher = user_token("dispatch8", "dispatcher");
  const auto officer = user_token("avl-officer8", "it_engineer");  // the AVL gateway
  const auto handler = user_token("handler8", "call_handler");
  const auto unit = add_resource(supervisor, "MP8", "[]");
  ASSERT_EQ(report(officer, unit, 51.5080, -0.1270, clock_.now()).status, 200);

  auto opened =
      open_incident(handler, "burglary", "I", R"("location": {"lat": 51.5072, "lon": -0.1276})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string incident(opened.json().at("id").as_string());
  EXPECT_FALSE(opened.json().at("area").as_string().empty()) << "a district of the town";

  auto board = call("GET", "/api/v1/cad/board", "", dispatcher);
  ASSERT_EQ(board.status, 200) << board.body;
  const auto board_json = board.json();
  const auto& b = board_json.as_object();
  EXPECT_EQ(b.at("incidents").as_array().size(), 1U);
  EXPECT_EQ(b.at("resources").as_array().size(), 1U);
  EXPECT_FALSE(b.at("incidents").at(0).as_object().contains("caller")) << "no personal data";
  const long long as_of = b.at("sequence").as_int64();
  {
    // The stream after the board's sequence carries exactly what came later.
    StreamClient stream(port(), dispatcher);
    stream.send(
        json::object{{"subscribe", json::array{"incidents", "resources"}}, {"after", as_of}});
    EXPECT_EQ(stream.receive().at("type"), "subscribed");
    ASSERT_EQ(call("POST", "/api/v1/incidents/" + incident + "/dispatch",
                   R"({"resource_id": ")" + unit + R"("})", dispatcher)
                  .status,
              200);
    const auto frame = stream.receive();
    EXPECT_EQ(frame.at("event"), "ResourceDispatched");
    EXPECT_GT(frame.at("sequence").as_int64(), as_of);
  }
  {
    // The board is as of the incident's opening; on the stream it comes without the caller's
    // details, THRIVE or narrative (those are read through a route that logs the access).
    StreamClient stream(port(), dispatcher);
    stream.send(json::object{{"subscribe", json::array{"incidents"}}, {"after", as_of - 1}});
    const auto opening = stream.receive();
    ASSERT_EQ(opening.at("event"), "IncidentOpened") << opening;
    EXPECT_EQ(opening.at("data").at("reference"), opened.json().at("reference"));
    for (const char* withheld : {"caller", "thrive", "narrative"})
      EXPECT_FALSE(opening.at("data").as_object().contains(withheld)) << withheld;
  }
  ASSERT_EQ(report(officer, unit, 51.5072, -0.1276, clock_.now() + std::chrono::seconds(1)).status,
            200);
  const auto attended = call("GET", "/api/v1/incidents/" + incident, "", dispatcher).json();
  EXPECT_TRUE(attended.at("dispatched_at").is_string());
  EXPECT_TRUE(attended.at("attended_at").is_string());

  auto picture = call("GET", "/api/v1/iop/picture", "", supervisor);
  ASSERT_EQ(picture.status, 200) << picture.body;
  const auto picture_json = picture.json();
  const auto& force = picture_json.at("force");
  EXPECT_EQ(force.at("open_by_grade").at("I"), 1);
  EXPECT_EQ(force.at("open_by_state").at("at_scene"), 1);
  EXPECT_EQ(force.at("units_by_status").at("at_scene"), 1);
  EXPECT_EQ(force.at("today").at("I").at("within_target"), 1);
  EXPECT_EQ(force.at("last_24_hours").at("I").at("share").as_double(), 1.0);
  EXPECT_EQ(picture.json().at("by_hour").as_array().size(), 24U);
  EXPECT_EQ(picture.json().at("targets_minutes").at("I"), 15);
  auto csv = call("GET", "/api/v1/iop/picture.csv?table=areas", "", supervisor);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("area,open_I,", 0), 0U) << csv.body;
  EXPECT_NE(csv.body.find("\r\nForce,1,0,0,0,0,0,1,"), std::string::npos) << csv.body;
  EXPECT_EQ(call("GET", "/api/v1/iop/picture.csv?table=nope", "", supervisor).status, 422);
  EXPECT_EQ(call("GET", "/api/v1/iop/picture", "", officer).status, 403);

  // An alert is acknowledged once, by someone who dispatches.
  const auto late =
      open_incident(handler, "assault", "I", R"("location": {"lat": 51.5100, "lon": -0.1300})");
  ASSERT_EQ(late.status, 201);
  platform().cad().check_alerts();
  auto alerts = call("GET", "/api/v1/alerts", "", dispatcher).json().at("items").as_array();
  ASSERT_FALSE(alerts.empty());
  const std::string alert(alerts.at(0).at("id").as_string());
  EXPECT_TRUE(alerts.at(0).at("acknowledged_at").is_null());
  const std::string ack = "/api/v1/alerts/" + alert + "/acknowledge";
  EXPECT_EQ(call("POST", ack, "", handler).status, 403);
  auto taken = call("POST", ack, "", dispatcher);
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(taken.json().at("acknowledged_by"), "dispatch8");
  EXPECT_EQ(call("POST", ack, "", supervisor).status, 409);
  EXPECT_EQ(call("POST", "/api/v1/alerts/nope/acknowledge", "", dispatcher).status, 404);
  EXPECT_EQ(call("POST", ack, R"({"note": 1})", dispatcher).status, 422);

  restart();
  const auto after = call("GET", "/api/v1/resources/" + unit, "", supervisor).json();
  EXPECT_TRUE(after.at("position").is_object()) << "the last fix comes back from the track";
  alerts = call("GET", "/api/v1/alerts", "", dispatcher).json().at("items").as_array();
  EXPECT_EQ(alerts.at(0).at("acknowledged_by"), "dispatch8");
}

INSTANTIATE_TEST_SUITE_P(Backends, CadApi, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });
INSTANTIATE_TEST_SUITE_P(Backends, ControlRoomApi, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
