#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "support/test_store.h"

namespace peel::testing {
namespace {

std::string write_file(const TempDir& dir, const std::string& text) {
  const std::string path = dir.path() + "/peel.toml";
  std::ofstream(path) << text;
  return path;
}

TEST(Config, TheExampleFileLoadsWithItsDefaults) {
  auto config = app::load_config(std::string(PEEL_SOURCE_DIR) + "/peel.example.toml", {});
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->platform.db_url, "sqlite:var/peel.db");
  EXPECT_EQ(config->platform.http.port, 8080);
  EXPECT_EQ(config->platform.auth.absolute_timeout, std::chrono::hours(12));
  EXPECT_EQ(config->platform.emergency_speed.by_class,
            geo::SpeedFactors::emergency_defaults().by_class);
  EXPECT_EQ(config->platform.cad.immediate_unassigned, std::chrono::seconds(60));
  auto alerts = app::load_config("", {{"cad.welfare_check_minutes", "20"}});
  ASSERT_TRUE(alerts.ok()) << alerts.error().message;
  EXPECT_EQ(alerts->platform.cad.welfare_check, std::chrono::minutes(20));
  EXPECT_FALSE(app::load_config("", {{"cad.arrival_radius_meters", "5"}}).ok());
}

TEST(Config, BlueLightSpeedFactorsAreSetByRoadClass) {
  TempDir dir;
  auto from_file = app::load_config(write_file(dir, "[geo]\nemergency_factor_primary = 1.8\n"), {});
  ASSERT_TRUE(from_file.ok()) << from_file.error().message;
  const auto primary = static_cast<size_t>(geo::RoadClass::kPrimary);
  EXPECT_DOUBLE_EQ(from_file->platform.emergency_speed.by_class.at(primary), 1.8);
  setenv("PEEL_GEO_EMERGENCY_FACTOR_LIVING_STREET", "1", 1);
  auto from_env = app::load_config("", {});
  unsetenv("PEEL_GEO_EMERGENCY_FACTOR_LIVING_STREET");
  ASSERT_TRUE(from_env.ok()) << from_env.error().message;
  EXPECT_DOUBLE_EQ(from_env->platform.emergency_speed.by_class.at(
                       static_cast<size_t>(geo::RoadClass::kLivingStreet)),
                   1.0);
  for (const char* bad : {"fast", "9", "0.1", ""}) {
    auto refused = app::load_config("", {{"geo.emergency_factor_motorway", bad}});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().fields.at(0).field, "geo.emergency_factor_motorway");
  }
}

TEST(Config, EnvironmentOverridesTheFileAndFlagsOverrideBoth) {
  TempDir dir;
  const auto path =
      write_file(dir, "[http]\nport = 9000\naddress = \"0.0.0.0\"\n[auth]\nlockout_minutes = 30\n");
  setenv("PEEL_HTTP_PORT", "9100", 1);
  auto from_env = app::load_config(path, {});
  auto from_flag = app::load_config(path, {{"http.port", "9200"}});
  unsetenv("PEEL_HTTP_PORT");
  ASSERT_TRUE(from_env.ok() && from_flag.ok());
  EXPECT_EQ(from_env->platform.http.port, 9100);
  EXPECT_EQ(from_flag->platform.http.port, 9200);
  EXPECT_EQ(from_flag->platform.http.address, "0.0.0.0");
  EXPECT_EQ(from_flag->platform.auth.lockout, std::chrono::minutes(30));
  auto proxies = app::load_config("", {{"http.trusted_proxies", " 10.0.0.5, 10.0.0.6 ,"}});
  ASSERT_TRUE(proxies.ok());
  EXPECT_EQ(proxies->platform.http.trusted_proxies,
            (std::vector<std::string>{"10.0.0.5", "10.0.0.6"}));
}

TEST(Config, MistakesAreNamed) {
  TempDir dir;
  auto unknown = app::load_config(write_file(dir, "[http]\nprot = 80\n"), {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.at(0).field, "http.prot");
  auto range = app::load_config("", {{"http.port", "70000"}});
  ASSERT_FALSE(range.ok());
  EXPECT_EQ(range.error().fields.at(0).field, "http.port");
  auto word = app::load_config("", {{"auth.session_hours", "twelve"}});
  ASSERT_FALSE(word.ok());
  EXPECT_NE(word.error().message.find("whole number"), std::string::npos);
  auto syntax = app::load_config(write_file(dir, "[http\nport = 1\n"), {});
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.error().message.find("peel.toml:1"), std::string::npos);
  EXPECT_FALSE(app::load_config(dir.path() + "/missing.toml", {}).ok());
  EXPECT_FALSE(app::load_config("", {{"log.level", "loud"}}).ok());
}

}  // namespace
}  // namespace peel::testing
