#include "techbar/api/asset_routes.h"

#include <boost/json.hpp>

namespace peel::techbar {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

json::object asset_json(const Asset& a) {
  json::object out{{"id", a.id},
                   {"location_id", a.facts.location_id},
                   {"device_type", a.facts.device_type},
                   {"serial", a.facts.serial},
                   {"model", a.facts.model},
                   {"state", a.state}};
  if (a.state == "on_loan") {
    out["holder"] = json::object{{"staff_number", a.holder_number}, {"name", a.holder_name}};
    out["ticket_id"] = a.ticket_id.empty() ? json::value(nullptr) : json::value(a.ticket_id);
    out["swap"] = a.swap;
    out["lent_at"] = a.lent_at ? json::value(format_rfc3339(*a.lent_at)) : json::value(nullptr);
    out["due_back"] = a.due_back ? json::value(format_rfc3339(*a.due_back)) : json::value(nullptr);
  } else {
    out["holder"] = nullptr;
  }
  return out;
}

Result<http::Response> answer_with(Result<Asset> a, int status = 200) {
  if (!a) return std::move(a).error();
  return http::json_response(status, asset_json(*a));
}

http::Handler list(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const auto it = c.query.find("location_id");
    auto assets = deps.techbar.assets.list(it == c.query.end() ? "" : it->second);
    if (!assets) return std::move(assets).error();
    json::array items;
    for (const auto& a : *assets) items.push_back(asset_json(a));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

// {location_id, device_type, serial, model?}
http::Handler add(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    NewAsset a{.location_id = f->string("location_id", 1, 64),
               .device_type = f->string("device_type", 1, 40),
               .serial = f->string("serial", 1, 60),
               .model = f->optional_string("model", 100).value_or("")};
    if (Status s = f->finish(); !s) return std::move(s).error();
    return answer_with(deps.techbar.assets.add(a, c.actor()), 201);
  };
}

// {staff_number, ticket_id?, swap?, days?}
http::Handler lend(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    Lending l;
    l.staff_number = f->string("staff_number", 1, 40);
    l.ticket_id = f->optional_string("ticket_id", 64).value_or("");
    l.swap = f->boolean("swap", false);
    l.days = static_cast<int>(f->optional_number("days", 1, 90).value_or(14));
    if (Status s = f->finish(); !s) return std::move(s).error();
    return answer_with(deps.techbar.assets.lend(c.path_params.at("id"), l, c.actor()));
  };
}

http::Handler take_back(const TechbarApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    return answer_with(deps.techbar.assets.take_back(c.path_params.at("id"), c.actor()));
  };
}

}  // namespace

void add_asset_routes(http::Router& router, const TechbarApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/techbar/assets",
              .permission = perm::kTechbarServe,
              .handler = list(deps),
              .summary = "?location_id=: the loan stock, each with who holds it (logged)",
              .personal_data = http::PersonalData::usual(
                  "IT support", {{"staff_number", "/items/*/holder/staff_number"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/techbar/assets",
              .permission = perm::kTechbarManage,
              .handler = add(deps),
              .summary = "{location_id, device_type, serial, model?}: 201; 409 for a serial"
                         " registered already",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/techbar/assets/{id}/lend",
              .permission = perm::kTechbarServe,
              .handler = lend(deps),
              .summary = "{staff_number, ticket_id?, swap?, days? (14)}: 409 when it is on loan"
                         " already; 422 for an unknown staff number",
              .personal_data = http::PersonalData::usual(
                  "IT support",
                  {{"staff_number", "/holder/staff_number", auth::AccessAction::kAlteration}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/techbar/assets/{id}/return",
              .permission = perm::kTechbarServe,
              .handler = take_back(deps),
              .summary = "The device is back in stock; 409 when it was not on loan",
              .personal_data = http::PersonalData::none()});
}

}  // namespace peel::techbar
