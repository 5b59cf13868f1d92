// The roster optimiser on the shift scheduling benchmark (Curtois & Qu, Instance1..24 in
// ../shared/data/rostering/curtois): per instance, the objective of the roster found, as the
// independent check computes it, its gap to the best known value (read from the data's README),
// the seconds to that roster, and whether it keeps every hard rule.
// Target: within 2% of the best known on Instances 1-12 in 60 s each; feasible on every one.
//   bench_duty_curtois [FIRST [LAST]]   PEEL_BENCH_SECONDS (default 60), PEEL_BENCH_JOBS (2
//   instances at a time), PEEL_BENCH_THREADS (1 search thread per instance)
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "duty/roster_check.h"
#include "duty/roster_solver.h"

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// "| 8 | 28 | 30 | 4 | 1300 |" rows of the README's table: instance -> best known objective.
std::map<int, long long> best_known(const fs::path& dir) {
  std::map<int, long long> out;
  const std::string readme = read(dir / "README.md");
  const std::regex row(R"(\|\s*(\d+)\s*\|\s*\d+\s*\|\s*\d+\s*\|\s*\d+\s*\|\s*(\d+)\s*\|)");
  for (std::sregex_iterator it(readme.begin(), readme.end(), row), end; it != end; ++it)
    out[std::stoi((*it)[1])] = std::stoll((*it)[2]);
  return out;
}

int run(int argc, char** argv) {
  const fs::path dir = fs::path(PEEL_SOURCE_DIR) / "../shared/data/rostering/curtois";
  if (!fs::exists(dir)) {
    std::printf("no %s\n", dir.c_str());
    return 1;
  }
  const int first = argc > 1 ? std::atoi(argv[1]) : 1;
  const int last = argc > 2 ? std::atoi(argv[2]) : 24;
  const char* seconds_env = std::getenv("PEEL_BENCH_SECONDS");
  const char* jobs_env = std::getenv("PEEL_BENCH_JOBS");
  const char* threads_env = std::getenv("PEEL_BENCH_THREADS");
  const double seconds = seconds_env ? std::atof(seconds_env) : 60;
  const int jobs = jobs_env ? std::atoi(jobs_env) : 2;
  const int threads = threads_env ? std::atoi(threads_env) : 1;
  const auto known = best_known(dir);
  std::printf("%g s per instance, %d at a time, %d search thread(s) each\n", seconds, jobs,
              threads);
  std::printf("%-10s %6s %6s %10s %10s %8s %9s %s\n", "instance", "days", "staff", "objective",
              "best known", "gap", "s to best", "feasible");
  std::atomic<int> next{first};
  std::mutex out;
  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(jobs));
  for (int j = 0; j < jobs; ++j) {
    workers.emplace_back([&] {
      for (int i = next++; i <= last; i = next++) {
        auto instance =
            peel::duty::parse_shift_instance(read(dir / ("Instance" + std::to_string(i) + ".txt")));
        std::string line;
        if (!instance) {
          line = instance.error().message;
        } else {
          peel::duty::SolveOptions options;
          options.seconds = seconds;
          options.threads = threads;
          auto solved = peel::duty::solve_roster(*instance, options);
          if (!solved) {
            line = solved.error().message;
          } else {
            const auto check = peel::duty::check_roster(*instance, solved->roster);
            const long long best = known.contains(i) ? known.at(i) : 0;
            char text[200];
            std::snprintf(
                text, sizeof text, "%6d %6zu %10lld %10lld %7.1f%% %9.1f %s", instance->days,
                instance->staff.size(), check.penalty, best,
                best ? 100.0 * static_cast<double>(check.penalty - best) / static_cast<double>(best)
                     : 0.0,
                solved->seconds_to_best, check.feasible() ? "yes" : "NO");
            line = text;
          }
        }
        const std::lock_guard lock(out);
        std::printf("Instance%-2d %s\n", i, line.c_str());
        std::fflush(stdout);
      }
    });
  }
  for (auto& w : workers) w.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_duty_curtois: %s\n", e.what());
    return 1;
  }
}
