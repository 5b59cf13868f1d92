#include <boost/json.hpp>
#include <charconv>
#include <optional>
#include <set>
#include <sstream>

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

// The first key that an object of `text` (valid JSON) names twice. A parser keeps one of the
// two, and which one differs between parsers: a proxy or an audit tool may read the other.
std::optional<std::string> first_repeated_key(std::string_view text) {
  struct Level {
    bool object;
    bool expecting_key;
    std::set<std::string> keys;
  };
  std::vector<Level> levels;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' || c == '[') {
      levels.push_back({c == '{', c == '{', {}});
    } else if (c == '}' || c == ']') {
      if (!levels.empty()) levels.pop_back();
    } else if (c == ',') {
      if (!levels.empty() && levels.back().object) levels.back().expecting_key = true;
    } else if (c == '"') {
      const size_t start = i;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      if (levels.empty() || !levels.back().expecting_key) continue;
      levels.back().expecting_key = false;
      std::error_code ec;
      const auto key = json::parse(text.substr(start, i - start + 1), ec);
      if (ec || !key.is_string()) continue;
      std::string name(key.get_string());
      if (!levels.back().keys.insert(name).second) return name;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<JsonFields> JsonFields::parse(std::string_view body) {
  json::parse_options options;
  options.max_depth = 32;
  std::error_code ec;
  json::value value = json::parse(json::string_view(body.data(), body.size()), ec, {}, options);
  if (ec) return Error::malformed("the body is not valid JSON: " + ec.message());
  if (!value.is_object()) return Error::malformed("the body must be a JSON object");
  if (auto repeated = first_repeated_key(body))
    return Error::invalid(*repeated, "is given twice; give each field once");
  return JsonFields(std::move(value.as_object()), "");
}

const json::value* JsonFields::take(const char* name) {
  seen_.emplace_back(name);
  const auto* v = object_.if_contains(name);
  return v && !v->is_null() ? v : nullptr;
}

std::string JsonFields::string(const char* name, size_t min_length, size_t max_length) {
  const auto* v = take(name);
  if (!v) {
    problem(name, "is required");
    return {};
  }
  if (!v->is_string()) {
    problem(name, "must be a string");
    return {};
  }
  std::string s(v->as_string());
  const size_t length = utf8_length(s);
  if (length < min_length || length > max_length) {
    problem(name, min_length == max_length ? "must be " + std::to_string(min_length) + " characters"
                                           : "must be " + std::to_string(min_length) + " to " +
                                                 std::to_string(max_length) + " characters");
  } else if (has_control_characters(s)) {
    problem(name, "must not contain control characters");
  }
  return s;
}

std::optional<std::string> JsonFields::optional_string(const char* name, size_t max_length) {
  const auto* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    problem(name, "must be a string");
    return std::nullopt;
  }
  std::string s(v->as_string());
  if (utf8_length(s) > max_length) {
    problem(name, "must be at most " + std::to_string(max_length) + " characters");
  } else if (has_control_characters(s)) {
    problem(name, "must not contain control characters");
  }
  return s;
}

bool JsonFields::boolean(const char* name, bool fallback) {
  return optional_boolean(name).value_or(fallback);
}

std::optional<bool> JsonFields::optional_boolean(const char* name) {
  const auto* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    problem(name, "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

void JsonFields::problem(const char* name, std::string reason) {
  errors_.push_back({prefix_ + name, std::move(reason)});
}

std::optional<double> JsonFields::optional_number(const char* name, double min, double max) {
  const auto* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    problem(name, "must be a number");
    return std::nullopt;
  }
  const double d = v->to_number<double>();
  if (!(d >= min && d <= max)) {
    std::ostringstream range;
    range << "must be from " << min << " to " << max;
    problem(name, range.str());
    return std::nullopt;
  }
  return d;
}

double JsonFields::number(const char* name, double min, double max) {
  if (!object_.if_contains(name) || object_.at(name).is_null()) {
    take(name);
    problem(name, "is required");
    return min;
  }
  return optional_number(name, min, max).value_or(min);
}

std::vector<std::string> JsonFields::string_list(const char* name, size_t max_items,
                                                 size_t max_length) {
  std::vector<std::string> out;
  const auto* v = take(name);
  if (!v) return out;
  if (!v->is_array() || v->as_array().size() > max_items) {
    problem(name, "must be a list of at most " + std::to_string(max_items) + " strings");
    return out;
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_string() || item.as_string().empty() ||
        utf8_length(item.as_string()) > max_length || has_control_characters(item.as_string())) {
      problem(name, "must hold strings of 1 to " + std::to_string(max_length) + " characters");
      return {};
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

std::optional<JsonFields> JsonFields::optional_object(const char* name) {
  const auto* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    problem(name, "must be an object");
    return std::nullopt;
  }
  return JsonFields(v->as_object(), prefix_ + name + ".");
}

std::optional<boost::json::object> JsonFields::optional_json_object(const char* name) {
  const auto* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    problem(name, "must be an object");
    return std::nullopt;
  }
  return v->as_object();
}

std::vector<JsonFields> JsonFields::object_list(const char* name, size_t max_items,
                                                size_t min_items) {
  std::vector<JsonFields> out;
  const auto* v = take(name);
  if (!v && min_items == 0) return out;
  if (!v || !v->is_array() || v->as_array().size() < min_items ||
      v->as_array().size() > max_items) {
    problem(name, "must be a list of " + std::to_string(min_items) + " to " +
                      std::to_string(max_items) + " objects");
    return out;
  }
  const auto& items = v->as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string item_name = prefix_ + name + "[" + std::to_string(i) + "]";
    if (!items[i].is_object()) {
      errors_.push_back({item_name, "must be an object"});
      continue;
    }
    out.push_back(JsonFields(items[i].as_object(), item_name + "."));
  }
  return out;
}

void JsonFields::absorb(const JsonFields& nested) {
  for (auto& p : nested.problems()) errors_.push_back(std::move(p));
}

std::vector<FieldError> JsonFields::problems() const {
  std::vector<FieldError> all = errors_;
  for (const auto& [key, value] : object_) {
    if (std::find(seen_.begin(), seen_.end(), std::string_view(key)) == seen_.end()) {
      all.push_back({prefix_ + std::string(key), "is not a field of this request"});
    }
  }
  return all;
}

Status JsonFields::finish() const {
  std::vector<FieldError> all = problems();
  if (all.empty()) return {};
  std::string message = all.front().field + ": " + all.front().reason;
  if (all.size() > 1) message += " (and " + std::to_string(all.size() - 1) + " more)";
  return Error{ErrorCode::kInvalid, message, std::move(all), 0};
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

Result<std::optional<Timestamp>> read_time(const std::optional<std::string>& text,
                                           const char* field) {
  if (!text) return std::optional<Timestamp>();
  const auto t = parse_rfc3339(*text);
  if (!t) return Error::invalid(field, "must be a time, RFC 3339 (2026-11-24T09:30:00Z)");
  return std::optional<Timestamp>(*t);
}

}  // namespace peel::http
