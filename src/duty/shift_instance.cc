// Reading the Curtois & Qu format: sections of comma-separated lines, comments after '#'.
#include "duty/shift_instance.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "core/csv.h"

namespace peel::duty {

namespace {

// Far beyond the benchmark's largest (364 days, 150 staff, 32 shift types), small enough that a
// malformed file cannot ask for gigabytes.
constexpr int kMaxDays = 3'660;
constexpr size_t kMaxStaff = 10'000;
constexpr size_t kMaxShifts = 100;

struct Line {
  size_t number = 0;
  std::vector<std::string> fields;
};

std::vector<std::string> split(std::string_view s, char by) {
  std::vector<std::string> out;
  size_t from = 0;
  for (;;) {
    const size_t at = s.find(by, from);
    out.push_back(trimmed(s.substr(from, at == std::string_view::npos ? at : at - from)));
    if (at == std::string_view::npos) return out;
    from = at + 1;
  }
}

Error bad(size_t line, const std::string& reason) {
  return Error::invalid("instance", fmt::format("line {}: {}", line, reason));
}

// The sections of the file, each with its lines; the names are the format's.
const std::vector<std::string> kSections = {"SECTION_HORIZON",
                                            "SECTION_SHIFTS",
                                            "SECTION_STAFF",
                                            "SECTION_DAYS_OFF",
                                            "SECTION_SHIFT_ON_REQUESTS",
                                            "SECTION_SHIFT_OFF_REQUESTS",
                                            "SECTION_COVER"};

Result<std::map<std::string, std::vector<Line>>> sections_of(std::string_view text) {
  std::map<std::string, std::vector<Line>> out;
  std::string current;
  size_t number = 0;
  size_t from = 0;
  while (from <= text.size()) {
    size_t end = text.find('\n', from);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(from, end - from);
    from = end + 1;
    ++number;
    if (const size_t hash = raw.find('#'); hash != std::string_view::npos)
      raw = raw.substr(0, hash);
    const std::string line = trimmed(raw);
    if (line.empty()) continue;
    for (const char c : line) {
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\r')
        return bad(number, "holds a control character");
    }
    if (line.starts_with("SECTION_")) {
      if (std::find(kSections.begin(), kSections.end(), line) == kSections.end())
        return bad(number, "unknown section " + line);
      if (out.contains(line)) return bad(number, line + " appears twice");
      current = line;
      out[current];
      continue;
    }
    if (current.empty()) return bad(number, "data before the first SECTION_ line");
    out[current].push_back({number, split(line, ',')});
  }
  for (const auto& name : kSections) {
    if (!out.contains(name)) return Error::invalid("instance", "has no " + name);
  }
  return out;
}

class Reader {
 public:
  explicit Reader(std::map<std::string, std::vector<Line>> sections)
      : sections_(std::move(sections)) {}

  Result<ShiftInstance> read() {
    if (Status s = horizon(); !s) return std::move(s).error();
    if (Status s = shifts(); !s) return std::move(s).error();
    if (Status s = staff(); !s) return std::move(s).error();
    if (Status s = days_off(); !s) return std::move(s).error();
    if (Status s = requests("SECTION_SHIFT_ON_REQUESTS", out_.on_requests); !s)
      return std::move(s).error();
    if (Status s = requests("SECTION_SHIFT_OFF_REQUESTS", out_.off_requests); !s)
      return std::move(s).error();
    if (Status s = cover(); !s) return std::move(s).error();
    return std::move(out_);
  }

 private:
  Status horizon() {
    const auto& lines = sections_["SECTION_HORIZON"];
    if (lines.size() != 1 || lines[0].fields.size() != 1)
      return Error::invalid("instance", "SECTION_HORIZON must hold one number of days");
    const auto days = parse_whole_number(lines[0].fields[0], 1, kMaxDays);
    if (!days)
      return bad(lines[0].number, fmt::format("the horizon must be 1 to {} days", kMaxDays));
    out_.days = *days;
    return {};
  }

