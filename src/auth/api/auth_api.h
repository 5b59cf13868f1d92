// The HTTP API of auth: sign in and out, the signed-in user, user administration and the
// personal-data access log (paths in docs/api.md and the OpenAPI document).
#pragma once

#include <boost/json/object.hpp>

#include "auth/auth.h"
#include "http/http.h"

namespace peel::auth {

void add_session_routes(http::Router& router, AuthService& auth);
void add_user_routes(http::Router& router, AuthService& auth);
void add_access_log_routes(http::Router& router, AuthService& auth);

// The public view of a user (never the password hash).
boost::json::object user_json(const User& user);

}  // namespace peel::auth
