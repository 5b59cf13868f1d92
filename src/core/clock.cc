#include "core/clock.h"

#include <cctype>
#include <cstdio>

namespace peel {

Timestamp SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::string format_rfc3339(Timestamp t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[64];  // larger than needed: the compiler cannot prove the fields' ranges
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                long(hms.minutes().count()), long(hms.seconds().count()),
                long(hms.subseconds().count()));
  return buf;
}

namespace {

bool read_digits(std::string_view s, size_t& pos, int count, int& out) {
  out = 0;
  for (int i = 0; i < count; ++i, ++pos) {
    if (pos >= s.size() || !std::isdigit(static_cast<unsigned char>(s[pos]))) return false;
    out = out * 10 + (s[pos] - '0');
  }
  return true;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos < s.size() && (s[pos] == c || std::tolower(static_cast<unsigned char>(s[pos])) == c)) {
    ++pos;
    return true;
  }
  return false;
}

}  // namespace

std::optional<Timestamp> parse_optional_rfc3339(const std::optional<std::string>& text) {
  return text ? parse_rfc3339(*text) : std::nullopt;
}

std::optional<Timestamp> parse_rfc3339(std::string_view s) {
  using namespace std::chrono;
  size_t pos = 0;
  int y, mo, d, h, mi, sec;
  if (!read_digits(s, pos, 4, y) || !expect(s, pos, '-') || !read_digits(s, pos, 2, mo) ||
      !expect(s, pos, '-') || !read_digits(s, pos, 2, d) || !expect(s, pos, 't') ||
      !read_digits(s, pos, 2, h) || !expect(s, pos, ':') || !read_digits(s, pos, 2, mi) ||
      !expect(s, pos, ':') || !read_digits(s, pos, 2, sec)) {
    return std::nullopt;
  }
  if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  long long millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      if (digits < 3) millis = millis * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 3; ++i) millis *= 10;
  }
  long long offset_minutes = 0;
  if (expect(s, pos, 'z')) {
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh, om;
    if (!read_digits(s, pos, 2, oh) || !expect(s, pos, ':') || !read_digits(s, pos, 2, om)) {
      return std::nullopt;
    }
    offset_minutes = sign * (oh * 60LL + om);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + milliseconds{millis} -
                 minutes{offset_minutes};
  return time_point_cast<milliseconds>(t);
}

}  // namespace peel
