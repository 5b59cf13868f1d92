#include "robotics/processes.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/json_text.h"

namespace peel::robotics {

namespace {

constexpr const char* kColumns =
    "SELECT definition, installed_at, installed_by, retired_at, retired_reason"
    " FROM robotics_processes";

Result<InstalledProcess> process_from_row(const store::Row& r) {
  auto definition = parse_process_definition(r.text(0));
  if (!definition) return std::move(definition).error();
  const auto retired = r.optional_text(3);
  return InstalledProcess{std::move(*definition),
                          r.text(0),
                          parse_rfc3339(r.text(1)).value_or(Timestamp{}),
                          r.text(2),
                          retired ? parse_rfc3339(*retired) : std::nullopt,
                          r.optional_text(4).value_or("")};
}

}  // namespace

Processes::Processes(store::Store& store, events::EventLog& log, const RoboticsPolicy& policy)
    : store_(store), log_(log), policy_(policy) {}

Result<InstalledProcess> Processes::install(const std::string& text, const auth::Actor& by,
                                            const InstallerMay& installer_may) {
  auto definition = parse_process_definition(text);
  if (!definition) return std::move(definition).error();
  const ProcessDefinition& d = *definition;
  auto reach = check_reach(d, policy_, installer_may);
  if (!reach) return std::move(reach).error();
  auto event = log_.append(
      {"robotics-process/" + d.id, "ProcessInstalled", by.id, "",
       json_text(boost::json::object{{"version", d.version},
                                     {"trigger", d.trigger.kind},
                                     {"reads", boost::json::value_from(reach->reads)},
                                     {"sends", boost::json::value_from(reach->sends)},
                                     {"installed_by", by.username}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto last = s.query("SELECT MAX(version) FROM robotics_processes WHERE id = $1", {d.id});
        if (!last) return std::move(last).error();
        const auto latest = last->empty() ? std::nullopt : last->front().optional_integer(0);
        if (latest && *latest >= d.version)
          return Error::conflict(
              fmt::format("{} is installed at version {}: a new version must be"
                          " numbered above it",
                          d.id, *latest));
        auto row = s.execute(
            "INSERT INTO robotics_processes (id, version, definition, installed_at, installed_by)"
            " VALUES ($1, $2, $3, $4, $5)",
            {d.id, static_cast<long long>(d.version), text, format_rfc3339(e.at), by.id});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return version(d.id, d.version);
}

Result<InstalledProcess> Processes::retire(const std::string& id, int version,
                                           const std::string& reason, const auth::Actor& by) {
  if (reason.empty() || reason.size() > 500)
    return Error::invalid("reason", "must say why, in 1 to 500 characters");
  auto event = log_.append(
      {"robotics-process/" + id, "ProcessRetired", by.id, reason,
       json_text(boost::json::object{{"version", version}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto row =
            s.query("SELECT retired_at FROM robotics_processes WHERE id = $1 AND version = $2",
                    {id, static_cast<long long>(version)});
        if (!row) return std::move(row).error();
        if (row->empty())
          return Error::not_found(fmt::format("no process {} version {}", id, version));
        if (row->front().optional_text(0))
          return Error::conflict(fmt::format("{} version {} is retired already", id, version));
        auto done = s.execute(
            "UPDATE robotics_processes SET retired_at = $3, retired_by = $4, retired_reason = $5"
            " WHERE id = $1 AND version = $2",
            {id, static_cast<long long>(version), format_rfc3339(e.at), by.id, reason});
        if (!done) return std::move(done).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return this->version(id, version);
}

Status Processes::install_shipped(const auth::Actor& by) {
  for (const auto& text : shipped_process_definitions()) {
    auto definition = parse_process_definition(text);
    if (!definition) return definition.error();
    auto installed = current(definition->id);
    if (installed) continue;
    if (installed.error().code != ErrorCode::kNotFound) return installed.error();
    if (auto made = install(text, by); !made) return made.error();
  }
  return {};
}

Result<InstalledProcess> Processes::current(const std::string& id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(std::string(kColumns) + " WHERE id = $1 ORDER BY version DESC LIMIT 1",
                       {id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no process " + id);
  return process_from_row(rows->front());
}

Result<InstalledProcess> Processes::version(const std::string& id, int version) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(std::string(kColumns) + " WHERE id = $1 AND version = $2",
                       {id, static_cast<long long>(version)});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found(fmt::format("no process {} version {}", id, version));
  return process_from_row(rows->front());
}

Result<std::vector<InstalledProcess>> Processes::list() const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(std::string(kColumns) +
                       " p WHERE version = (SELECT MAX(version) FROM robotics_processes q WHERE"
                       " q.id = p.id) ORDER BY id");
      });
  if (!rows) return std::move(rows).error();
  std::vector<InstalledProcess> out;
  for (const auto& r : *rows) {
    auto p = process_from_row(r);
    if (!p) return std::move(p).error();
    out.push_back(std::move(*p));
  }
  return out;
}

}  // namespace peel::robotics
