// People through the HTTP API, on both store backends: recorded and read back, found by search
// with reasons, every read recorded in the access log with its purpose, bad input refused naming
// the field with nothing written, and roles that may not read people refused.
#include "api_fixture.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

class PoleApi : public ApiTest {};

const std::map<std::string, std::string> kPurpose = {{"Peel-Purpose", "stop and account"}};

TEST_P(PoleApi, APersonIsRecordedFoundAndEveryReadLogged) {
  const auto officer = user_token("officer", "patrol_officer");
  const auto made = call("POST", "/api/v1/persons",
                         R"({"surname": "Smith", "forenames": ["John", "Paul"],
                             "date_of_birth": "1985-03-14",
                             "identifiers": [{"kind": "pnc", "value": "85/123456X"}]})",
                         officer);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id(made.json().at("id").as_string());
  call("POST", "/api/v1/persons", R"({"surname": "Smyth", "forenames": ["Jon"]})", officer);

  const auto found =
      call("GET", "/api/v1/persons/search?q=jon%20smith&dob=1985", "", officer, kPurpose);
  ASSERT_EQ(found.status, 200) << found.body;
  const auto body = found.json();
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 2U) << "Smyth has no date of birth: kept, ranked lower";
  EXPECT_EQ(items[0].at("id").as_string(), id);
  EXPECT_GT(items[0].at("score").as_double(), items[1].at("score").as_double());
  EXPECT_FALSE(items[0].at("why").as_array().empty());

  const auto one = call("GET", "/api/v1/persons/" + id, "", officer, kPurpose);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json().at("forenames").as_array().size(), 2U);
  EXPECT_EQ(one.json().at("identifiers").at(0).at("value").as_string(), "85/123456X");

  // Reading without a purpose is refused; nothing is returned.
  EXPECT_EQ(call("GET", "/api/v1/persons/" + id, "", officer).status, 422);
  EXPECT_EQ(call("GET", "/api/v1/persons/search?q=smith", "", officer).status, 422);

  const auto admin = user_token("admin2", "system_administrator");
  const auto log = call("GET", "/api/v1/access-log?subject_type=person&limit=100", "", admin,
                        {{"Peel-Purpose", "audit"}});
  ASSERT_EQ(log.status, 200) << log.body;
  std::vector<std::string> seen;
  const auto entries = log.json();
  for (const auto& e : entries.at("items").as_array())
    seen.push_back(std::string(e.at("action").as_string()) + ":" +
                   std::string(e.at("purpose").as_string()));
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "consultation:stop and account"), 3)
      << "each of the two people the search returned, and the record read";
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "collection:recording a person (not stated)"), 2)
      << "recording states no purpose: the route's own is logged, marked so";
}

TEST_P(PoleApi, BadInputNamesTheFieldAndWritesNothing) {
  const auto officer = user_token("officer", "patrol_officer");
  auto refused = [&](const std::string& body, const std::string& field) {
    const auto r = call("POST", "/api/v1/persons", body, officer);
    EXPECT_EQ(r.status, 422) << body;
    EXPECT_NE(r.body.find("\"" + field + "\""), std::string::npos) << body << " -> " << r.body;
  };
  refused(R"({"surname": "Smith", "date_of_birth": "2090-01-01"})", "date_of_birth");
  refused(R"({"surname": "Smith", "date_of_birth": "14/03/1985"})", "date_of_birth");
  refused(R"({"surname": "Smith", "identifiers": [{"kind": "pnc", "value": "nope"}]})",
          "identifiers[0].value");
  refused(R"({"forenames": ["John"]})", "surname");
  refused(R"({"surname": "Smith", "shoe": 9})", "shoe");
  const auto search = [&](const std::string& query) {
    return call("GET", "/api/v1/persons/search?" + query, "", officer, kPurpose);
  };
  EXPECT_EQ(search("q=").status, 422);
  EXPECT_EQ(search("q=smith&dob=85").status, 422);
  EXPECT_EQ(search("q=smith&min_age=40&max_age=30").status, 422);
  EXPECT_EQ(search("q=smith&min_age=old").status, 422);
  const auto none = search("q=smith");
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(none.json().at("items").as_array().empty()) << "nothing was written";
}

TEST_P(PoleApi, RolesWithoutPeopleAreRefused) {
  const auto engineer = user_token("engineer", "it_engineer");
  EXPECT_EQ(call("POST", "/api/v1/persons", R"({"surname": "Smith"})", engineer).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/persons/search?q=smith", "", engineer, kPurpose).status, 403);
  const auto analyst = user_token("analyst", "analyst");
  EXPECT_EQ(call("POST", "/api/v1/persons", R"({"surname": "Smith"})", analyst).status, 403)
      << "analysts read, they do not record";
  EXPECT_EQ(call("GET", "/api/v1/persons/search?q=smith").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, PoleApi, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
