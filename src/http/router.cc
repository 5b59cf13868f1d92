#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <set>
#include <stdexcept>

#include "core/crypto.h"
#include "core/log.h"
#include "http/http.h"
#include "http/idempotency.h"

namespace peel::http {

namespace {

const std::string kEmpty;

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool is_write(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// Bad input is logged with why it was refused (the problem's detail, which names fields, not
// their values); the body itself may carry personal data and is never logged.
void log_refusal(const Request& request, const Match& match, const std::string& path,
                 const Response& response) {
  std::error_code ec;
  const auto problem = boost::json::parse(response.body, ec);
  const auto* detail =
      !ec && problem.is_object() ? problem.as_object().if_contains("detail") : nullptr;
  log::info("http.refused", {{"method", request.method},
                             {"route", match.route ? match.route->pattern : path},
                             {"status", response.status},
                             {"from", request.remote_ip},
                             {"detail", detail ? *detail : boost::json::value()}});
}

}  // namespace

const std::string& Request::header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? kEmpty : it->second;
}

auth::Actor Context::actor() const {
  return principal ? auth::Actor::of(*principal, origin())
                   : auth::Actor{"anonymous", "anonymous", origin()};
}

std::string Context::purpose() const {
  const std::string& header = request.header("peel-purpose");
  if (!header.empty()) return header;
  const auto it = query.find("purpose");
  return it == query.end() ? std::string() : it->second;
}

Router::Router(auth::AuthService& auth, MetricsRegistry& metrics)
    : auth_(auth), metrics_(metrics), idempotency_(std::make_unique<IdempotencyCache>()) {
  auto& latency = metrics_.histogram("peel_http_request_seconds", "HTTP request latency by route",
                                     {{"route", "unmatched"}});
  unmatched_metrics_.latency = &latency;
  for (int c = 1; c <= 5; ++c) {
    unmatched_metrics_.by_class[c] =
        &metrics_.counter("peel_http_requests_total", "HTTP requests by route and status class",
                          {{"route", "unmatched"}, {"code", std::to_string(c) + "xx"}});
  }
}

Router::~Router() = default;

void Router::add(Route route) {
  const std::string name = route.method + " " + route.pattern;
  if (!route.personal_data.declared)
    throw std::logic_error(name + " does not declare the personal data its answer carries");
  if (route.runs_inline && !route.personal_data.subjects.empty())
    throw std::logic_error(name + " carries personal data, so it logs, so it may not run inline");
  routes_.push_back(std::make_unique<Route>(std::move(route)));
  const Route* r = routes_.back().get();
  const std::string label = r->method + " " + r->pattern;
  RouteMetrics m;
  m.latency = &metrics_.histogram("peel_http_request_seconds", "HTTP request latency by route",
                                  {{"route", label}});
  for (int c = 1; c <= 5; ++c) {
    m.by_class[c] =
        &metrics_.counter("peel_http_requests_total", "HTTP requests by route and status class",
                          {{"route", label}, {"code", std::to_string(c) + "xx"}});
  }
  route_metrics_[r] = m;
}

Result<Match> Router::match(const Request& request, std::string& path,
                            std::map<std::string, std::string>& query) const {
  auto url = boost::urls::parse_origin_form(request.target);
  if (!url)
    return Error::malformed("the request target is not a valid path: " + url.error().message());
  path = url->path();
  if (path.empty() || path[0] != '/') path.insert(path.begin(), '/');
  query.clear();
  for (auto param : url->params()) query[param.key] = param.value;

  const auto parts = split_path(path);
  Match found;
  for (const auto& route : routes_) {
    const auto pattern = split_path(route->pattern);
    if (pattern.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool same = true;
    for (size_t i = 0; i < parts.size() && same; ++i) {
      if (pattern[i].size() > 2 && pattern[i].front() == '{' && pattern[i].back() == '}') {
        if (parts[i].empty())
          same = false;
        else
          params[std::string(pattern[i].substr(1, pattern[i].size() - 2))] = parts[i];
      } else {
        same = pattern[i] == parts[i];
      }
    }
    if (!same) continue;
    found.path_known = true;
    if (route->method == request.method || (request.method == "HEAD" && route->method == "GET")) {
      found.route = route.get();
      found.path_params = std::move(params);
      return found;
    }
  }
  return found;
}

Result<auth::Principal> Router::authenticate(const Request& request) const {
  const std::string& authorization = request.header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() ||
      !std::equal(kBearer.begin(), kBearer.end(), authorization.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
    return Error::unauthenticated("sign in first: send Authorization: Bearer <token>");
  }
  return auth_.authenticate(std::string_view(authorization).substr(kBearer.size()));
}

Response Router::handle(const Request& request) const {
  std::string path;
  std::map<std::string, std::string> query;
  auto matched = match(request, path, query);
  if (!matched) {
    Response r = problem_response(matched.error());
    record(nullptr, r.status, std::chrono::steady_clock::now());
    return r;
  }
  return handle(request, *matched, path, std::move(query));
}

Response Router::handle(const Request& request, const Match& match, const std::string& path,
                        std::map<std::string, std::string> query) const {
  const auto start = std::chrono::steady_clock::now();
  Response response;
  try {
    response = run(request, match, path, std::move(query));
  } catch (const std::exception& e) {
    log::error("http.handler_failed",
               {{"route", match.route ? match.route->pattern : path}, {"what", e.what()}});
    response = problem_response(Error::internal(e.what()));
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Cache-Control", "no-store");
  record(match.route, response.status, start);
  if (response.status >= 400 && response.status < 500) log_refusal(request, match, path, response);
  if (log::enabled(log::Level::kDebug)) {
    log::debug("http.request", {{"method", request.method},
                                {"route", match.route ? match.route->pattern : path},
                                {"status", response.status},
                                {"from", request.remote_ip},
                                {"micros", std::chrono::duration_cast<std::chrono::microseconds>(
                                               std::chrono::steady_clock::now() - start)
                                               .count()}});
  }
  return response;
}

Response Router::run(const Request& request, const Match& match, const std::string& path,
                     std::map<std::string, std::string> query) const {
  if (!match.route) {
    if (match.path_known) {
      return problem_response(Error{ErrorCode::kMethodNotAllowed,
                                    "method " + request.method + " is not allowed on " + path,
                                    {},
                                    0});
    }
    return problem_response(Error::not_found("no such resource: " + path));
  }
  const Route& route = *match.route;
  Context context{request, path, std::move(query), match.path_params, nullptr, {}, false};

  std::optional<auth::Principal> principal;
  if (route.permission != kPublic) {
    auto who = authenticate(request);
    if (!who) return problem_response(who.error());
    context.token = request.header("authorization").substr(7);
    principal = std::move(who).value();
    context.principal = &*principal;
    if (principal->user.must_change_password && !route.allowed_before_password_change) {
      return problem_response(Error::forbidden("change your one-time password first"));
    }
    if (route.permission != kSignedIn && !principal->can(route.permission)) {
      return problem_response(Error::forbidden("your role (" +
                                               std::string(auth::role_name(principal->user.role)) +
                                               ") does not allow " + route.permission));
    }
  }

  const bool own_session = route.permission == kPublic || route.permission == kSignedIn;
  if (standby_gate_ && is_write(request.method) && !own_session) {
    if (auto refusal = standby_gate_()) return problem_response(*refusal);
  }

  const std::string& key = request.header("idempotency-key");
  const bool idempotent = principal && is_write(request.method) && !key.empty();
  if (idempotent) {
    if (key.size() > 200)
      return problem_response(Error::invalid("Idempotency-Key", "must be at most 200 characters"));
    const std::string fingerprint = request.method + ' ' + path + ' ' + sha256_hex(request.body);
    Response stored;
    switch (idempotency_->claim(principal->user.id, key, fingerprint, stored)) {
      case IdempotencyCache::Claim::kReplay:
        stored.headers.emplace_back("Idempotent-Replayed", "true");
        return stored;
      case IdempotencyCache::Claim::kInProgress:
        return problem_response(
            Error::conflict("a request with this Idempotency-Key is still in progress"));
      case IdempotencyCache::Claim::kMismatch:
        return problem_response(
            Error::invalid("Idempotency-Key", "was already used for a different request"));
      case IdempotencyCache::Claim::kNew:
        break;
    }
  }
  if (is_write(request.method) && !request.body.empty()) {
    std::string media =
        request.header("content-type").substr(0, request.header("content-type").find(';'));
    while (!media.empty() && media.back() == ' ') media.pop_back();
    for (char& ch : media) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const bool json_kind = route.takes == "application/json" && media.ends_with("+json");
    if (!media.empty() && media != route.takes && !json_kind)
      return problem_response(
          Error::invalid("Content-Type", "must be " + route.takes + ", not " + media), 415);
  }
  const PersonalData& carried = route.personal_data;
  if (!carried.subjects.empty()) {
    const std::string stated = context.purpose();
    if (stated.empty() && carried.usual_purpose.empty())
      return problem_response(Error::invalid(
          "purpose", "state why you are accessing this personal data (a Peel-Purpose header)"));
    if (stated.size() > 500)
      return problem_response(Error::invalid("purpose", "must be at most 500 characters"));
  }
  auto produced = route.handler(context);
  Response response;
  if (produced) {
    response = std::move(produced).value();
    if (response.status >= 200 && response.status < 300 && !carried.subjects.empty() &&
        !context.answer_is_the_callers_own) {
      // Fail closed: an answer whose reading was not logged is not sent.
      if (Status logged = log_disclosure(carried, context, response); !logged)
        response = problem_response(logged.error());
    }
  } else {
    if (produced.error().code == ErrorCode::kInternal) {
      log::error("http.internal_error",
                 {{"route", route.pattern}, {"detail", produced.error().message}});
    }
    response = problem_response(produced.error());
  }
  if (idempotent) idempotency_->complete(principal->user.id, key, response);
  return response;
}

Status Router::log_disclosure(const PersonalData& carried, const Context& context,
                              const Response& response) const {
  boost::system::error_code failed;
  const auto answer = boost::json::parse(response.body, failed);
  if (failed)
    return Error::internal("the answer of " + context.path + " is not JSON, so its reading of " +
                           "personal data cannot be logged");
  // Ids are unique across kinds, so a subject named twice (a person and their own link) is
  // logged once, as the first declaration that names it says.
  std::set<std::string> seen;
  std::vector<auth::AuthService::Subject> subjects;
  for (const Disclosed& d : carried.subjects) {
    for (auto& id : subjects_at(answer, d.at)) {
      if (seen.insert(id).second) subjects.push_back({d.action, d.subject_type, std::move(id)});
    }
  }
  if (subjects.empty()) return {};
  const std::string stated = context.purpose();
  const std::string purpose = stated.empty() ? carried.usual_purpose + " (not stated)" : stated;
  std::string detail = context.request.method + " " + context.request.target;
  if (detail.size() > 300) detail.resize(300);
  return auth_.record_accesses(context.actor(), subjects, purpose, detail);
}

void Router::record(const Route* route, int status,
                    std::chrono::steady_clock::time_point start) const {
  const auto it = route_metrics_.find(route);
  const RouteMetrics& m = it == route_metrics_.end() ? unmatched_metrics_ : it->second;
  m.latency->observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  const int cls = status / 100;
  if (cls >= 1 && cls <= 5) m.by_class[cls]->add();
}

}  // namespace peel::http
