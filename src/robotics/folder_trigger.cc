#include "robotics/folder_trigger.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"
#include "core/json_text.h"
#include "core/log.h"
#include "robotics/file_records.h"
#include "robotics/trigger_items.h"

namespace peel::robotics {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr auto kSettled = std::chrono::seconds(2);
constexpr std::uintmax_t kLargestFile = 64ULL << 20U;

const auth::Actor& folder_actor() {
  static const auth::Actor actor{"robotics", "robotics", {"folder"}};
  return actor;
}

Status move_to(const fs::path& file, const std::string& subfolder) {
  std::error_code ec;
  const fs::path into = file.parent_path() / subfolder;
  fs::create_directories(into, ec);
  fs::path target = into / file.filename();
  for (int n = 1; fs::exists(target, ec); ++n)  // a file of the same name taken before
    target = into / fmt::format("{}.{}", file.filename().string(), n);
  fs::rename(file, target, ec);
  if (ec) return Error::unavailable(fmt::format("cannot move {}: {}", file.string(), ec.message()));
  return {};
}

}  // namespace

FolderTrigger::FolderTrigger(Robotics& robotics, const Clock& clock)
    : robotics_(robotics), clock_(clock) {}

Result<std::string> FolderTrigger::folder_of(const ProcessDefinition& process) const {
  return watched_folder(process.trigger, robotics_.policy.folder_root);
}

Result<FolderScan> FolderTrigger::scan() {
  auto processes = robotics_.processes.list();
  if (!processes) return std::move(processes).error();
  return scan(*processes);
}

Result<FolderScan> FolderTrigger::scan(const std::vector<InstalledProcess>& processes) {
  FolderScan scan;
  for (const auto& installed : processes) {
    const ProcessDefinition& p = installed.definition;
    if (p.trigger.kind != "folder" || installed.retired_at) continue;
    auto allowed = folder_of(p);
    if (!allowed) {  // installed before the policy, or a link made since
      log::warn("robotics.folder_refused",
                {{"process", p.id}, {"reason", allowed.error().fields.front().reason}});
      continue;
    }
    const fs::path folder = *allowed;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
      log::warn("robotics.folder_unusable",
                {{"folder", folder.string()}, {"reason", ec.message()}});
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      const std::string name = entry.path().filename().string();
      if (!fs::is_regular_file(entry.symlink_status(ec)) || name.starts_with(".")) continue;
      const auto age = fs::file_time_type::clock::now() - entry.last_write_time(ec);
      if (ec || age < kSettled) continue;
      files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      if (Status s = take(p, file.string(), scan); !s) return s.error();
    }
  }
  return scan;
}

Status FolderTrigger::take(const ProcessDefinition& p, const std::string& path, FolderScan& scan) {
  const fs::path file(path);
  const std::string name = file.filename().string();
  ++scan.files;
  std::error_code ec;
  std::string text;
  std::string problem;
  if (file.extension() != "." + p.trigger.format) {
    problem = fmt::format("{} is not a .{} file, which is what this folder takes", name,
                          p.trigger.format);
  } else if (fs::file_size(file, ec) > kLargestFile || ec) {
    problem = fmt::format("{} is larger than {} MiB", name, kLargestFile >> 20U);
  } else {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
  }
  const std::string digest = sha256_hex(text).substr(0, 16);
  const std::string key = name.substr(0, 120) + "@" + digest;
  const auto queue = [&](const NewWorkItem& item) -> Status {
    auto made = robotics_.queue.enqueue(item, folder_actor());
    if (made) {
      ++scan.queued;
    } else if (made.error().code == ErrorCode::kConflict) {
      ++scan.already_held;
    } else {
      return made.error();
    }
    return {};
  };

  std::vector<FileRecord> records;
  if (problem.empty()) {
    auto read = read_file_records(p.trigger.format, text, name, p.fields);
    if (read) {
      records = std::move(*read);
    } else {
      problem = read.error().message;
    }
  }
  if (!problem.empty()) {
    ++scan.refused_files;
    NewWorkItem refused =
        item_of(p, key + "#file", json_text(json::object{{"file", name}}), clock_.now());
    refused.refused_reason = problem;
    if (Status s = queue(refused); !s) return s;
    if (Status s = move_to(file, "refused"); !s) return s;
    std::ofstream(file.parent_path() / "refused" / (name + ".why.txt")) << problem << "\n";
    log::warn("robotics.file_refused", {{"process", p.id}, {"file", name}, {"reason", problem}});
    return {};
  }
  for (const auto& record : records) {
    const NewWorkItem item =
        checked_item_of(p, fmt::format("{}#{}", key, record.at), record.input, clock_.now(),
                        fmt::format("{} record {}", name, record.at));
    if (!item.refused_reason.empty()) ++scan.refused_records;
    if (Status s = queue(item); !s) return s;
  }
  return move_to(file, "done");
}

}  // namespace peel::robotics
