// The HTTP API layer: requests and responses as plain values, a router that authenticates and
// authorises every request before a handler sees it (deny by default), RFC 9457 problem
// details for every failure, and the JSON helpers handlers use to read bodies strictly.
// The socket side (Boost.Beast) is in server.h; nothing here touches a socket, so the whole
// request pipeline is testable and fuzzable in-process.
#pragma once

#include <array>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/auth.h"
#include "core/metrics.h"
#include "core/result.h"

namespace peel::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received: "/api/v1/users?limit=10"
  std::string body;
  std::string remote_ip;
  std::map<std::string, std::string> headers;  // names lower-case

  const std::string& header(const std::string& lower_name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// A JSON response.
Response json_response(int status, const boost::json::value& body);
// RFC 9457 problem details (application/problem+json) for an error; status from its code.
// `status` overrides the one the code implies, for statuses with no code of their own (426).
Response problem_response(const Error& error, int status = 0);
// What a problem says of an error, for other carriers (a WebSocket error frame): "detail" (an
// internal error's is not shown) and "errors": [{field, reason}].
void add_problem_detail(boost::json::object& out, const Error& error);
int status_of(ErrorCode code);

// What a handler sees.
struct Context {
  const Request& request;
  std::string path;                                // decoded
  std::map<std::string, std::string> query;        // decoded
  std::map<std::string, std::string> path_params;  // "{id}" in the route -> value
  const auth::Principal* principal = nullptr;      // null only on public routes
  std::string token;                               // the bearer token presented, if any
  // Set by a handler whose answer is the caller's own data (their duty record, the form they
  // sent): nobody else's data is read, so the router logs nothing for it.
  bool answer_is_the_callers_own = false;

  auth::Origin origin() const { return {request.remote_ip}; }
  auth::Actor actor() const;
  // The stated purpose of opening personal data (Peel-Purpose header or ?purpose=).
  std::string purpose() const;
};

using Handler = std::function<Result<Response>(Context&)>;

// The personal data a route's answer carries, declared with the route: the one place that says
// what an endpoint writes to the access log (DPA 2018 s.62). The router, not the handler, logs
// it: after a 2xx answer, one access record per subject the answer names, with the purpose the
// caller stated. Shown in the OpenAPI document as x-peel-personal-data.
struct Disclosed {
  std::string subject_type;  // "person", "incident", "staff", ...
  // Where the answer names the subjects: a JSON pointer to their ids in which "*" steps into
  // every item of an array ("/id", "/items/*/id").
  std::string at;
  auth::AccessAction action = auth::AccessAction::kConsultation;
};

struct PersonalData {
  std::vector<Disclosed> subjects;  // empty: the answer carries none
  // Logged, marked "(not stated)", when the caller states no purpose; empty: the caller must
  // state one, or is refused (400) before anything is read.
  std::string usual_purpose;
  bool declared = false;  // a route that says nothing is refused when added

  static PersonalData none() { return {{}, {}, true}; }
  // Answers that only those stating why may have (Records, users, the access log).
  static PersonalData stated_purpose(std::vector<Disclosed> subjects) {
    return {std::move(subjects), {}, true};
  }
  // Answers that serve one purpose (an incident to a dispatcher: "command and control").
  static PersonalData usual(std::string purpose, std::vector<Disclosed> subjects) {
    return {std::move(subjects), std::move(purpose), true};
  }
};

// The ids an answer names at a Disclosed's pointer (strings as they are, integers in decimal);
// what is not there names nobody.
std::vector<std::string> subjects_at(const boost::json::value& answer, std::string_view pointer);

inline constexpr const char* kPublic = "public";       // no session needed
inline constexpr const char* kSignedIn = "signed_in";  // any valid session

struct Route {
  std::string method;
  std::string pattern;     // "/api/v1/users/{id}/disable"
  std::string permission;  // kPublic, kSignedIn, or a permission name such as "users.manage"
  Handler handler;
  // Handlers that only read memory run on the I/O thread; the rest (store, event log, argon2)
  // run on the worker pool so that a slow one never stalls other connections.
  bool runs_inline = false;
  // Still allowed while the user must change a one-time password.
  bool allowed_before_password_change = false;
  std::string summary;  // one line for the OpenAPI document
  PersonalData personal_data;
  // The media type of the body it takes; another declared type is 415 (a body sent without a
  // Content-Type is read as this).
  std::string takes = "application/json";
};

class IdempotencyCache;

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> path_params;
  bool path_known = false;  // some route has this path, with another method (405)
};

