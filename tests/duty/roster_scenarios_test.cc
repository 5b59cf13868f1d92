// The roster rules as scenario files a planner can read (tests/duty/scenarios/*.txt): a small
// instance, a roster drawn one person per line (a shift ID or '-' per day), and what the check
// must say: each rule broken, and the objective.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "duty/roster_check.h"

namespace peel::duty {
namespace {

struct Scenario {
  std::string instance, roster_csv;
  std::vector<std::string> broken;
  long long objective = -1;
};

Scenario read_scenario(const std::filesystem::path& path) {
  std::ifstream in(path);
  Scenario s;
  std::string line, part;
  s.roster_csv = "employee,day,shift\n";
  while (std::getline(in, line)) {
    if (line.starts_with("== ")) {
      part = line;
      continue;
    }
    if (part == "== instance ==") {
      s.instance += line + "\n";
    } else if (line.empty() || line.starts_with("#")) {
      continue;
    } else if (part == "== roster ==") {
      const auto colon = line.find(':');
      std::istringstream days(line.substr(colon + 1));
      std::string shift;
      for (int day = 0; days >> shift; ++day) {
        if (shift != "-")
          s.roster_csv += line.substr(0, colon) + "," + std::to_string(day) + "," + shift + "\n";
      }
    } else if (part == "== expect ==" && line.starts_with("broken: ")) {
      s.broken.push_back(line.substr(8));
    } else if (part == "== expect ==" && line.starts_with("objective: ")) {
      s.objective = std::stoll(line.substr(11));
    }
  }
  return s;
}

TEST(RosterScenarios, EachScenarioChecksAsWritten) {
  const std::filesystem::path dir = std::filesystem::path(PEEL_SOURCE_DIR) / "tests/duty/scenarios";
  size_t run = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    SCOPED_TRACE(entry.path().filename().string());
    const Scenario s = read_scenario(entry.path());
    auto instance = parse_shift_instance(s.instance);
    ASSERT_TRUE(instance) << instance.error().message;
    auto roster = read_roster_csv(*instance, s.roster_csv);
    ASSERT_TRUE(roster) << roster.error().message;
    const RosterCheck check = check_roster(*instance, *roster);
    std::vector<std::string> got = check.broken, want = s.broken;
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want);
    ASSERT_GE(s.objective, 0) << "a scenario states its objective";
    EXPECT_EQ(check.penalty, s.objective);
    ++run;
  }
  EXPECT_GE(run, 3u);
}

}  // namespace
}  // namespace peel::duty
