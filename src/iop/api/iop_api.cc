#include "iop/api/iop_api.h"

#include <boost/json.hpp>

#include "cad/payload.h"
#include "iop/iop.h"

namespace peel::iop {

namespace json = boost::json;

namespace {

json::value optional_number(const std::optional<double>& value) {
  return value ? json::value(*value) : json::value();
}

json::object attendance_json(const Attendance& a) {
  return {{"incidents", a.incidents},
          {"decided", a.decided},
          {"within_target", a.within},
          {"share", optional_number(a.share)},
          {"median_seconds", optional_number(a.median_seconds)},
          {"p90_seconds", optional_number(a.p90_seconds)}};
}

json::object performance_json(const Performance& p) {
  return {{"I", attendance_json(p.immediate)}, {"S", attendance_json(p.significant)}};
}

json::object counts_json(const std::map<std::string, size_t>& counts) {
  json::object out;
  for (const auto& [key, n] : counts) out[key] = n;
  return out;
}

json::object area_json(const AreaPicture& a) {
  const auto& g = a.open_by_grade;
  return {{"area", a.area.empty() ? json::value() : json::value(a.area)},
          {"open_by_grade", json::object{{"I", g[0]}, {"S", g[1]}, {"E", g[2]}, {"R", g[3]}}},
          {"open_by_state", json::object{{"unassigned", a.open_by_state.unassigned},
                                         {"dispatched", a.open_by_state.dispatched},
                                         {"at_scene", a.open_by_state.at_scene}}},
          {"units_by_status", counts_json(a.units_by_status)},
          {"units_by_type", counts_json(a.units_by_type)},
          {"today", performance_json(a.today)},
          {"last_24_hours", performance_json(a.last_24_hours)}};
}

json::object picture_json(const OperatingPicture& p) {
  json::array areas, hours, heat;
  for (const auto& a : p.areas) areas.push_back(area_json(a));
  for (const auto& h : p.by_hour) {
    hours.push_back(json::object{{"from", format_rfc3339(h.from)},
                                 {"opened", h.opened},
                                 {"performance", performance_json(h.performance)}});
  }
  for (const auto& c : p.heat) {
    heat.push_back(
        json::object{{"lat", c.centre.lat}, {"lon", c.centre.lon}, {"incidents", c.incidents}});
  }
  return {{"generated_at", format_rfc3339(p.generated_at)},
          {"today_from", format_rfc3339(p.today_from)},
          {"targets_minutes",
           json::object{{"I", p.targets.immediate.count()}, {"S", p.targets.significant.count()}}},
          {"force", area_json(p.force)},
          {"areas", std::move(areas)},
          {"focus", p.focus.empty() ? json::value() : json::value(p.focus)},
          {"by_hour", std::move(hours)},
          {"heat", std::move(heat)}};
}

// The picture now, for ?area= (the hours and the heat map; the counts cover every area).
Result<OperatingPicture> picture_now(const http::Context& c, const cad::CadService& cad,
                                     const Clock& clock) {
  PictureInputs in;
  in.now = clock.now();
  in.today_from = local_midnight(in.now);
  in.targets = {cad.options().immediate_target, cad.options().significant_target};
  if (const auto it = c.query.find("area"); it != c.query.end()) {
    if (it->second.size() > 100) return Error::invalid("area", "is longer than 100 characters");
    in.focus = it->second;
  }
  in.incidents = cad.responses_since(std::min(in.today_from, in.now - std::chrono::hours(24)));
  in.resources = cad.resources();
  return build_picture(in);
}

}  // namespace

void add_iop_routes(http::Router& router, const cad::CadService& cad, const Clock& clock) {
  router.add({"GET", "/api/v1/iop/picture", auth::permission::kIopRead,
              [&cad, &clock](http::Context& c) -> Result<http::Response> {
                auto picture = picture_now(c, cad, clock);
                if (!picture) return std::move(picture).error();
                return http::json_response(200, picture_json(*picture));
              },
              false, false,
              "The operating picture: open incidents by grade and state, units by status and "
              "type, attendance against targets today and over 24 h, for the force and each "
              "area; by hour and a demand heat map for ?area= (default the force)",
              http::PersonalData::none()});
  router.add({"GET", "/api/v1/iop/picture.csv", auth::permission::kIopRead,
              [&cad, &clock](http::Context& c) -> Result<http::Response> {
                std::string table = "areas";
                if (const auto it = c.query.find("table"); it != c.query.end()) table = it->second;
                if (table != "areas" && table != "hours")
                  return Error::invalid("table", "must be areas or hours");
                auto picture = picture_now(c, cad, clock);
                if (!picture) return std::move(picture).error();
                http::Response response;
                response.content_type = "text/csv; charset=utf-8";
                response.body = table == "areas" ? areas_csv(*picture) : hours_csv(*picture);
                response.headers.emplace_back(
                    "Content-Disposition",
                    "attachment; filename=\"operating-picture-" + table + ".csv\"");
                return response;
              },
              false, false,
              "The operating picture as CSV: ?table=areas (one row per area) or hours (the last "
              "24 for ?area=)",
              http::PersonalData::none()});
}

}  // namespace peel::iop
