// The figures managers compare the Tech Bar and the telephone service desk by, worked out the
// same way for both channels from one record per contact, so that the two columns of the
// trial's headline comparison cannot drift apart in how they are counted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace peel::techbar {

// One contact with IT support: a visit to a Tech Bar, or a service desk ticket.
struct Contact {
  std::string location_id;  // empty for the service desk
  std::string device_type, symptom;
  Timestamp opened_at;  // checked in, or the ticket logged
  bool ticket = true;   // a visit that left before a ticket was opened has none
  std::optional<Timestamp> resolved_at;
  bool first_time_fix = false;
  std::optional<double> wait_seconds;  // Tech Bar: checked in until called to the counter
  bool surveyed = false;               // a survey was offered on resolution
  std::optional<int> score;            // 1-5 when answered
};

struct Figures {
  int contacts = 0, tickets = 0, resolved = 0, first_time_fixes = 0;
  std::optional<double> first_time_fix_rate;  // of the tickets resolved
  // Opened until resolved, of the tickets resolved.
  std::optional<double> resolution_mean_seconds, resolution_median_seconds, resolution_p90_seconds;
  std::optional<double> wait_median_seconds, wait_p90_seconds;  // Tech Bar only
  int surveys_sent = 0, surveys_answered = 0;
  std::optional<double> response_rate, mean_score;
  std::optional<double> excellent_share;  // of the answers, the share that scored 5
};

Figures figures_of(const std::vector<const Contact*>& contacts);
Figures figures_of(const std::vector<Contact>& contacts);

}  // namespace peel::techbar
