#include "robotics/email_message.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <regex>

#include "core/clock.h"
#include "core/csv.h"

namespace peel::robotics {

namespace {

constexpr size_t kMostHeaders = 500;

struct Part {
  std::map<std::string, std::string> headers;  // lower-case names; the first of each
  std::string body;
};

// Headers up to the first empty line, unfolded; nullopt when a line before it is not a header.
std::optional<Part> split_part(std::string_view text) {
  Part part;
  std::string last;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at = end + 1;
    if (line.empty()) {
      part.body = at < text.size() ? std::string(text.substr(at)) : "";
      return part;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !last.empty()) {
      part.headers[last] += " " + trimmed(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    const std::string name = lowercase(line.substr(0, colon));
    if (name.find_first_of(" \t") != std::string::npos) return std::nullopt;
    if (part.headers.size() >= kMostHeaders) return std::nullopt;
    last = name;
    part.headers.emplace(name, trimmed(line.substr(colon + 1)));
  }
  return part;  // headers only, no body
}

// A parameter of a header value: boundary="abc" in "multipart/mixed; boundary="abc"".
std::string parameter(const std::string& value, const std::string& name) {
  const std::string low = lowercase(value);
  const size_t at = low.find(name + "=");
  if (at == std::string::npos) return "";
  std::string rest = value.substr(at + name.size() + 1);
  if (!rest.empty() && rest.front() == '"') {
    const size_t close = rest.find('"', 1);
    return rest.substr(1, close == std::string::npos ? std::string::npos : close - 1);
  }
  return trimmed(rest.substr(0, rest.find(';')));
}

std::string quoted_printable(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
      continue;
    }
    if (i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r')) {  // soft break
      i += text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n' ? 2 : 1;
      continue;
    }
    if (i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
      continue;
    }
    out += '=';
  }
  return out;
}

std::string base64(std::string_view text) {
  static const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (const char c : text) {
    const size_t at = alphabet.find(c);
    if (at == std::string::npos) continue;  // line breaks, padding
    value = (value << 6U) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> static_cast<unsigned>(bits)) & 0xFFU);
    }
  }
  return out;
}

// ISO 8859-1 (Latin-1) text as UTF-8: each byte is the code point of the same number.
std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0U | (b >> 6U));
      out += static_cast<char>(0x80U | (b & 0x3FU));
    }
  }
  return out;
}

// A header's encoded words (RFC 2047: "=?utf-8?B?...?=", "=?iso-8859-1?Q?caf=E9?=") decoded, in
// UTF-8 and Latin-1 (and US-ASCII); words in other character sets are kept as written.
std::string header_text(const std::string& value) {
  static const std::regex word(R"(=\?([^?]+)\?([BbQq])\?([^?]*)\?=)");
  std::string out;
  auto from = value.cbegin();
  bool last_was_word = false;
  for (std::sregex_iterator it(value.begin(), value.end(), word), end; it != end; ++it) {
    const std::string between(from, (*it)[0].first);
    // White space between two encoded words is not part of the text (RFC 2047, 6.2).
    if (!(last_was_word && trimmed(between).empty())) out += between;
    const std::string charset = lowercase((*it)[1].str());
    const std::string encoded = (*it)[3].str();
    std::string bytes;
    if (lowercase((*it)[2].str()) == "b") {
      bytes = base64(encoded);
    } else {
      std::string q = encoded;
      std::replace(q.begin(), q.end(), '_', ' ');
      bytes = quoted_printable(q);
    }
    if (charset == "utf-8" || charset == "us-ascii") {
      out += bytes;
    } else if (charset == "iso-8859-1" || charset == "latin1") {
      out += latin1_to_utf8(bytes);
    } else {
      out += (*it)[0].str();
    }
    from = (*it)[0].second;
    last_was_word = true;
  }
  out.append(from, value.cend());
  return out;
}

