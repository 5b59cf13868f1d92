#include <boost/json.hpp>

#include "core/json_text.h"
#include "http/http.h"

namespace peel::http {

namespace json = boost::json;

int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kInvalid:
      return 422;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {

const char* title_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed:
      return "Malformed request";
    case ErrorCode::kUnauthenticated:
      return "Not signed in";
    case ErrorCode::kForbidden:
      return "Not permitted";
    case ErrorCode::kNotFound:
      return "Not found";
    case ErrorCode::kMethodNotAllowed:
      return "Method not allowed";
    case ErrorCode::kConflict:
      return "Conflicts with the current state";
    case ErrorCode::kTooLarge:
      return "Too large";
    case ErrorCode::kInvalid:
      return "Invalid request";
    case ErrorCode::kTooManyRequests:
      return "Too many requests";
    case ErrorCode::kUnavailable:
      return "Service unavailable";
    case ErrorCode::kInternal:
      return "Internal error";
  }
  return "Internal error";
}

}  // namespace

Response json_response(int status, const json::value& body) {
  return {status, "application/json", json_text(body), {}};
}

void add_problem_detail(json::object& out, const Error& error) {
  // Internal errors are logged with their detail; the client is not told our insides.
  // A detail naming what was asked for ("no resource <id>") is cut short, so a client's
  // 10,000-character id is not sent back to it.
  constexpr size_t kLongestDetail = 300;
  std::string detail = error.message;
  if (detail.size() > kLongestDetail) {
    size_t cut = kLongestDetail;
    while (cut > 0 && (static_cast<unsigned char>(detail[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    detail = detail.substr(0, cut) + "…";
  }
  out["detail"] = error.code == ErrorCode::kInternal
                      ? "an internal error occurred; it has been logged"
                      : detail;
  if (!error.fields.empty()) {
    json::array errors;
    for (const auto& f : error.fields)
      errors.push_back(json::object{{"field", f.field}, {"reason", f.reason}});
    out["errors"] = std::move(errors);
  }
}

Response problem_response(const Error& error, int status) {
  if (status == 0) status = status_of(error.code);
  json::object problem{
      {"type", std::string("urn:peel:problem:") + error_code_name(error.code)},
      {"title", title_of(error.code)},
      {"status", status},
  };
  add_problem_detail(problem, error);
  Response r{status, "application/problem+json", json_text(problem), {}};
  if (error.code == ErrorCode::kUnauthenticated)
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
  // The store is briefly away (a failover, a full pool) or this server stands by: a client may
  // try again in a moment.
  if (status == 503 || status == 429)
    r.headers.emplace_back(
        "Retry-After",
        std::to_string(error.retry_after_seconds > 0 ? error.retry_after_seconds : 2));
  return r;
}

}  // namespace peel::http