  Status shifts() {
    const auto& lines = sections_["SECTION_SHIFTS"];
    if (lines.empty()) return Error::invalid("instance", "SECTION_SHIFTS has no shift");
    if (lines.size() > kMaxShifts)
      return Error::invalid("instance", fmt::format("more than {} shift types", kMaxShifts));
    for (const auto& l : lines) {
      if (l.fields.size() != 3)
        return bad(l.number, "a shift is: ID, minutes, shifts that cannot follow");
      if (Status s = new_id(l, l.fields[0], shift_index_); !s) return s;
      const auto minutes = parse_whole_number(l.fields[1], 1, 24 * 60);
      if (!minutes) return bad(l.number, "a shift's length must be 1 to 1440 minutes");
      shift_index_[l.fields[0]] = static_cast<int>(out_.shifts.size());
      out_.shifts.push_back({l.fields[0], *minutes, {}});
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      auto& shift = out_.shifts[i];
      shift.cannot_follow.assign(out_.shifts.size(), false);
      if (lines[i].fields[2].empty()) continue;
      for (const auto& id : split(lines[i].fields[2], '|')) {
        const auto at = shift_index_.find(id);
        if (at == shift_index_.end()) return bad(lines[i].number, "unknown shift '" + id + "'");
        shift.cannot_follow[static_cast<size_t>(at->second)] = true;
      }
    }
    return {};
  }

  Status staff() {
    const auto& lines = sections_["SECTION_STAFF"];
    if (lines.empty()) return Error::invalid("instance", "SECTION_STAFF has nobody");
    if (lines.size() > kMaxStaff)
      return Error::invalid("instance", fmt::format("more than {} staff", kMaxStaff));
    const int most_minutes = out_.days * 24 * 60;
    for (const auto& l : lines) {
      if (l.fields.size() != 8)
        return bad(l.number,
                   "a member of staff is: ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, "
                   "MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, "
                   "MaxWeekends");
      if (Status s = new_id(l, l.fields[0], staff_index_); !s) return s;
      StaffContract c;
      c.id = l.fields[0];
      c.max_shifts.assign(out_.shifts.size(), out_.days);
      for (const auto& part : split(l.fields[1], '|')) {
        const auto pair = split(part, '=');
        const auto at = pair.size() == 2 ? shift_index_.find(pair[0]) : shift_index_.end();
        if (at == shift_index_.end())
          return bad(l.number,
                     "MaxShifts must be SHIFT=N|SHIFT=N with known shifts, not '" + part + "'");
        const auto most = parse_whole_number(pair[1], 0, out_.days);
        if (!most) return bad(l.number, "MaxShifts for " + pair[0] + " must be 0 to the horizon");
        c.max_shifts[static_cast<size_t>(at->second)] = *most;
      }
      const auto max_minutes = parse_whole_number(l.fields[2], 0, most_minutes);
      const auto min_minutes = parse_whole_number(l.fields[3], 0, most_minutes);
      const auto max_run = parse_whole_number(l.fields[4], 1, out_.days);
      const auto min_run = parse_whole_number(l.fields[5], 1, out_.days);
      const auto days_off = parse_whole_number(l.fields[6], 1, out_.days);
      const auto weekends = parse_whole_number(l.fields[7], 0, out_.days);
      if (!max_minutes || !min_minutes || *min_minutes > *max_minutes)
        return bad(l.number, "total minutes must be 0 <= MinTotalMinutes <= MaxTotalMinutes");
      if (!max_run || !min_run || *min_run > *max_run)
        return bad(l.number,
                   "consecutive shifts must be 1 <= MinConsecutiveShifts <= MaxConsecutiveShifts "
                   "<= the horizon");
      if (!days_off) return bad(l.number, "MinConsecutiveDaysOff must be 1 to the horizon");
      if (!weekends) return bad(l.number, "MaxWeekends must be 0 or more");
      c.max_minutes = *max_minutes;
      c.min_minutes = *min_minutes;
      c.max_consecutive = *max_run;
      c.min_consecutive = *min_run;
      c.min_days_off = *days_off;
      c.max_weekends = *weekends;
      c.day_off.assign(static_cast<size_t>(out_.days), false);
      staff_index_[c.id] = static_cast<int>(out_.staff.size());
      out_.staff.push_back(std::move(c));
    }
    return {};
  }

