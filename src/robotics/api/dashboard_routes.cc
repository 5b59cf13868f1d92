// The time saved is each process's minutes of manual effort per item (its definition's
// minutes_saved, set from the unit's own timings: 9 for the online crime report, the 19 minutes
// the pilot unit took per form less the 10 left) times the items it finished in the period.
#include "robotics/api/dashboard_routes.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>

#include "core/statistics.h"

namespace peel::robotics {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

json::object queue_json(const QueueFigures& q) {
  json::object states;
  for (const auto& state : item_states()) {
    const auto it = q.by_state.find(state);
    states[state] = it == q.by_state.end() ? 0 : it->second;
  }
  json::object one{{"queue", q.queue}, {"by_state", std::move(states)}, {"overdue", q.overdue}};
  one["oldest_waiting"] =
      q.oldest_waiting ? json::value(format_rfc3339(*q.oldest_waiting)) : json::value(nullptr);
  return one;
}

http::Handler queues(const RoboticsApiDeps& deps) {
  return [deps](http::Context&) -> Result<http::Response> {
    auto figures = deps.robotics.queue.figures();
    if (!figures) return std::move(figures).error();
    json::array items;
    for (const auto& q : *figures) items.push_back(queue_json(q));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

struct ProcessFigures {
  std::string name;
  double minutes_saved = 0;
  std::vector<double> seconds;  // made to done, each item finished
};

http::Handler dashboard(const RoboticsApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    int hours = 24;
    if (const auto it = c.query.find("hours"); it != c.query.end()) {
      char* end = nullptr;
      const long v = std::strtol(it->second.c_str(), &end, 10);
      if (it->second.empty() || *end != '\0' || v < 1 || v > 24L * 92)
        return Error::invalid("hours", "must be a whole number of hours from 1 to 2208");
      hours = static_cast<int>(v);
    }
    const Timestamp to = deps.clock.now();
    const Timestamp from = to - std::chrono::hours(hours);
    auto figures = deps.robotics.queue.figures();
    if (!figures) return std::move(figures).error();
    auto done = deps.robotics.queue.completed_since(from);
    if (!done) return std::move(done).error();
    auto processes = deps.robotics.processes.list();
    if (!processes) return std::move(processes).error();

    std::map<std::string, ProcessFigures> by_process;
    for (const auto& p : *processes)
      by_process[p.definition.id] = {p.definition.name, p.definition.minutes_saved, {}};
    std::map<std::string, int> by_hour;
    for (const auto& d : *done) {
      by_process[d.process_id].seconds.push_back(
          std::chrono::duration<double>(d.done_at - d.created_at).count());
      const auto hour = std::chrono::floor<std::chrono::hours>(d.done_at);
      by_hour[format_rfc3339(Timestamp(hour))] += 1;
    }
    json::array process_rows;
    double minutes_saved = 0;
    for (auto& [id, p] : by_process) {
      std::sort(p.seconds.begin(), p.seconds.end());
      const double saved = p.minutes_saved * static_cast<double>(p.seconds.size());
      minutes_saved += saved;
      json::object row{{"process_id", id},
                       {"name", p.name},
                       {"done", p.seconds.size()},
                       {"minutes_saved_each", p.minutes_saved},
                       {"hours_saved", saved / 60}};
      row["median_seconds"] =
          p.seconds.empty() ? json::value(nullptr) : json::value(nearest_rank(p.seconds, 0.5));
      row["p90_seconds"] =
          p.seconds.empty() ? json::value(nullptr) : json::value(nearest_rank(p.seconds, 0.9));
      process_rows.push_back(std::move(row));
    }
    json::array throughput;
    for (const auto& [hour, n] : by_hour)
      throughput.push_back(json::object{{"hour", hour}, {"done", n}});
    json::array queue_rows;
    int exceptions = 0, overdue = 0, waiting = 0;
    for (const auto& q : *figures) {
      queue_rows.push_back(queue_json(q));
      overdue += q.overdue;
      for (const auto& [state, n] : q.by_state) {
        if (state == "exception") exceptions += n;
        if (state == "new" || state == "retried") waiting += n;
      }
    }
    return http::json_response(
        200, json::object{{"from", format_rfc3339(from)},
                          {"to", format_rfc3339(to)},
                          {"totals", json::object{{"done", done->size()},
                                                  {"hours_saved", minutes_saved / 60},
                                                  {"exceptions", exceptions},
                                                  {"waiting", waiting},
                                                  {"overdue", overdue}}},
                          {"processes", std::move(process_rows)},
                          {"queues", std::move(queue_rows)},
                          {"throughput", std::move(throughput)}});
  };
}

}  // namespace

void add_dashboard_routes(http::Router& router, const RoboticsApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/robotics/queues",
              .permission = perm::kRoboticsRead,
              .handler = queues(deps),
              .summary = "Each queue's items by state, the overdue, and the oldest waiting",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/robotics/dashboard",
              .permission = perm::kRoboticsRead,
              .handler = dashboard(deps),
              .summary = "Over the last ?hours= (24): items done by process and by hour, time"
                         " from made to done (median, 90th percentile), hours of manual work"
                         " saved, exceptions, waiting and overdue items, each queue's figures",
              .personal_data = http::PersonalData::none()});
}

}  // namespace peel::robotics
