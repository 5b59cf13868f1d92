// The access log's completeness (DPA 2018 s.62), checked from the OpenAPI document rather than
// route by route: every operation declares the personal data its answer carries
// (x-peel-personal-data), and every read whose answer names someone we recorded is in the access
// log. People with unmistakable names are recorded in Records, CAD, Duty and the Tech Bar; then
// each GET route in the document is called, by a role that may, with ids and queries that find
// them; an answer carrying one of those names without a new access record fails.
#include <boost/json.hpp>
#include <chrono>
#include <set>

#include "api_fixture.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

// What no answer may carry without being logged: the recorded people's names, a caller's phone
// number, a vehicle registration and a warrant number.
const std::vector<std::string> kMarks = {"Zebedee", "07700900461", "QZ12ZEB", "MP9911"};
const std::map<std::string, std::string> kPurpose = {{"Peel-Purpose", "access log check"}};

bool names_someone(const std::string& body) {
  return std::any_of(kMarks.begin(), kMarks.end(),
                     [&](const auto& m) { return body.find(m) != std::string::npos; });
}

class PersonalData : public ApiTest {
 protected:
  void adjust(app::PlatformOptions&) override { install_town(2'500); }

  std::string id_of(const HttpReply& r) {
    EXPECT_GE(r.status, 200) << r.body;
    EXPECT_LT(r.status, 300) << r.body;
    return r.status / 100 == 2 ? std::string(r.json().at("id").as_string()) : std::string();
  }

  // A token for each shipped role. A route is called by the role with the most permissions
  // among those that may call it (a route for one's own records then reads others' too).
  void sign_in_every_role() {
    const auto roles = call("GET", "/api/v1/roles", "", user_token("roles", "analyst"));
    ASSERT_EQ(roles.status, 200) << roles.body;
    const auto listed = roles.json();
    std::map<std::string, size_t> widest;
    for (const auto& r : listed.at("items").as_array()) {
      const std::string name(r.at("name").as_string());
      const std::string token = user_token("as_" + name, name);
      const auto& permissions = r.at("permissions").as_array();
      for (const auto& p : permissions) {
        const std::string permission(p.as_string());
        if (permissions.size() <= widest[permission]) continue;
        widest[permission] = permissions.size();
        token_for_[permission] = token;
      }
      any_token_ = token;
    }
  }

  std::string token_for(const std::string& permission) {
    if (permission == http::kPublic || permission == http::kSignedIn) return any_token_;
    const auto it = token_for_.find(permission);
    return it == token_for_.end() ? std::string() : it->second;
  }

  // A write while recording: 2xx, and in the access log when its answer names someone (the
  // writes are checked as the reads are, though only those that record someone).
  std::string written(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& token) {
    const long long before = access_records();
    const auto reply = call(method, path, body, token, kPurpose);
    if (names_someone(reply.body)) {
      EXPECT_GT(access_records(), before)
          << method << " " << path << " answered with a recorded person and logged nothing";
      ++written_naming_someone_;
    }
    return id_of(reply);
  }

  // Somebody of each kind, written through the API as the people who would.
  void record_everyone() {
    ASSERT_TRUE(platform().auth().add_user(
        {"zquinn", "Zebedee Quinn", "analyst", "a long passphrase 1", false},
        auth::Actor::system()));
    const std::string officer = token_for("pole.write");
    person_ = written("POST", "/api/v1/persons",
                      R"({"surname": "Quarrington", "forenames": ["Zebedee"],
                             "date_of_birth": "1980-02-03"})",
                      officer);
    vehicle_ = written("POST", "/api/v1/objects",
                       R"({"kind": "vehicle", "vrm": "QZ12ZEB", "make": "Ford"})", officer);
    place_ = written("POST", "/api/v1/locations",
                     R"({"address": "3 Zebedee Row", "location": {"lat": 51.5072,
                            "lon": -0.1276}})",
                     officer);
    written("POST", "/api/v1/links",
            R"({"from_id": ")" + person_ + R"(", "type": "driver_of", "to_id": ")" + vehicle_ +
                R"(", "source": "stop"})",
            officer);
    written("POST", "/api/v1/links",
            R"({"from_id": ")" + person_ + R"(", "type": "lives_at", "to_id": ")" + place_ +
                R"(", "source": "stop"})",
            officer);
    written("POST", "/api/v1/markers", R"({"record_id": ")" + place_ + R"(", "kind": "violence",
                   "note": "Zebedee Quarrington threatened officers"})",
            token_for("pole.write"));
    crime_ = written("POST", "/api/v1/crimes",
                     R"({"classification": "robbery", "occurred_from": "2026-12-01T10:00:00Z",
                            "location": {"lat": 51.5072, "lon": -0.1276},
                            "narrative": "Zebedee Quarrington's phone taken",
                            "victims": [")" +
                         person_ + R"("]})",
                     officer);

    incident_ = written("POST", "/api/v1/incidents",
                        R"({"classification": "burglary", "grade": "S",
                               "location": {"lat": 51.5072, "lon": -0.1276},
                               "caller": {"name": "Zebedee Caller", "phone": "07700900461"},
                               "narrative": "Zebedee heard glass breaking"})",
                        token_for("cad.incidents.create"));
    written("POST", "/api/v1/warnings",
            R"({"kind": "violence", "subject": "Zebedee Quarrington",
                   "note": "known to carry a knife", "location": {"lat": 51.5072,
                   "lon": -0.1276}})",
            token_for("cad.warnings.manage"));

    staff_ = written("POST", "/api/v1/duty/people",
                     R"({"number": "MP9911", "name": "PC Zebedee Dutton", "rank": "constable",
                            "area": "Central", "role": "response"})",
                     token_for("duty.plan"));
    tour_ = written("POST", "/api/v1/duty/tours",
                    R"({"person_id": ")" + staff_ +
                        R"(", "start": "2026-12-01T07:00:00Z", "end": "2026-12-01T15:00:00Z",
                           "kind": "early"})",
                    token_for("duty.plan"));

    site_ = written("POST", "/api/v1/techbar/locations",
                    R"({"name": "Zed Bar", "opens": "00:00", "closes": "24:00",
                           "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                           "engineers": 1})",
                    token_for("techbar.manage"));
    visit_ = written("POST", "/api/v1/techbar/checkins",
                     R"({"location_id": ")" + site_ +
                         R"(", "staff_number": "MP9911", "device_type": "radio",
                            "symptom": "no signal"})",
                     token_for("techbar.use"));
  }

  // The route's pattern with its {params} filled from what was recorded, and the query it needs.
  std::string target_of(const std::string& pattern) {
    const std::map<std::string, std::string> ids = {{"/api/v1/persons/{id}", person_},
                                                    {"/api/v1/objects/{id}", vehicle_},
                                                    {"/api/v1/locations/{id}", place_},
                                                    {"/api/v1/crimes/{id}", crime_},
                                                    {"/api/v1/events/{id}", crime_},
                                                    {"/api/v1/incidents/{id}", incident_},
                                                    {"/api/v1/duty/people/{id}", staff_},
                                                    {"/api/v1/techbar/checkins/{id}", visit_},
                                                    {"/api/v1/duty/minimums/{area}", "Central"}};
    std::string target = pattern;
    for (const auto& [prefix, id] : ids) {
      const auto open = prefix.find('{');
      if (pattern.compare(0, open, prefix, 0, open) == 0 && pattern.find('{') == open) {
        target = prefix.substr(0, open) + id + pattern.substr(pattern.find('}') + 1);
        break;
      }
    }
    const std::string at = "lat=51.5072&lon=-0.1276";
    const std::map<std::string, std::string> queries = {
        {"/api/v1/persons/search", "q=Quarrington"},
        {"/api/v1/persons/duplicates", ""},
        {"/api/v1/objects/search", "vrm=QZ12"},
        {"/api/v1/locations/near", at + "&radius=500"},
        {"/api/v1/events/search", "text=phone"},
        {"/api/v1/reviews", "due_by=2200-01-01"},
        {"/api/v1/cad/briefing", "at=51.5072,-0.1276"},
        {"/api/v1/cad/possible-duplicates", "at=51.5072,-0.1276&classification=burglary"},
        {"/api/v1/geo/search", "q=station"},
        {"/api/v1/geo/reverse", at},
        {"/api/v1/duty/roster", "from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z"},
        {"/api/v1/duty/my-roster", "from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z"},
        {"/api/v1/duty/cover", "area=Central&from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z"},
        {"/api/v1/duty/on-duty", "at=2026-12-01T09:00:00Z"},
        {"/api/v1/duty/swap-options", "tour_id=" + tour_},
        {"/api/v1/techbar/queue", "location_id=" + site_},
        {"/api/v1/techbar/assets", "location_id=" + site_},
        {"/api/v1/techbar/slots", "location_id=" + site_ + "&day=2026-12-01"},
        {"/api/v1/techbar/appointments", "location_id=" + site_ + "&day=2026-12-01"}};
    const auto q = queries.find(pattern);
    return q == queries.end() || q->second.empty() ? target : target + "?" + q->second;
  }

  long long access_records() {
    auto rows = store::in_transaction<store::Rows>(
        platform().store(), store::Access::kRead,
        [](store::Session& s) { return s.query("SELECT COUNT(*) FROM access_log", {}); });
    return rows ? (*rows)[0].integer(0) : -1;
  }

  std::map<std::string, std::string> token_for_;
  std::string any_token_;
  int written_naming_someone_ = 0;
  std::string person_, vehicle_, place_, crime_, incident_, staff_, tour_, site_, visit_;
};

