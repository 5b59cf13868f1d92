#include <boost/json.hpp>

#include "auth/api/auth_api.h"
#include "auth/passwords.h"

namespace peel::auth {

namespace json = boost::json;

namespace {

http::Handler list_users(AuthService& auth) {
  return [&auth](http::Context& c) -> Result<http::Response> {
    auto limit = http::limit_param(c, 100, 1000);
    if (!limit) return std::move(limit).error();
    const auto cursor = c.query.count("cursor") ? c.query.at("cursor") : std::string();
    json::array items;
    std::string next_cursor;
    for (const auto& u : auth.users()) {
      if (!cursor.empty() && u.username <= cursor) continue;
      if (static_cast<int>(items.size()) == *limit) {
        next_cursor = items.back().as_object().at("username").as_string().c_str();
        break;
      }
      items.push_back(user_json(u));
    }
    return http::json_response(
        200, json::object{
                 {"items", std::move(items)},
                 {"next_cursor", next_cursor.empty() ? json::value() : json::value(next_cursor)}});
  };
}

http::Handler get_user(AuthService& auth) {
  return [&auth](http::Context& c) -> Result<http::Response> {
    const auto user = auth.find_user(c.path_params.at("id"));
    if (!user) return Error::not_found("no user " + c.path_params.at("id"));
    return http::json_response(200, user_json(*user));
  };
}

http::Handler create_user(AuthService& auth) {
  return [&auth](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    NewUser request;
    request.username = fields->string("username", 3, 64);
    request.display_name = fields->string("display_name", 1, 200);
    request.role = fields->string("role", 1, 64);
    const auto password = fields->optional_string("password", 256);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    // Without a password, a one-time password is made and shown once. Any password an
    // administrator sets is one-time too: the user changes it at first sign-in, so no
    // administrator knows another's password (separation of duties).
    request.password = password.value_or(generate_password());
    request.must_change_password = true;
    auto user = auth.add_user(request, c.actor());
    if (!user) return std::move(user).error();
    json::object body = user_json(*user);
    if (!password) body["one_time_password"] = request.password;
    auto response = http::json_response(201, body);
    response.headers.emplace_back("Location", "/api/v1/users/" + user->id);
    return response;
  };
}

http::Handler disable_user(AuthService& auth) {
  return [&auth](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string reason = fields->string("reason", 1, 500);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto user = auth.disable_user(c.path_params.at("id"), reason, c.actor());
    if (!user) return std::move(user).error();
    return http::json_response(200, user_json(*user));
  };
}

http::Handler unlock_user(AuthService& auth) {
  return [&auth](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string reason = fields->string("reason", 1, 500);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto user = auth.unlock_user(c.path_params.at("id"), reason, c.actor());
    if (!user) return std::move(user).error();
    return http::json_response(200, user_json(*user));
  };
}

}  // namespace

void add_user_routes(http::Router& router, AuthService& auth) {
  router.add({.method = "GET",
              .pattern = "/api/v1/users",
              .permission = permission::kUsersRead,
              .handler = list_users(auth),
              .summary = "List users (needs a Peel-Purpose header; the access is logged)",
              .personal_data = http::PersonalData::stated_purpose({{"user", "/items/*/id"}})});
  router.add({.method = "GET",
              .pattern = "/api/v1/users/{id}",
              .permission = permission::kUsersRead,
              .handler = get_user(auth),
              .summary = "One user by id or username (needs a Peel-Purpose header; logged)",
              .personal_data = http::PersonalData::stated_purpose({{"user", "/id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/users",
              .permission = permission::kUsersManage,
              .handler = create_user(auth),
              .summary = "Create a user; without a password, a one-time password is returned once",
              .personal_data = http::PersonalData::usual(
                  "account administration", {{"user", "/id", AccessAction::kCollection}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/users/{id}/disable",
              .permission = permission::kUsersManage,
              .handler = disable_user(auth),
              .summary = "Disable a user (with a reason) and end their sessions",
              .personal_data = http::PersonalData::usual(
                  "account administration", {{"user", "/id", AccessAction::kAlteration}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/users/{id}/unlock",
              .permission = permission::kUsersUnlock,
              .handler = unlock_user(auth),
              .summary = "Let a locked-out user sign in again (with a reason); by a supervisor "
                         "or an administrator, not for oneself",
              .personal_data = http::PersonalData::usual(
                  "account administration", {{"user", "/id", AccessAction::kAlteration}})});
}

}  // namespace peel::auth
