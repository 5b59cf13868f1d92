// The telephone service desk's tickets as its CSV export gives them, read so that the Tech Bar
// can be compared with it (the trial's headline comparison). The header names the columns, in
// any order and any case; columns Peel does not use are skipped, since every desk's export
// has its own extras:
//   reference       required, unique in the file
//   opened          required: RFC 3339, or "YYYY-MM-DD HH:MM[:SS]" taken as UTC
//   resolved        empty while the ticket is open; not before `opened`
//   device_type     required: one of the Tech Bar's device types, written any way
//                   ("Body-worn camera", "account/access")
//   symptom         optional: what the caller reported
//   first_time_fix  optional: yes/no, true/false, y/n, 1/0; empty is no
//   survey_sent     optional, as first_time_fix; without the column, every resolved ticket
//                   is taken to have been sent the desk's survey
//   survey_score    optional: 1 to 5, empty when not answered
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "techbar/figures.h"

namespace peel::techbar {

struct ServiceDeskTicket {
  std::string reference;
  Contact contact;
};

inline constexpr size_t kMaxServiceDeskRows = 500000;

// 422 naming the line and the column of the first thing wrong ("line 7: resolved: is before
// opened"), so that the export can be mended and sent again.
Result<std::vector<ServiceDeskTicket>> read_service_desk_csv(std::string_view text);

// "Body-worn camera" -> body_worn_camera; nullopt when it is not a device type.
std::optional<std::string> device_type_named(std::string_view text);

}  // namespace peel::techbar