TEST_P(PersonalData, EveryOperationDeclaresWhatItsAnswerCarries) {
  const auto doc = call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  const auto paths = doc.json().at("paths").as_object();
  size_t operations = 0, carrying = 0;
  for (const auto& [path, methods] : paths) {
    for (const auto& [method, operation] : methods.as_object()) {
      ++operations;
      const std::string name = std::string(method) + " " + std::string(path);
      const auto* declared = operation.as_object().if_contains("x-peel-personal-data");
      ASSERT_NE(declared, nullptr) << name << " does not say what personal data it carries";
      const auto& subjects = declared->at("subjects").as_array();
      if (!subjects.empty()) {
        ++carrying;
        EXPECT_TRUE(declared->as_object().contains("purpose")) << name;
      }
      for (const auto& s : subjects) {
        EXPECT_FALSE(s.at("subject_type").as_string().empty()) << name;
        EXPECT_EQ(s.at("at").as_string().front(), '/') << name;
      }
    }
  }
  EXPECT_GE(operations, 140U);
  EXPECT_GE(carrying, 50U) << "Records, CAD, Duty, Robotics and the Tech Bar carry people";
}

TEST_P(PersonalData, EveryReadThatNamesSomeoneIsInTheAccessLog) {
  sign_in_every_role();
  ASSERT_FALSE(HasFatalFailure());
  record_everyone();
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_GE(written_naming_someone_, 8) << "the writes that record people answer with them";
  const auto doc = call("GET", "/api/v1/openapi.json").json();
  std::set<std::string> named_someone;
  for (const auto& [path, methods] : doc.at("paths").as_object()) {
    const auto* get = methods.as_object().if_contains("get");
    if (!get) continue;
    const std::string pattern(path);
    if (pattern == "/api/v1/stream" || pattern == "/api/v1/openapi.json") continue;
    const std::string token = token_for(std::string(get->at("x-permission").as_string()));
    if (token.empty()) continue;  // no shipped role may
    const long long before = access_records();
    const auto reply = call("GET", target_of(pattern), "", token, kPurpose);
    if (reply.status != 200) continue;
    if (!names_someone(reply.body)) continue;
    named_someone.insert(pattern);
    EXPECT_FALSE(get->at("x-peel-personal-data").at("subjects").as_array().empty())
        << "GET " << pattern << " answers with a recorded person but declares no personal data";
    EXPECT_GT(access_records(), before)
        << "GET " << pattern << " answered with a recorded person and logged nothing";
  }
  // The check covers the reads that matter: if these stop naming anyone, the seeding broke.
  for (const char* read :
       {"/api/v1/persons/{id}", "/api/v1/persons/search", "/api/v1/objects/search",
        "/api/v1/objects/{id}", "/api/v1/locations/near", "/api/v1/locations/{id}",
        "/api/v1/crimes/{id}", "/api/v1/events/search", "/api/v1/reviews", "/api/v1/incidents/{id}",
        "/api/v1/cad/briefing", "/api/v1/duty/people", "/api/v1/duty/people/{id}",
        "/api/v1/duty/roster", "/api/v1/techbar/queue", "/api/v1/users"}) {
    EXPECT_TRUE(named_someone.contains(read)) << read << " named nobody: the check missed it";
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, PersonalData, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
