#include "robotics/outbox.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"

namespace peel::robotics {

namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "SELECT id, item_id, step_id, recipient, subject, body, queued_at, sent_at"
    " FROM robotics_outbox";

Message message_from_row(const store::Row& r) {
  Message m{.id = r.text(0),
            .item_id = r.text(1),
            .step_id = r.text(2),
            .to = r.text(3),
            .subject = r.text(4),
            .body = r.text(5),
            .queued_at = parse_rfc3339(r.text(6)).value_or(Timestamp{}),
            .sent_at = std::nullopt};
  m.sent_at = parse_optional_rfc3339(r.optional_text(7));
  return m;
}

}  // namespace

Outbox::Outbox(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<std::optional<Message>> Outbox::queued_for(const std::string& item_id,
                                                  const std::string& step_id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(std::string(kColumns) + " WHERE item_id = $1 AND step_id = $2",
                       {item_id, step_id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Message>();
  return std::optional<Message>(message_from_row(rows->front()));
}

Result<Message> Outbox::queue(const std::string& item_id, const std::string& step_id,
                              const std::string& to, const std::string& subject,
                              const std::string& body) {
  auto before = queued_for(item_id, step_id);
  if (!before) return std::move(before).error();
  if (*before) return std::move(**before);
  const std::string id = new_id(clock_);
  auto event = log_.append(
      {"robotics-message/" + id, "MessageQueued", "robotics", "",
       json_text(json::object{
           {"item_id", item_id}, {"step_id", step_id}, {"to", to}, {"subject", subject}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        // Checked again inside the transaction: the unique index would refuse a second one
        // anyway, but this way the caller is told which message it is.
        auto held = s.query("SELECT id FROM robotics_outbox WHERE item_id = $1 AND step_id = $2",
                            {item_id, step_id});
        if (!held) return std::move(held).error();
        if (!held->empty()) return Error::conflict("queued already as " + held->front().text(0));
        auto row = s.execute(
            "INSERT INTO robotics_outbox (id, item_id, step_id, recipient, subject, body,"
            " queued_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {id, item_id, step_id, to, subject, body, format_rfc3339(e.at)});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) {
    if (event.error().code != ErrorCode::kConflict) return std::move(event).error();
    auto raced = queued_for(item_id, step_id);
    if (!raced) return std::move(raced).error();
    if (*raced) return std::move(**raced);
    return std::move(event).error();
  }
  return get(id);
}

Result<std::vector<Message>> Outbox::list(bool unsent_only, size_t limit) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("{}{} ORDER BY queued_at, id LIMIT {}", kColumns,
                                   unsent_only ? " WHERE sent_at IS NULL" : "", limit),
                       {});
      });
  if (!rows) return std::move(rows).error();
  std::vector<Message> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(message_from_row(r));
  return out;
}

Result<Message> Outbox::mark_sent(const std::string& id, const std::string& by) {
  auto event =
      log_.append({"robotics-message/" + id, "MessageSent", by, "", "{}"},
                  [&](store::Session& s, const events::Event& e) -> Status {
                    auto row = s.query("SELECT sent_at FROM robotics_outbox WHERE id = $1", {id});
                    if (!row) return std::move(row).error();
                    if (row->empty()) return Error::not_found("no message " + id);
                    if (row->front().optional_text(0))
                      return Error::conflict("message " + id + " was marked sent already");
                    auto set = s.execute("UPDATE robotics_outbox SET sent_at = $2 WHERE id = $1",
                                         {id, format_rfc3339(e.at)});
                    if (!set) return std::move(set).error();
                    return {};
                  });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<Message> Outbox::get(const std::string& id) const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return s.query(std::string(kColumns) + " WHERE id = $1", {id}); });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no message " + id);
  return message_from_row(rows->front());
}

}  // namespace peel::robotics
