#include <boost/json.hpp>
#include <charconv>

#include "http/http.h"

namespace peel::http {

namespace json = boost::json;

namespace {

// Characters that must not appear in a text field: C0 controls other than tab and newline.
bool has_control_characters(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return true;
  }
  return false;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xc0) != 0x80;
  return n;
}

}  // namespace

Result<JsonFields> JsonFields::parse(std::string_view body) {
  json::parse_options options;
  options.max_depth = 32;
  std::error_code ec;
  json::value value = json::parse(json::string_view(body.data(), body.size()), ec, {}, options);
  if (ec) return Error::malformed("the body is not valid JSON: " + ec.message());
  if (!value.is_object()) return Error::malformed("the body must be a JSON object");
  return JsonFields(std::move(value.as_object()));
}

const json::value* JsonFields::take(const char* name) {
  seen_.emplace_back(name);
  const auto* v = object_.if_contains(name);
  return v && !v->is_null() ? v : nullptr;
}

std::string JsonFields::string(const char* name, size_t min_length, size_t max_length) {
  const auto* v = take(name);
  if (!v) {
    errors_.push_back({name, "is required"});
    return {};
  }
  if (!v->is_string()) {
    errors_.push_back({name, "must be a string"});
    return {};
  }
  std::string s(v->as_string());
  const size_t length = utf8_length(s);
  if (length < min_length || length > max_length) {
    errors_.push_back({name, min_length == max_length
                                 ? "must be " + std::to_string(min_length) + " characters"
                                 : "must be " + std::to_string(min_length) + " to " +
                                       std::to_string(max_length) + " characters"});
  } else if (has_control_characters(s)) {
    errors_.push_back({name, "must not contain control characters"});
  }
  return s;
}

std::optional<std::string> JsonFields::optional_string(const char* name, size_t max_length) {
  const auto* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.push_back({name, "must be a string"});
    return std::nullopt;
  }
  std::string s(v->as_string());
  if (utf8_length(s) > max_length) {
    errors_.push_back({name, "must be at most " + std::to_string(max_length) + " characters"});
  } else if (has_control_characters(s)) {
    errors_.push_back({name, "must not contain control characters"});
  }
  return s;
}

bool JsonFields::boolean(const char* name, bool fallback) {
  const auto* v = take(name);
  if (!v) return fallback;
  if (!v->is_bool()) {
    errors_.push_back({name, "must be true or false"});
    return fallback;
  }
  return v->as_bool();
}

Status JsonFields::finish() const {
  std::vector<FieldError> all = errors_;
  for (const auto& [key, value] : object_) {
    if (std::find(seen_.begin(), seen_.end(), std::string_view(key)) == seen_.end()) {
      all.push_back({std::string(key), "is not a field of this request"});
    }
  }
  if (all.empty()) return {};
  std::string message = all.front().field + ": " + all.front().reason;
  if (all.size() > 1) message += " (and " + std::to_string(all.size() - 1) + " more)";
  return Error{ErrorCode::kInvalid, message, std::move(all)};
}

Result<int> limit_param(const Context& context, int fallback, int max) {
  const auto it = context.query.find("limit");
  if (it == context.query.end()) return fallback;
  int value = 0;
  const auto& text = it->second;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > max) {
    return Error::invalid("limit", "must be a whole number from 1 to " + std::to_string(max));
  }
  return value;
}

}  // namespace peel::http
