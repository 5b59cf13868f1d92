#include "techbar/tickets.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/crypto.h"
#include "core/id.h"
#include "core/json_text.h"

namespace peel::techbar {

namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "SELECT t.id, t.visit_id, v.location_id, v.staff_number, v.person_name, v.device_type,"
    " v.symptom, t.level, t.diagnosis, t.actions, t.parts, t.state, t.escalated_to,"
    " t.escalation_reference, t.resolution, t.first_time_fix, t.opened_at, t.resolved_at,"
    " (SELECT s.token FROM techbar_surveys s WHERE s.ticket_id = t.id)"
    " FROM techbar_tickets t JOIN techbar_visits v ON v.id = t.visit_id";

Ticket ticket_from_row(const store::Row& r) {
  Ticket t;
  t.id = r.text(0);
  t.visit_id = r.text(1);
  t.location_id = r.text(2);
  t.staff_number = r.text(3);
  t.person_name = r.text(4);
  t.device_type = r.text(5);
  t.symptom = r.text(6);
  t.level = static_cast<int>(r.integer(7));
  t.diagnosis = r.text(8);
  t.actions = r.text(9);
  t.parts = r.text(10);
  t.state = r.text(11);
  t.escalated_to = r.optional_text(12).value_or("");
  t.escalation_reference = r.optional_text(13).value_or("");
  t.resolution = r.optional_text(14).value_or("");
  t.first_time_fix = r.integer(15) != 0;
  t.opened_at = parse_rfc3339(r.text(16)).value_or(Timestamp{});
  t.resolved_at = parse_optional_rfc3339(r.optional_text(17));
  t.survey_token = r.optional_text(18).value_or("");
  return t;
}

Status check_text(const std::optional<std::string>& text, const char* field, size_t most) {
  if (text && text->size() > most)
    return Error::invalid(field, fmt::format("must be at most {} characters", most));
  return {};
}

}  // namespace

Tickets::Tickets(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<Ticket> Tickets::get(const std::string& id) const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return s.query(std::string(kColumns) + " WHERE t.id = $1", {id}); });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no Tech Bar ticket " + id);
  return ticket_from_row(rows->front());
}