  Status days_off() {
    for (const auto& l : sections_["SECTION_DAYS_OFF"]) {
      auto who = employee(l, l.fields[0]);
      if (!who) return std::move(who).error();
      for (size_t i = 1; i < l.fields.size(); ++i) {
        const auto day = parse_whole_number(l.fields[i], 0, out_.days - 1);
        if (!day) return bad(l.number, "a day off must be a day of the horizon, from 0");
        out_.staff[static_cast<size_t>(*who)].day_off[static_cast<size_t>(*day)] = true;
      }
    }
    return {};
  }

  Status requests(const std::string& section, std::vector<ShiftRequest>& into) {
    for (const auto& l : sections_[section]) {
      if (l.fields.size() != 4) return bad(l.number, "a request is: employee, day, shift, weight");
      auto who = employee(l, l.fields[0]);
      if (!who) return std::move(who).error();
      const auto day = parse_whole_number(l.fields[1], 0, out_.days - 1);
      if (!day) return bad(l.number, "the day must be a day of the horizon, from 0");
      auto shift = shift_named(l, l.fields[2]);
      if (!shift) return std::move(shift).error();
      const auto weight = parse_whole_number(l.fields[3], 0, 1'000'000);
      if (!weight) return bad(l.number, "the weight must be 0 to 1000000");
      into.push_back({*who, *day, *shift, *weight});
    }
    return {};
  }

  Status cover() {
    out_.cover.assign(static_cast<size_t>(out_.days) * out_.shifts.size(), Cover{});
    std::vector<bool> seen(out_.cover.size(), false);
    for (const auto& l : sections_["SECTION_COVER"]) {
      if (l.fields.size() != 5)
        return bad(l.number, "cover is: day, shift, requirement, weight under, weight over");
      const auto day = parse_whole_number(l.fields[0], 0, out_.days - 1);
      if (!day) return bad(l.number, "the day must be a day of the horizon, from 0");
      auto shift = shift_named(l, l.fields[1]);
      if (!shift) return std::move(shift).error();
      const auto wanted = parse_whole_number(l.fields[2], 0, static_cast<int>(kMaxStaff));
      const auto under = parse_whole_number(l.fields[3], 0, 1'000'000);
      const auto over = parse_whole_number(l.fields[4], 0, 1'000'000);
      if (!wanted || !under || !over)
        return bad(l.number, "requirement and weights must be whole numbers from 0");
      const size_t at =
          static_cast<size_t>(*day) * out_.shifts.size() + static_cast<size_t>(*shift);
      if (seen[at]) return bad(l.number, "cover for this day and shift is given twice");
      seen[at] = true;
      out_.cover[at] = {*wanted, *under, *over};
    }
    return {};
  }

  Status new_id(const Line& l, const std::string& id, const std::map<std::string, int>& known) {
    if (id.empty() || id.size() > 64 || !std::all_of(id.begin(), id.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
        }))
      return bad(l.number, "an ID is 1 to 64 letters, digits, '-' or '_', not '" + id + "'");
    if (known.contains(id)) return bad(l.number, "ID '" + id + "' appears twice");
    return {};
  }
  Result<int> employee(const Line& l, const std::string& id) {
    const auto at = staff_index_.find(id);
    if (at == staff_index_.end()) return bad(l.number, "unknown employee '" + id + "'");
    return at->second;
  }
  Result<int> shift_named(const Line& l, const std::string& id) {
    const auto at = shift_index_.find(id);
    if (at == shift_index_.end()) return bad(l.number, "unknown shift '" + id + "'");
    return at->second;
  }

  std::map<std::string, std::vector<Line>> sections_;
  std::map<std::string, int> shift_index_, staff_index_;
  ShiftInstance out_;
};

}  // namespace

Result<ShiftInstance> parse_shift_instance(std::string_view text) {
  auto sections = sections_of(text);
  if (!sections) return std::move(sections).error();
  return Reader(std::move(*sections)).read();
}

}  // namespace peel::duty
