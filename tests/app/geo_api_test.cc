// /api/v1/geo over a synthetic town, on both store backends (the gazetteer lives in the store).
#include "api_fixture.h"

namespace peel::testing {
namespace {

namespace json = boost::json;

class GeoApi : public ApiTest {
 protected:
  void adjust(app::PlatformOptions&) override { install_town(2'500); }
};

TEST_P(GeoApi, CallHandlerFindsAPlaceAndAUnitsTravelTime) {
  const auto token = user_token("handler1", "call_handler");
  auto found = call("GET", "/api/v1/geo/search?q=ashby%20police%20stn&limit=3", "", token);
  ASSERT_EQ(found.status, 200) << found.body;
  const json::value found_json = found.json();
  const auto& items = found_json.at("items").as_array();
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].at("name").as_string(), "Ashby Police Station");
  // Coordinates as people write them (51.50…), never 5.150…E1.
  EXPECT_NE(found.body.find("\"lat\":51.5"), std::string::npos) << found.body;
  EXPECT_EQ(found.body.find("E1"), std::string::npos) << found.body;

  auto route =
      call("GET", "/api/v1/geo/route?from=51.5072,-0.1276&to=51.5040,-0.1240&profile=emergency", "",
           token);
  ASSERT_EQ(route.status, 200) << route.body;
  EXPECT_GT(route.json().at("meters").to_number<double>(), 0);
  EXPECT_GT(route.json().at("seconds").to_number<double>(), 0);
  EXPECT_EQ(route.json().at("geometry").at("type").as_string(), "LineString");

  auto times = call("POST", "/api/v1/geo/travel-times",
                    R"({"target": {"lat": 51.5072, "lon": -0.1276},
                        "sources": [{"lat": 51.5040, "lon": -0.1240}, {"lat": 51.5072, "lon": -0.1276}]})",
                    token);
  ASSERT_EQ(times.status, 200) << times.body;
  const json::value times_json = times.json();
  const auto& seconds = times_json.at("seconds").as_array();
  ASSERT_EQ(seconds.size(), 2U);
  EXPECT_GT(seconds[0].to_number<double>(), seconds[1].to_number<double>());

  auto reverse = call("GET", "/api/v1/geo/reverse?lat=51.5072&lon=-0.1276", "", token);
  ASSERT_EQ(reverse.status, 200) << reverse.body;
  EXPECT_FALSE(reverse.json().at("street").as_string().empty());

  auto roads = call("GET", "/api/v1/geo/roads?bbox=51.50,-0.13,51.51,-0.12", "", token);
  ASSERT_EQ(roads.status, 200) << roads.body;
  EXPECT_EQ(roads.header("content-type"), "application/geo+json");
}

TEST_P(GeoApi, BadInputNamesTheFieldAndNoSessionIsRefused) {
  const auto token = user_token("handler2", "call_handler");
  auto far = call("GET", "/api/v1/geo/route?from=0,0&to=51.5,-0.12", "", token);
  EXPECT_EQ(far.status, 422);
  EXPECT_NE(far.body.find("outside the map"), std::string::npos) << far.body;
  auto bad = call("GET", "/api/v1/geo/route?from=north&to=51.5,-0.12", "", token);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json().at("errors").at(0).at("field").as_string(), "from");
  auto body = call("POST", "/api/v1/geo/travel-times",
                   R"({"target": {"lat": 95, "lon": 0}, "sources": []})", token);
  EXPECT_EQ(body.status, 422);
  EXPECT_EQ(body.json().at("errors").at(0).at("field").as_string(), "target");
  auto box = call("GET", "/api/v1/geo/roads?bbox=1,2,3", "", token);
  EXPECT_EQ(box.status, 422);
  auto nothing = call("GET", "/api/v1/geo/search?q=zzqx%20wvvy", "", token);
  ASSERT_EQ(nothing.status, 200);
  EXPECT_TRUE(nothing.json().at("items").as_array().empty());
  EXPECT_EQ(call("GET", "/api/v1/geo/search?q=ashby").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, GeoApi, ::testing::ValuesIn(store_backends()),
                         [](const auto& backend) { return backend.param; });

}  // namespace
}  // namespace peel::testing