Result<std::optional<Ticket>> Tickets::of_visit(const std::string& visit_id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(std::string(kColumns) + " WHERE t.visit_id = $1", {visit_id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Ticket>();
  return std::optional<Ticket>(ticket_from_row(rows->front()));
}

Result<Ticket> Tickets::open(const std::string& visit_id, const auth::Actor& engineer) {
  const std::string id = new_id(clock_);
  auto event = log_.append(
      {"techbar-ticket/" + id, "TechbarTicketOpened", engineer.id, "",
       json_text(json::object{{"visit_id", visit_id}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto visit = s.query("SELECT state FROM techbar_visits WHERE id = $1", {visit_id});
        if (!visit) return std::move(visit).error();
        if (visit->empty()) return Error::not_found("no Tech Bar visit " + visit_id);
        if (visit->front().text(0) != "at_counter")
          return Error::conflict("visit " + visit_id + " is " + visit->front().text(0) +
                                 ": a ticket is opened at the counter");
        auto held = s.query("SELECT id FROM techbar_tickets WHERE visit_id = $1", {visit_id});
        if (!held) return std::move(held).error();
        if (!held->empty())
          return Error::conflict("visit " + visit_id + " has ticket " + held->front().text(0));
        auto row = s.execute(
            "INSERT INTO techbar_tickets (id, visit_id, level, diagnosis, actions, parts, state,"
            " first_time_fix, opened_at, opened_by) VALUES ($1, $2, 1, '', '', '', 'open', 0,"
            " $3, $4)",
            {id, visit_id, format_rfc3339(e.at), engineer.username});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<Ticket> Tickets::change(
    const std::string& id, const std::string& type, const auth::Actor& by,
    const std::function<Status(store::Session&, const Ticket&, Timestamp)>& apply) {
  auto event = log_.append({"techbar-ticket/" + id, type, by.id, "", "{}"},
                           [&](store::Session& s, const events::Event& e) -> Status {
                             auto rows = s.query(std::string(kColumns) + " WHERE t.id = $1", {id});
                             if (!rows) return std::move(rows).error();
                             if (rows->empty()) return Error::not_found("no Tech Bar ticket " + id);
                             return apply(s, ticket_from_row(rows->front()), e.at);
                           });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<Ticket> Tickets::record(const std::string& id, const TicketWork& w,
                               const auth::Actor& engineer) {
  if (w.level && (*w.level < 1 || *w.level > 3))
    return Error::invalid("level", "must be 1, 2 or 3");
  for (const auto& [text, field] :
       {std::pair{&w.diagnosis, "diagnosis"}, std::pair{&w.actions, "actions"},
        std::pair{&w.parts, "parts"}}) {
    if (Status s = check_text(*text, field, 4000); !s) return s.error();
  }
  return change(id, "TechbarTicketWorked", engineer,
                [&](store::Session& s, const Ticket& t, Timestamp) -> Status {
                  if (t.state == "resolved")
                    return Error::conflict("ticket " + id + " is resolved: it is not changed");
                  auto row = s.execute(
                      "UPDATE techbar_tickets SET level = $2, diagnosis = $3, actions = $4,"
                      " parts = $5 WHERE id = $1",
                      {id, static_cast<long long>(w.level.value_or(t.level)),
                       w.diagnosis.value_or(t.diagnosis), w.actions.value_or(t.actions),
                       w.parts.value_or(t.parts)});
                  if (!row) return std::move(row).error();
                  return {};
                });
}

Result<Ticket> Tickets::escalate(const std::string& id, const std::string& to,
                                 const std::string& reference, const auth::Actor& engineer) {
  if (to != "service_desk" && to != "third_party")
    return Error::invalid("to", "must be service_desk or third_party");
  if (reference.empty() || reference.size() > 100)
    return Error::invalid("reference", "must be their reference for it, 1 to 100 characters");
  return change(id, "TechbarTicketEscalated", engineer,
                [&](store::Session& s, const Ticket& t, Timestamp) -> Status {
                  if (t.state != "open")
                    return Error::conflict("ticket " + id + " is " + t.state + ", not open");
                  auto row = s.execute(
                      "UPDATE techbar_tickets SET state = 'escalated', escalated_to = $2,"
                      " escalation_reference = $3 WHERE id = $1",
                      {id, to, reference});
                  if (!row) return std::move(row).error();
                  return {};
                });
}

Result<Ticket> Tickets::resolve(const std::string& id, const std::string& resolution,
                                bool first_time_fix, const auth::Actor& engineer) {
  if (resolution.empty() || resolution.size() > 4000)
    return Error::invalid("resolution", "must say how it was resolved, 1 to 4,000 characters");
  const std::string token = to_hex(random_bytes(16));
  return change(id, "TechbarTicketResolved", engineer,
                [&](store::Session& s, const Ticket& t, Timestamp at) -> Status {
                  if (t.state == "resolved")
                    return Error::conflict("ticket " + id + " was resolved already");
                  auto row = s.execute(
                      "UPDATE techbar_tickets SET state = 'resolved', resolution = $2,"
                      " first_time_fix = $3, resolved_at = $4 WHERE id = $1",
                      {id, resolution, first_time_fix ? 1LL : 0LL, format_rfc3339(at)});
                  if (!row) return std::move(row).error();
                  auto visit = s.execute(
                      "UPDATE techbar_visits SET state = 'done', finished_at = $2 WHERE id = $1"
                      " AND state = 'at_counter'",
                      {t.visit_id, format_rfc3339(at)});
                  if (!visit) return std::move(visit).error();
                  auto survey = s.execute(
                      "INSERT INTO techbar_surveys (token, ticket_id, expires_at) VALUES ($1, $2,"
                      " $3)",
                      {token, id, format_rfc3339(at + kSurveyLife)});
                  if (!survey) return std::move(survey).error();
                  return {};
                });
}

Result<Survey> Tickets::survey(const std::string& token) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            "SELECT token, ticket_id, expires_at, answered_at, score, comment FROM"
            " techbar_surveys WHERE token = $1",
            {token});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no survey at this link");
  const store::Row& r = rows->front();
  Survey out{.token = r.text(0),
             .ticket_id = r.text(1),
             .expires_at = parse_rfc3339(r.text(2)).value_or(Timestamp{}),
             .answered_at = std::nullopt,
             .score = static_cast<int>(r.optional_integer(4).value_or(0)),
             .comment = r.optional_text(5).value_or("")};
  if (const auto at = r.optional_text(3)) out.answered_at = parse_rfc3339(*at);
  return out;
}

Result<Survey> Tickets::answer(const std::string& token, int score, const std::string& comment,
                               const auth::Actor& by) {
  if (score < 1 || score > 5) return Error::invalid("score", "must be 1 (poor) to 5 (excellent)");
  if (comment.size() > 2000) return Error::invalid("comment", "must be at most 2,000 characters");
  auto event = log_.append(
      {"techbar-survey/" + token.substr(0, 8), "TechbarSurveyAnswered", by.id, "",
       json_text(json::object{{"score", score}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto rows = s.query("SELECT expires_at, answered_at FROM techbar_surveys WHERE token = $1",
                            {token});
        if (!rows) return std::move(rows).error();
        if (rows->empty()) return Error::not_found("no survey at this link");
        if (rows->front().optional_text(1))
          return Error::conflict("this survey was answered already: thank you");
        if (parse_rfc3339(rows->front().text(0)).value_or(Timestamp{}) < e.at)
          return Error::conflict("this survey's link expired on " + rows->front().text(0));
        auto row = s.execute(
            "UPDATE techbar_surveys SET answered_at = $2, score = $3, comment = $4 WHERE token = "
            "$1",
            {token, format_rfc3339(e.at), static_cast<long long>(score), comment});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return survey(token);
}

}  // namespace peel::techbar
