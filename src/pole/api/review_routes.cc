// /api/v1/reviews: the MoPI review queue and the decision to retain.
#include <boost/json.hpp>

#include "pole/api/pole_json.h"
#include "pole/api/routes.h"

namespace peel::pole {

namespace json = boost::json;
namespace perm = auth::permission;
using auth::AccessAction;

namespace {

json::object review_json(const RegisteredRecord& r) {
  return {{"id", r.id},
          {"kind", r.kind},
          {"mopi_group", r.mopi_group},
          {"review_due", format_date(r.review_due)}};
}

http::Handler list_due(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const auto it = c.query.find("due_by");
    auto by = read_date(it == c.query.end() ? std::nullopt : std::optional(it->second), "due_by");
    if (!by) return std::move(by).error();
    auto limit = http::limit_param(c, 100, 1000);
    if (!limit) return std::move(limit).error();
    auto due =
        deps.pole.reviews.due(by->value_or(date_of(deps.clock.now())), static_cast<size_t>(*limit));
    if (!due) return std::move(due).error();
    json::array items;
    for (const auto& d : *due) {
      json::object item = review_json(d.record);
      item["label"] = d.label;
      items.push_back(std::move(item));
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler retain(const PoleApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string reason = fields->string("reason", 1, 1000);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto kept = deps.pole.reviews.retain(c.path_params.at("id"), reason, c.actor());
    if (!kept) return std::move(kept).error();
    return http::json_response(200, review_json(*kept));
  };
}

}  // namespace

void add_review_routes(http::Router& router, const PoleApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/reviews",
              .permission = perm::kPoleReview,
              .handler = list_due(deps),
              .summary = "Records due for MoPI review by ?due_by=YYYY-MM-DD (default today)",
              .personal_data = http::PersonalData::stated_purpose({{"record", "/items/*/id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/reviews/{id}/retain",
              .permission = perm::kPoleReview,
              .handler = retain(deps),
              .summary = "Reviewed and kept (reason): due again after its group's period",
              .personal_data = http::PersonalData::usual(
                  "MoPI review", {{"record", "/id", AccessAction::kAlteration}})});
}

}  // namespace peel::pole