std::string decoded(const Part& part) {
  const auto cte = part.headers.find("content-transfer-encoding");
  const std::string how = cte == part.headers.end() ? "" : lowercase(cte->second);
  if (how == "quoted-printable") return quoted_printable(part.body);
  if (how == "base64") return base64(part.body);
  return part.body;
}

// The text of a part: its own, or the first text/plain part inside a multipart one.
std::optional<std::string> text_of(const Part& part, int depth) {
  const auto type = part.headers.find("content-type");
  const std::string content = type == part.headers.end() ? "text/plain" : lowercase(type->second);
  if (!content.starts_with("multipart/")) {
    if (content.starts_with("text/plain")) return decoded(part);
    return std::nullopt;
  }
  const std::string boundary = parameter(type->second, "boundary");
  if (boundary.empty() || depth > 5) return std::nullopt;
  const std::string marker = "--" + boundary;
  size_t at = part.body.find(marker);
  while (at != std::string::npos) {
    const size_t start = part.body.find('\n', at);
    if (start == std::string::npos) break;
    const size_t next = part.body.find(marker, start);
    const auto inner = split_part(std::string_view(part.body).substr(
        start + 1, (next == std::string::npos ? part.body.size() : next) - start - 1));
    if (inner) {
      if (auto text = text_of(*inner, depth + 1)) return text;
    }
    at = next;
  }
  return std::nullopt;
}

// "Tue, 24 Nov 2026 09:30:00 +0000" (RFC 5322) as RFC 3339 UTC; nullopt when it is not one.
std::optional<std::string> rfc3339_of(const std::string& date) {
  static const std::regex form(
      R"((?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([+-])(\d{2})(\d{2}).*)");
  static const std::array<const char*, 12> months{"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  std::smatch m;
  if (!std::regex_match(date, m, form)) return std::nullopt;
  const auto month = std::find(months.begin(), months.end(), lowercase(m[2].str()));
  if (month == months.end()) return std::nullopt;
  const auto local = parse_rfc3339(
      fmt::format("{}-{:02}-{:02}T{}:{}:{}Z", m[3].str(), month - months.begin() + 1,
                  std::stoi(m[1]), m[4].str(), m[5].str(), m[6].matched ? m[6].str() : "00"));
  if (!local) return std::nullopt;
  const int sign = m[7] == "-" ? -1 : 1;
  const auto offset = std::chrono::hours(std::stoi(m[8])) + std::chrono::minutes(std::stoi(m[9]));
  return format_rfc3339(*local - sign * offset);
}

}  // namespace

Result<EmailMessage> read_email(std::string_view text, const std::string& name) {
  if (text.find('\0') != std::string_view::npos)
    return Error::invalid(name, "is not an email message: it holds binary data");
  const auto part = split_part(text);
  if (!part || part->headers.empty())
    return Error::invalid(name, "is not an email message: it does not start with headers");
  const auto from = part->headers.find("from");
  if (from == part->headers.end())
    return Error::invalid(name, "is not an email message: it has no From header");
  EmailMessage m;
  static const std::regex named(R"((.*)<([^>]+)>\s*)");
  std::smatch who;
  if (std::regex_match(from->second, who, named)) {
    m.from_name = header_text(trimmed(who[1].str()));
    if (m.from_name.size() >= 2 && m.from_name.front() == '"' && m.from_name.back() == '"')
      m.from_name = m.from_name.substr(1, m.from_name.size() - 2);
    m.from = trimmed(who[2].str());
  } else {
    m.from = trimmed(from->second);
  }
  const auto header = [&](const char* h) {
    const auto it = part->headers.find(h);
    return it == part->headers.end() ? std::string() : it->second;
  };
  m.to = header("to");
  m.subject = header_text(header("subject"));
  m.date = header("date");
  if (const auto utc = rfc3339_of(m.date)) m.date = *utc;
  const auto body = text_of(*part, 0);
  if (!body) return Error::invalid(name, "has no plain text part to read");
  m.body = trimmed(*body);
  return m;
}

}  // namespace peel::robotics
