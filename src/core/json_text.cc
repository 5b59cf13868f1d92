#include "core/json_text.h"

#include <array>
#include <charconv>
#include <cmath>

namespace peel {
namespace {

void write(std::string& out, const boost::json::value& value);

void write_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (byte < 0x20) {
          out += "\\u00";
          out.push_back(kHex[byte >> 4]);
          out.push_back(kHex[byte & 0xf]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void write_double(std::string& out, double number) {
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  std::array<char, 32> buffer{};
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  const std::string_view text(buffer.data(), static_cast<size_t>(end - buffer.data()));
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

template <typename Integer>
void write_integer(std::string& out, Integer number) {
  std::array<char, 24> buffer{};
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  out.append(buffer.data(), end);
}

void write_object(std::string& out, const boost::json::object& object) {
  out.push_back('{');
  bool first = true;
  for (const auto& field : object) {
    if (!first) out.push_back(',');
    first = false;
    write_string(out, field.key());
    out.push_back(':');
    write(out, field.value());
  }
  out.push_back('}');
}

void write_array(std::string& out, const boost::json::array& array) {
  out.push_back('[');
  bool first = true;
  for (const auto& item : array) {
    if (!first) out.push_back(',');
    first = false;
    write(out, item);
  }
  out.push_back(']');
}

void write(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null:
      out += "null";
      break;
    case boost::json::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      break;
    case boost::json::kind::int64:
      write_integer(out, value.get_int64());
      break;
    case boost::json::kind::uint64:
      write_integer(out, value.get_uint64());
      break;
    case boost::json::kind::double_:
      write_double(out, value.get_double());
      break;
    case boost::json::kind::string:
      write_string(out, value.get_string());
      break;
    case boost::json::kind::array:
      write_array(out, value.get_array());
      break;
    case boost::json::kind::object:
      write_object(out, value.get_object());
      break;
  }
}

}  // namespace

std::string json_text(const boost::json::value& value) {
  std::string out;
  write(out, value);
  return out;
}

std::string json_text(const boost::json::object& object) {
  std::string out;
  out.reserve(64 * object.size());
  write_object(out, object);
  return out;
}

std::string json_text(const boost::json::array& array) {
  std::string out;
  out.reserve(64 * array.size());
  write_array(out, array);
  return out;
}

std::string json_text(const boost::json::string& string) {
  std::string out;
  write_string(out, string);
  return out;
}

}  // namespace peel
