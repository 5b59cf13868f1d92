// Tickets at the counter: opened for a visit, pre-filled from its check-in (who, which device,
// what is wrong), then the engineer's diagnosis, actions, parts and the level of support it
// took (1, 2 or 3, all at the same counter); escalated to the service desk or a third party
// with a tracked reference; resolved once, which ends the visit and sends the person a link to
// a short survey (a score of 1 to 5 and a comment), answerable once within 14 days.
#pragma once

#include <optional>
#include <string>

#include "techbar/visits.h"

namespace peel::techbar {

struct TicketWork {
  std::optional<std::string> diagnosis, actions, parts;
  std::optional<int> level;  // 1, 2 or 3
};

struct Ticket {
  std::string id, visit_id, location_id;
  std::string staff_number, person_name, device_type, symptom;  // from the check-in
  int level = 1;
  std::string diagnosis, actions, parts;
  std::string state;  // open, escalated, resolved
  std::string escalated_to, escalation_reference;
  std::string resolution;
  bool first_time_fix = false;
  Timestamp opened_at;
  std::optional<Timestamp> resolved_at;
  std::string survey_token;  // once resolved
};

struct Survey {
  std::string token, ticket_id;
  Timestamp expires_at;
  std::optional<Timestamp> answered_at;
  int score = 0;
  std::string comment;
};

inline constexpr auto kSurveyLife = std::chrono::days(14);

class Tickets {
 public:
  Tickets(store::Store& store, events::EventLog& log, const Clock& clock);

  // For a visit at the counter; 409 when it has a ticket already or is not at the counter.
  Result<Ticket> open(const std::string& visit_id, const auth::Actor& engineer);
  Result<Ticket> record(const std::string& id, const TicketWork& work, const auth::Actor& engineer);
  // `to`: service_desk or third_party; `reference`: theirs, to track the hand-off.
  Result<Ticket> escalate(const std::string& id, const std::string& to,
                          const std::string& reference, const auth::Actor& engineer);
  // Once: 409 when it is resolved already. Ends the visit (done) and makes its survey link.
  Result<Ticket> resolve(const std::string& id, const std::string& resolution, bool first_time_fix,
                         const auth::Actor& engineer);
  Result<Ticket> get(const std::string& id) const;
  // The visit's ticket, if one was opened.
  Result<std::optional<Ticket>> of_visit(const std::string& visit_id) const;

  Result<Survey> survey(const std::string& token) const;
  // 409 when answered already or past its expiry; 422 for a score outside 1-5.
  Result<Survey> answer(const std::string& token, int score, const std::string& comment,
                        const auth::Actor& by);

 private:
  Result<Ticket> change(
      const std::string& id, const std::string& type, const auth::Actor& by,
      const std::function<Status(store::Session&, const Ticket&, Timestamp)>& apply);

  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::techbar
