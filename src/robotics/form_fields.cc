#include "robotics/form_fields.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <regex>
#include <set>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/csv.h"
#include "core/json_text.h"

namespace peel::robotics {

namespace json = boost::json;

namespace {

bool real_date(const std::string& text) {
  static const std::regex form(R"(\d{4}-\d{2}-\d{2})");
  if (!std::regex_match(text, form)) return false;
  const std::chrono::year_month_day day{
      std::chrono::year{std::stoi(text.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
  return day.ok();
}

// The canonical form of `value` for `type`, or nullopt with `why` when it is not one.
std::optional<std::string> canonical(const std::string& type, const std::string& value,
                                     std::string& why) {
  if (type == "text") return value;
  if (type == "date") {
    if (real_date(value)) return value;
    why = "must be a date, YYYY-MM-DD";
  } else if (type == "datetime") {
    if (parse_rfc3339(value)) return value;
    why = "must be a time, RFC 3339 (2026-11-24T09:30:00Z)";
  } else if (type == "email") {
    static const std::regex email(R"([^@\s]+@[^@\s]+\.[^@\s]+)");
    if (std::regex_match(value, email)) return value;
    why = "must be an email address";
  } else if (type == "phone") {
    static const std::regex phone(R"(\+?[0-9][0-9 ()-]{6,18}[0-9])");
    if (std::regex_match(value, phone)) return value;
    why = "must be a telephone number";
  } else if (type == "postcode") {
    std::string compact;
    for (const char c : value) {
      if (c != ' ') compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    static const std::regex postcode(R"([A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})");
    if (std::regex_match(compact, postcode)) return compact.insert(compact.size() - 3, " ");
    why = "must be a UK postcode";
  } else if (type == "number") {
    static const std::regex number(R"(-?[0-9]+(\.[0-9]+)?)");
    if (std::regex_match(value, number)) return value;
    why = "must be a number";
  }
  return std::nullopt;
}

// A date after today, or a time more than a few minutes ahead (the grace Records gives the
// clocks of devices at the scene).
bool in_future(const std::string& type, const std::string& value, Timestamp now) {
  if (type == "date") return value > format_rfc3339(now).substr(0, 10);
  const auto at = parse_rfc3339(value);
  return at && *at > now + std::chrono::minutes(5);
}

}  // namespace

Result<std::string> checked_fields(const ProcessDefinition& process, const std::string& input,
                                   Timestamp now) {
  boost::system::error_code ec;
  const json::value doc = json::parse(input, ec);
  if (ec || !doc.is_object()) return Error::invalid("body", "must be a JSON object of the fields");
  std::vector<FieldError> problems;
  json::object out;
  std::set<std::string> known;
  for (const auto& spec : process.fields) {
    known.insert(spec.name);
    const json::value* v = doc.as_object().if_contains(spec.name);
    if (!v || v->is_null() || (v->is_string() && trimmed(std::string(v->as_string())).empty())) {
      if (spec.required) problems.push_back({spec.name, "is required"});
      continue;
    }
    if (!v->is_string() && !(spec.type == "number" && v->is_number())) {
      problems.push_back({spec.name, "must be text"});
      continue;
    }
    const std::string value = v->is_string()  ? trimmed(std::string(v->as_string()))
                              : v->is_int64() ? std::to_string(v->as_int64())
                                              : fmt::format("{}", v->to_number<double>());
    if (value.size() > spec.max_length) {
      problems.push_back(
          {spec.name, "must be at most " + std::to_string(spec.max_length) + " characters"});
      continue;
    }
    if (spec.type == "choice") {
      if (std::find(spec.options.begin(), spec.options.end(), value) == spec.options.end())
        problems.push_back({spec.name, "must be one of the choices offered"});
      else
        out[spec.name] = value;
      continue;
    }
    std::string why;
    const auto good = canonical(spec.type, value, why);
    if (!good) {
      problems.push_back({spec.name, why});
      continue;
    }
    if (spec.past && in_future(spec.type, *good, now)) {
      problems.push_back({spec.name, "must not be in the future"});
      continue;
    }
    out[spec.name] = *good;
  }
  for (const auto& member : doc.as_object()) {
    if (!known.contains(std::string(member.key())))
      problems.push_back({std::string(member.key()), "is not a field of this form"});
  }
  if (!problems.empty()) {
    Error e = Error::invalid(problems.front().field, problems.front().reason);
    e.fields = std::move(problems);
    return e;
  }
  return json_text(out);
}

std::string fields_digest(const ProcessDefinition& process, const std::string& checked) {
  return sha256_hex(process.id + "\n" + checked).substr(0, 32);
}

}  // namespace peel::robotics
