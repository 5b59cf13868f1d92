#include "techbar/api/metrics_routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "core/csv.h"
#include "duty/staff.h"

namespace peel::techbar {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

constexpr auto kDefaultPeriod = std::chrono::days(30);
constexpr auto kLongestPeriod = std::chrono::days(3 * 366);
constexpr double kDay = 86400;

json::value number_or_null(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object figures_json(const Figures& f) {
  return {{"contacts", f.contacts},
          {"tickets", f.tickets},
          {"resolved", f.resolved},
          {"first_time_fixes", f.first_time_fixes},
          {"first_time_fix_rate", number_or_null(f.first_time_fix_rate)},
          {"resolution_mean_seconds", number_or_null(f.resolution_mean_seconds)},
          {"resolution_median_seconds", number_or_null(f.resolution_median_seconds)},
          {"resolution_p90_seconds", number_or_null(f.resolution_p90_seconds)},
          {"wait_median_seconds", number_or_null(f.wait_median_seconds)},
          {"wait_p90_seconds", number_or_null(f.wait_p90_seconds)},
          {"surveys_sent", f.surveys_sent},
          {"surveys_answered", f.surveys_answered},
          {"response_rate", number_or_null(f.response_rate)},
          {"mean_score", number_or_null(f.mean_score)},
          {"excellent_share", number_or_null(f.excellent_share)}};
}

// How much quicker and surer the Tech Bar was than the desk: days shorter on average and at
// the median, and first-time fixes in percentage points.
json::object comparison_json(const Figures& bar, const Figures& desk) {
  const auto less = [](const std::optional<double>& a, const std::optional<double>& b) {
    return a && b ? json::value((*b - *a) / kDay) : json::value(nullptr);
  };
  return {{"resolution_mean_days_shorter",
           less(bar.resolution_mean_seconds, desk.resolution_mean_seconds)},
          {"resolution_median_days_shorter",
           less(bar.resolution_median_seconds, desk.resolution_median_seconds)},
          {"first_time_fix_points",
           bar.first_time_fix_rate && desk.first_time_fix_rate
               ? json::value(100 * (*bar.first_time_fix_rate - *desk.first_time_fix_rate))
               : json::value(nullptr)}};
}

// from and to: RFC 3339, or a day (YYYY-MM-DD); `to` as a day means to the end of it.
Result<Timestamp> read_bound(const http::Context& c, const char* name, bool end_of_day) {
  const std::string& text = c.query.at(name);
  if (auto t = parse_rfc3339(text)) return *t;
  auto day = duty::read_day(text, name);
  if (!day) return Error::invalid(name, "must be a day (2026-11-01) or an RFC 3339 time");
  return Timestamp(end_of_day ? *day + std::chrono::days(1) : *day);
}

Result<MetricsQuery> read_query(const http::Context& c, const TechbarApiDeps& deps) {
  MetricsQuery q;
  q.to = deps.clock.now();
  if (c.query.contains("to")) {
    auto to = read_bound(c, "to", true);
    if (!to) return std::move(to).error();
    q.to = *to;
  }
  q.from = q.to - kDefaultPeriod;
  if (c.query.contains("from")) {
    auto from = read_bound(c, "from", false);
    if (!from) return std::move(from).error();
    q.from = *from;
  }
  if (q.from >= q.to) return Error::invalid("from", "must be before to");
  if (q.to - q.from > kLongestPeriod) return Error::invalid("from", "must be within 3 years of to");
  if (const auto it = c.query.find("location_id"); it != c.query.end() && !it->second.empty()) {
    if (auto known = deps.techbar.locations.named_in_request(it->second); !known)
      return std::move(known).error();
    q.location_id = it->second;
  }
  if (const auto it = c.query.find("device_type"); it != c.query.end() && !it->second.empty()) {
    const auto& types = device_types();
    if (std::find(types.begin(), types.end(), it->second) == types.end())
      return Error::invalid("device_type", "is not a device type");
    q.device_type = it->second;
  }
  return q;
}

Result<MetricsReport> report_for(const http::Context& c, const TechbarApiDeps& deps) {
  auto q = read_query(c, deps);
  if (!q) return std::move(q).error();
  return deps.techbar.metrics(*q);
}

json::object report_json(const MetricsReport& r, const TechbarApiDeps& deps) {
  const auto text_or_null = [](const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
  };
  json::array sites, devices, problems;
  // The sites' names, read once for all the rows.
  std::map<std::string, std::string> names;
  if (auto all = deps.techbar.locations.list()) {
    for (const auto& l : *all) names[l.id] = l.facts.name;
  }
  for (const auto& s : r.by_location) {
    json::object site = figures_json(s.figures);
    site["location_id"] = s.location_id;
    const auto known = names.find(s.location_id);
    site["name"] = known == names.end() ? s.location_id : known->second;
    sites.push_back(std::move(site));
  }
  for (const auto& d : r.by_device) {
    devices.push_back(json::object{{"device_type", d.device_type},
                                   {"techbar", figures_json(d.techbar)},
                                   {"service_desk", figures_json(d.service_desk)},
                                   {"comparison", comparison_json(d.techbar, d.service_desk)}});
  }
  for (const auto& p : r.top_problems) {
    json::object where;
    for (const auto& [site, n] : p.by_location) where[site] = n;
    problems.push_back(json::object{{"device_type", p.device_type},
                                    {"symptom", p.symptom},
                                    {"visits", p.visits},
                                    {"previous_visits", p.previous_visits},
                                    {"by_location", std::move(where)}});
  }
  const Calibration& cal = r.calibration;
  return {{"from", format_rfc3339(r.query.from)},
          {"to", format_rfc3339(r.query.to)},
          {"location_id", text_or_null(r.query.location_id)},
          {"device_type", text_or_null(r.query.device_type)},
          {"techbar", figures_json(r.techbar)},
          {"service_desk", figures_json(r.service_desk)},
          {"comparison", comparison_json(r.techbar, r.service_desk)},
          {"by_location", std::move(sites)},
          {"by_device", std::move(devices)},
          {"calibration",
           {{"visits", cal.visits},
            {"mean_error_seconds", number_or_null(cal.mean_error_seconds)},
            {"mean_absolute_error_seconds", number_or_null(cal.mean_absolute_error_seconds)},
            {"median_absolute_error_seconds", number_or_null(cal.median_absolute_error_seconds)},
            {"p90_absolute_error_seconds", number_or_null(cal.p90_absolute_error_seconds)},
            {"within_five_minutes", number_or_null(cal.within_five_minutes)}}},
          {"top_problems", std::move(problems)}};
}

std::string cell(const std::optional<double>& v, double unit, const char* format) {
  return v ? fmt::format(fmt::runtime(format), *v / unit) : std::string();
}

std::string figures_row(const std::string& channel, const std::string& site,
                        const std::string& device, const Figures& f) {
  return fmt::format(
      "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n", channel, csv_cell(site), device,
      f.contacts, f.tickets, f.resolved, cell(f.first_time_fix_rate, 1, "{:.3f}"),
      cell(f.resolution_mean_seconds, 3600, "{:.2f}"),
      cell(f.resolution_median_seconds, 3600, "{:.2f}"),
      cell(f.resolution_p90_seconds, 3600, "{:.2f}"), cell(f.wait_median_seconds, 60, "{:.1f}"),
      cell(f.wait_p90_seconds, 60, "{:.1f}"), f.surveys_sent, f.surveys_answered,
      cell(f.response_rate, 1, "{:.3f}"), cell(f.mean_score, 1, "{:.2f}"),
      cell(f.excellent_share, 1, "{:.3f}"));
}

// One row per channel and grouping, the figures in hours and minutes as a spreadsheet wants.
std::string report_csv(const MetricsReport& r) {
  std::string out =
      "channel,location_id,device_type,contacts,tickets,resolved,first_time_fix_rate,"
      "resolution_mean_h,resolution_median_h,resolution_p90_h,wait_median_min,wait_p90_min,"
      "surveys_sent,surveys_answered,response_rate,mean_score,excellent_share\r\n";
  out += figures_row("techbar", r.query.location_id, r.query.device_type, r.techbar);
  for (const auto& s : r.by_location)
    out += figures_row("techbar", s.location_id, r.query.device_type, s.figures);
  for (const auto& d : r.by_device)
    out += figures_row("techbar", r.query.location_id, d.device_type, d.techbar);
  out += figures_row("service_desk", "", r.query.device_type, r.service_desk);
  for (const auto& d : r.by_device)
    out += figures_row("service_desk", "", d.device_type, d.service_desk);
  return out;
}

http::Handler metrics(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto report = report_for(c, deps);
    if (!report) return std::move(report).error();
    return http::json_response(200, report_json(*report, deps));
  };
}

http::Handler metrics_csv(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto report = report_for(c, deps);
    if (!report) return std::move(report).error();
    http::Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = report_csv(*report);
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"techbar-metrics.csv\"");
    return response;
  };
}

