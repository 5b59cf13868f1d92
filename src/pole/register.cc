#include "pole/register.h"

#include <fmt/format.h>

#include <chrono>

namespace peel::pole {

int mopi_review_years(int group) { return group <= 2 ? 10 : 6; }

Date add_years(const Date& from, int years) {
  using namespace std::chrono;
  year_month_day ymd{year{from.year + years}, month{static_cast<unsigned>(from.month)},
                     day{static_cast<unsigned>(from.day)}};
  if (!ymd.ok()) ymd = year_month_day_last{ymd.year(), month_day_last{ymd.month()}};  // 29 Feb
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

Date date_of(Timestamp at) {
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(at)};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

Status check_text(const std::string& field, const std::string& text, size_t max) {
  if (text.size() > max) return Error::invalid(field, fmt::format("at most {} characters", max));
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
      return Error::invalid(field, "must not hold control characters");
  }
  return {};
}

Retention retention_from(const store::Row& row, size_t at) {
  return {static_cast<int>(row.integer(at)), parse_date(row.text(at + 1)).value_or(Date{})};
}

std::string label_joins(std::string_view a) {
  return fmt::format(
      " LEFT JOIN pole_persons {0}p ON {0}p.id = {0}.id LEFT JOIN pole_events {0}e ON"
      " {0}e.id = {0}.id LEFT JOIN pole_objects {0}o ON {0}o.id = {0}.id"
      " LEFT JOIN pole_locations {0}l ON {0}l.id = {0}.id",
      a);
}

std::string label_columns(std::string_view a) {
  return fmt::format(
      "{0}p.surname, {0}p.forenames, {0}e.type, {0}e.reference, {0}e.classification, {0}o.kind,"
      " {0}o.vrm, {0}l.address",
      a);
}

std::string label_from(const store::Row& row, size_t at, const std::string& kind) {
  auto text = [&](size_t i) { return row.optional_text(at + i).value_or(""); };
  if (kind == "person") return fmt::format("{}, {}", text(0), text(1));
  if (kind == "event") {
    const std::string reference = text(3);
    return fmt::format("{} {}{}", text(2), text(4), reference.empty() ? "" : " " + reference);
  }
  if (kind == "object") {
    const std::string vrm = text(6);
    return vrm.empty() ? text(5) : text(5) + " " + vrm;
  }
  return text(7);
}

Status register_record(store::Session& s, const std::string& id, const std::string& kind,
                       Timestamp recorded_at, int mopi_group) {
  const Date due = add_years(date_of(recorded_at), mopi_review_years(mopi_group));
  auto done = s.execute(
      "INSERT INTO pole_records (id, kind, recorded_at, mopi_group, review_due)"
      " VALUES ($1, $2, $3, $4, $5)",
      {id, kind, format_rfc3339(recorded_at), static_cast<long long>(mopi_group),
       format_date(due)});
  if (!done) return std::move(done).error();
  return {};
}

Result<RegisteredRecord> registered(store::Session& s, const std::string& field,
                                    const std::string& id) {
  auto rows = s.query(
      "SELECT id, kind, mopi_group, review_due, merged_into FROM pole_records WHERE id = $1", {id});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::invalid(field, "no person, object, location or event " + id);
  const auto& row = rows->front();
  return RegisteredRecord{row.text(0), row.text(1), static_cast<int>(row.integer(2)),
                          parse_date(row.text(3)).value_or(Date{}),
                          row.optional_text(4).value_or("")};
}

Status hold_for(store::Session& s, const std::string& id, int group, const Date& due) {
  auto now = registered(s, "id", id);
  if (!now) return std::move(now).error();
  const Date later =
      std::tie(due.year, due.month, due.day) >
              std::tie(now->review_due.year, now->review_due.month, now->review_due.day)
          ? due
          : now->review_due;
  auto done =
      s.execute("UPDATE pole_records SET mopi_group = $2, review_due = $3 WHERE id = $1",
                {id, static_cast<long long>(std::min(group, now->mopi_group)), format_date(later)});
  if (!done) return std::move(done).error();
  return {};
}

}  // namespace peel::pole
