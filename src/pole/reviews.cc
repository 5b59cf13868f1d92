#include "pole/reviews.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/json_text.h"

namespace peel::pole {

namespace json = boost::json;

Reviews::Reviews(store::Store& store, events::EventLog& log) : store_(store), log_(log) {}

Result<std::vector<ReviewDue>> Reviews::due(const Date& by, size_t limit) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            fmt::format("SELECT r.id, r.kind, r.mopi_group, r.review_due, {} FROM pole_records r"
                        "{} WHERE r.review_due <= $1 AND r.merged_into IS NULL"
                        " ORDER BY r.review_due, r.id LIMIT {}",
                        label_columns("r"), label_joins("r"), limit),
            {format_date(by)});
      });
  if (!rows) return std::move(rows).error();
  std::vector<ReviewDue> out;
  for (const auto& row : *rows) {
    ReviewDue d;
    d.record = {row.text(0), row.text(1), static_cast<int>(row.integer(2)),
                parse_date(row.text(3)).value_or(Date{}), ""};
    d.label = label_from(row, 4, d.record.kind);
    out.push_back(std::move(d));
  }
  return out;
}

Result<RegisteredRecord> Reviews::retain(const std::string& id, const std::string& reason,
                                         const auth::Actor& by) {
  if (reason.empty() || reason.size() > 1000)
    return Error::invalid("reason", "must say why it is kept (1 to 1,000 characters)");
  std::optional<RegisteredRecord> kept;
  auto event = log_.append(
      {"review/" + id, "RecordRetained", by.id, reason, json_text(json::object{{"id", id}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto now = registered(s, "id", id);
        if (!now) return Error::not_found("no record " + id);
        const Date next = add_years(date_of(e.at), mopi_review_years(now->mopi_group));
        auto done = s.execute("UPDATE pole_records SET review_due = $2 WHERE id = $1",
                              {id, format_date(next)});
        if (!done) return std::move(done).error();
        now->review_due = next;
        kept = *now;
        return {};
      });
  if (!event) return std::move(event).error();
  return *kept;
}

}  // namespace peel::pole
