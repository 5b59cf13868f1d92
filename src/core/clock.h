// Time is injected: production code asks a Clock, never the system directly, so tests and the
// simulator can run a whole day in milliseconds.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace peel {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : ms_(start.time_since_epoch().count()) {}
  Timestamp now() const override { return Timestamp(std::chrono::milliseconds(ms_.load())); }
  void set(Timestamp t) { ms_.store(t.time_since_epoch().count()); }
  void advance(std::chrono::milliseconds d) { ms_.fetch_add(d.count()); }

 private:
  std::atomic<long long> ms_;
};

// RFC 3339 UTC with milliseconds: "2026-11-23T10:15:00.123Z" (DESIGN.md, API conventions).
std::string format_rfc3339(Timestamp t);
// Accepts RFC 3339 with 'Z' or a numeric offset, with or without fractional seconds.
std::optional<Timestamp> parse_rfc3339(std::string_view text);
// A time that may be absent (a NULL column): nullopt when absent or unreadable.
std::optional<Timestamp> parse_optional_rfc3339(const std::optional<std::string>& text);

inline long long to_unix_ms(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp from_unix_ms(long long ms) { return Timestamp(std::chrono::milliseconds(ms)); }

}  // namespace peel
