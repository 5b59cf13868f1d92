#include <boost/json.hpp>

#include "auth/api/auth_api.h"

namespace peel::auth {

namespace json = boost::json;

json::object user_json(const User& user) {
  json::array permissions;
  for (const auto& p : permissions_of(user.role)) permissions.emplace_back(p);
  json::object o{{"id", user.id},
                 {"username", user.username},
                 {"display_name", user.display_name},
                 {"role", role_name(user.role)},
                 {"permissions", std::move(permissions)},
                 {"disabled", user.disabled},
                 {"must_change_password", user.must_change_password},
                 {"created_at", format_rfc3339(user.created_at)}};
  if (user.locked_until) o["locked_until"] = format_rfc3339(*user.locked_until);
  return o;
}

namespace {

http::Response no_content() { return {204, "application/json", "", {}}; }

http::Handler sign_in(AuthService& auth) {
  return [&auth](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string username = fields->string("username", 1, 64);
    const std::string password = fields->string("password", 1, 256);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    auto login = auth.login(username, password, c.origin());
    if (!login) return std::move(login).error();
    return http::json_response(201, json::object{{"token", login->token},
                                                 {"expires_at", format_rfc3339(login->expires_at)},
                                                 {"user", user_json(login->user)}});
  };
}

Result<http::Response> current_session(http::Context& c) {
  return http::json_response(200,
                             json::object{{"expires_at", format_rfc3339(c.principal->expires_at)},
                                          {"user", user_json(c.principal->user)}});
}

http::Handler sign_out(AuthService& auth) {
  return [&auth](http::Context& c) -> Result<http::Response> {
    if (Status s = auth.logout(c.token, c.origin()); !s) return std::move(s).error();
    return no_content();
  };
}

http::Handler change_password(AuthService& auth) {
  return [&auth](http::Context& c) -> Result<http::Response> {
    auto fields = http::JsonFields::parse(c.request.body);
    if (!fields) return std::move(fields).error();
    const std::string current = fields->string("current_password", 1, 256);
    const std::string next = fields->string("new_password", 1, 256);
    if (Status s = fields->finish(); !s) return std::move(s).error();
    if (Status s = auth.change_password(*c.principal, current, next, c.origin()); !s) {
      return std::move(s).error();
    }
    return no_content();
  };
}

Result<http::Response> list_roles(http::Context&) {
  json::array roles;
  for (Role r : all_roles()) {
    json::array permissions;
    for (const auto& p : permissions_of(r)) permissions.emplace_back(p);
    roles.push_back(json::object{{"name", role_name(r)}, {"permissions", std::move(permissions)}});
  }
  return http::json_response(200, json::object{{"items", std::move(roles)}});
}

}  // namespace

void add_session_routes(http::Router& router, AuthService& auth) {
  router.add({.method = "POST",
              .pattern = "/api/v1/session",
              .permission = http::kPublic,
              .handler = sign_in(auth),
              .summary = "Sign in with username and password; returns a token",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/session",
              .permission = http::kSignedIn,
              .handler = current_session,
              .runs_inline = true,
              .allowed_before_password_change = true,
              .summary = "The signed-in user and when the session expires",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "DELETE",
              .pattern = "/api/v1/session",
              .permission = http::kSignedIn,
              .handler = sign_out(auth),
              .allowed_before_password_change = true,
              .summary = "Sign out: the token stops working at once",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/session/password",
              .permission = http::kSignedIn,
              .handler = change_password(auth),
              .allowed_before_password_change = true,
              .summary = "Change your password; your other sessions end",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/roles",
              .permission = http::kSignedIn,
              .handler = list_roles,
              .runs_inline = true,
              .summary = "Roles and their permissions",
              .personal_data = http::PersonalData::none()});
}

}  // namespace peel::auth
