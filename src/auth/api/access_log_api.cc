#include <boost/json.hpp>

#include "auth/api/auth_api.h"

namespace peel::auth {

namespace json = boost::json;

namespace {

Result<std::optional<Timestamp>> time_param(const http::Context& c, const char* name) {
  const auto it = c.query.find(name);
  if (it == c.query.end()) return std::optional<Timestamp>();
  auto t = parse_rfc3339(it->second);
  if (!t) return Error::invalid(name, "must be an RFC 3339 time, e.g. 2026-11-23T09:00:00Z");
  return std::optional<Timestamp>(*t);
}

std::optional<std::string> text_param(const http::Context& c, const char* name) {
  const auto it = c.query.find(name);
  if (it == c.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

http::Handler query_access_log(AuthService& auth) {
  return [&auth](http::Context& c) -> Result<http::Response> {
    AccessQuery q;
    auto limit = http::limit_param(c, 100, 1000);
    if (!limit) return std::move(limit).error();
    q.limit = *limit;
    auto from = time_param(c, "from");
    if (!from) return std::move(from).error();
    auto to = time_param(c, "to");
    if (!to) return std::move(to).error();
    q.from = *from;
    q.to = *to;
    q.actor_id = text_param(c, "actor");
    q.subject_type = text_param(c, "subject_type");
    q.subject_id = text_param(c, "subject_id");
    q.cursor = text_param(c, "cursor").value_or("");
    // Reading who looked at what is itself a consultation of personal data.
    auto page = auth.access_log(q);
    if (!page) return std::move(page).error();
    json::array items;
    for (const auto& r : page->items) {
      items.push_back(json::object{{"id", r.id},
                                   {"at", format_rfc3339(r.at)},
                                   {"actor_id", r.actor_id},
                                   {"actor_username", r.actor_username},
                                   {"ip", r.ip},
                                   {"action", access_action_name(r.action)},
                                   {"subject_type", r.subject_type},
                                   {"subject_id", r.subject_id},
                                   {"purpose", r.purpose},
                                   {"detail", r.detail}});
    }
    return http::json_response(
        200,
        json::object{{"items", std::move(items)},
                     {"next_cursor",
                      page->next_cursor.empty() ? json::value() : json::value(page->next_cursor)}});
  };
}

}  // namespace

void add_access_log_routes(http::Router& router, AuthService& auth) {
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/access-log",
       .permission = permission::kAccessLogRead,
       .handler = query_access_log(auth),
       .summary = "Who accessed which personal data, when, from where and why (DPA 2018 s.62)",
       .personal_data = http::PersonalData::stated_purpose({{"user", "/items/*/actor_id"}})});
}

}  // namespace peel::auth