// The body is the desk's CSV export itself; ?file= names it in the audit trail.
http::Handler import_service_desk(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const auto file = c.query.find("file");
    const std::string name = file == c.query.end() ? "" : file->second.substr(0, 200);
    auto imported = deps.techbar.service_desk.import_csv(c.request.body, name, c.actor());
    if (!imported) return std::move(imported).error();
    return http::json_response(201, json::object{{"tickets", imported->tickets},
                                                 {"added", imported->added},
                                                 {"replaced", imported->replaced}});
  };
}

}  // namespace

void add_metrics_routes(http::Router& router, const TechbarApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/metrics",
              .permission = perm::kTechbarRead,
              .handler = metrics(deps),
              .summary = "?from=&to=&location_id=&device_type=: tickets, first-time fixes,"
                         " resolution and waiting times, surveys, overall, by site and by device"
                         " beside the service desk's; the wait estimates' error; top problems",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/metrics.csv",
              .permission = perm::kTechbarRead,
              .handler = metrics_csv(deps),
              .summary = "The same figures as CSV, a row per channel, site and device",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/techbar/service-desk/imports",
              .permission = perm::kTechbarManage,
              .handler = import_service_desk(deps),
              .summary = "The service desk's CSV export as the body (?file= its name): tickets"
                         " by reference, all or none; 422 naming the line and column",
              .personal_data = http::PersonalData::none(),
              .takes = "text/csv"});
}

}  // namespace peel::techbar
