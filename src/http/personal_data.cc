// What a route's answer discloses, found from its declaration (Route::personal_data) rather than
// from each handler, so that one place says what every endpoint logs.
#include <boost/json.hpp>

#include "http/http.h"

namespace peel::http {

namespace json = boost::json;

namespace {

void collect(const json::value& at, std::string_view rest, std::vector<std::string>& out) {
  if (rest.empty()) {
    if (at.is_string()) {
      if (!at.get_string().empty()) out.emplace_back(at.get_string());
    } else if (at.is_int64()) {
      out.push_back(std::to_string(at.get_int64()));
    }
    return;
  }
  // rest is "/step/..."
  const size_t next = rest.find('/', 1);
  const std::string_view step =
      rest.substr(1, next == std::string_view::npos ? rest.npos : next - 1);
  const std::string_view after =
      next == std::string_view::npos ? std::string_view() : rest.substr(next);
  if (step == "*") {
    if (!at.is_array()) return;
    for (const auto& item : at.get_array()) collect(item, after, out);
    return;
  }
  if (!at.is_object()) return;
  const auto* found = at.get_object().if_contains(step);
  if (found) collect(*found, after, out);
}

}  // namespace

std::vector<std::string> subjects_at(const json::value& answer, std::string_view pointer) {
  std::vector<std::string> out;
  if (pointer.empty() || pointer.front() != '/') return out;
  collect(answer, pointer, out);
  return out;
}

}  // namespace peel::http
