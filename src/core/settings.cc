#include "core/settings.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace peel {

namespace {

void flatten(const toml::table& table, const std::string& prefix,
             std::map<std::string, std::string>& out) {
  for (const auto& [key, node] : table) {
    const std::string name =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      flatten(*sub, name, out);
    } else if (const auto* s = node.as_string()) {
      out[name] = s->get();
    } else if (const auto* i = node.as_integer()) {
      out[name] = std::to_string(i->get());
    } else if (const auto* b = node.as_boolean()) {
      out[name] = b->get() ? "true" : "false";
    } else if (const auto* f = node.as_floating_point()) {
      out[name] = std::to_string(f->get());
    }
  }
}

}  // namespace

Result<Settings> Settings::from_toml_file(const std::string& path) {
  Settings settings;
  if (std::FILE* f = std::fopen(path.c_str(), "r")) {
    std::fclose(f);
  } else {
    return Error::invalid("config", "cannot read " + path);
  }
  try {
    const toml::table table = toml::parse_file(path);
    flatten(table, "", settings.values_);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return Error::invalid(
        "config", path + ":" + std::to_string(where.line) + ": " + std::string(e.description()));
  }
  return settings;
}

std::string Settings::environment_name(const std::string& key) {
  std::string name = "PEEL_";
  for (char c : key) name += (c == '.' || c == '-') ? '_' : static_cast<char>(std::toupper(c));
  return name;
}

void Settings::apply_environment(const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    if (const char* value = std::getenv(environment_name(key).c_str())) values_[key] = value;
  }
}

std::optional<std::string> Settings::get(const std::string& key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Settings::get_string(const std::string& key, const std::string& fallback) const {
  return get(key).value_or(fallback);
}

Result<long long> Settings::get_int(const std::string& key, long long fallback, long long min,
                                    long long max) const {
  const auto text = get(key);
  if (!text) return fallback;
  long long value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return Error::invalid(key, "must be a whole number, got \"" + *text + "\"");
  }
  if (value < min || value > max) {
    return Error::invalid(key, "must be between " + std::to_string(min) + " and " +
                                   std::to_string(max) + ", got " + *text);
  }
  return value;
}

Result<double> Settings::get_double(const std::string& key, double fallback, double min,
                                    double max) const {
  const auto text = get(key);
  if (!text) return fallback;
  double value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return Error::invalid(key, "must be a number, got \"" + *text + "\"");
  }
  if (value < min || value > max) {
    std::ostringstream range;
    range << "must be between " << min << " and " << max << ", got " << *text;
    return Error::invalid(key, range.str());
  }
  return value;
}

Result<bool> Settings::get_bool(const std::string& key, bool fallback) const {
  const auto text = get(key);
  if (!text) return fallback;
  if (*text == "true" || *text == "1" || *text == "yes") return true;
  if (*text == "false" || *text == "0" || *text == "no") return false;
  return Error::invalid(key, "must be true or false, got \"" + *text + "\"");
}

std::vector<std::string> Settings::unknown_keys(const std::vector<std::string>& known) const {
  std::vector<std::string> unknown;
  for (const auto& [key, value] : values_) {
    if (std::find(known.begin(), known.end(), key) == known.end()) unknown.push_back(key);
  }
  return unknown;
}

}  // namespace peel