class Router {
 public:
  Router(auth::AuthService& auth, MetricsRegistry& metrics);
  ~Router();

  void add(Route route);
  // Asked before every write that needs a permission: an error refuses it, as 503 with
  // Retry-After when this server stands by. Signing in, out and one's own password (public and
  // signed-in routes) are taken by any server. REQUIRES: set before serving.
  using StandbyGate = std::function<std::optional<Error>()>;
  void set_standby_gate(StandbyGate gate) { standby_gate_ = std::move(gate); }
  // Finds the route for a request; a parse failure of the target is an error (400).
  Result<Match> match(const Request& request, std::string& path,
                      std::map<std::string, std::string>& query) const;
  // The session a request's "Authorization: Bearer <token>" names.
  Result<auth::Principal> authenticate(const Request& request) const;
  // Authenticates, authorises, applies idempotency and runs the handler. Never throws.
  Response handle(const Request& request) const;
  Response handle(const Request& request, const Match& match, const std::string& path,
                  std::map<std::string, std::string> query) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  struct RouteMetrics {
    Histogram* latency;
    std::array<Counter*, 6> by_class;  // 1xx..5xx, index 0 unused
  };
  Response run(const Request& request, const Match& match, const std::string& path,
               std::map<std::string, std::string> query) const;
  void record(const Route* route, int status, std::chrono::steady_clock::time_point start) const;
  // Writes an access record per subject a 2xx answer names (Route::personal_data).
  Status log_disclosure(const PersonalData& carried, const Context& context,
                        const Response& response) const;

  auth::AuthService& auth_;
  MetricsRegistry& metrics_;
  std::vector<std::unique_ptr<Route>> routes_;
  std::unordered_map<const Route*, RouteMetrics> route_metrics_;
  RouteMetrics unmatched_metrics_;
  std::unique_ptr<IdempotencyCache> idempotency_;
  StandbyGate standby_gate_;
};

// Strict reading of JSON request bodies: the body must be one JSON object; every field is
// checked for type and range; every problem is collected so the client can fix them all at
// once; fields the endpoint does not know are refused (a typo must not pass silently).
class JsonFields {
 public:
  static Result<JsonFields> parse(std::string_view body);
  // A message already parsed (a WebSocket frame).
  static JsonFields of(boost::json::object object) { return {std::move(object), ""}; }

  std::string string(const char* name, size_t min_length, size_t max_length);
  std::optional<std::string> optional_string(const char* name, size_t max_length);
  bool boolean(const char* name, bool fallback);
  std::optional<bool> optional_boolean(const char* name);
  std::optional<double> optional_number(const char* name, double min, double max);
  double number(const char* name, double min, double max);
  std::vector<std::string> string_list(const char* name, size_t max_items, size_t max_length);
  // A nested object, read with the same rules; its problems are named "outer.inner" and come
  // back into this reader with absorb(). Empty when absent (or not an object: an error).
  std::optional<JsonFields> optional_object(const char* name);
  // A nested object taken as it is, for a caller that checks it by rules of its own (a
  // process's form fields). Empty when absent (or not an object: an error).
  std::optional<boost::json::object> optional_json_object(const char* name);
  // Each object of an array, named "name[i]"; min_items to max_items of them (with min_items
  // 0 the field may also be absent).
  std::vector<JsonFields> object_list(const char* name, size_t max_items, size_t min_items = 1);
  void absorb(const JsonFields& nested);
  // A field's name as its errors name it: "add[2].start" in a nested object.
  std::string name_of(const char* name) const { return prefix_ + name; }
  // Ok when every field read was valid and no unknown field is present.
  Status finish() const;

 private:
  JsonFields(boost::json::object object, std::string prefix)
      : object_(std::move(object)), prefix_(std::move(prefix)) {}
  const boost::json::value* take(const char* name);
  void problem(const char* name, std::string reason);
  std::vector<FieldError> problems() const;

  boost::json::object object_;
  std::string prefix_;  // "location." for a nested object
  std::vector<std::string> seen_;
  std::vector<FieldError> errors_;
};

// The address a request came from. Behind a reverse proxy the peer is the proxy, so when the
// peer is one of `trusted_proxies`, the X-Forwarded-For chain is read from the right, skipping
// trusted proxies; the first other address is the client. Anything unparsable stops the walk.
std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

// Reads ?limit= (1..max, default fallback).
Result<int> limit_param(const Context& context, int fallback, int max);

// A time in RFC 3339, named `field` in the error; nullopt when absent.
Result<std::optional<Timestamp>> read_time(const std::optional<std::string>& text,
                                           const char* field);

}  // namespace peel::http
