// The service desk's tickets kept beside the Tech Bar's: imported from the desk's CSV export
// (service_desk_csv.h), each ticket by its reference, so that a later export of the same
// tickets (now resolved, or surveyed) replaces what an earlier one said.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/auth.h"
#include "events/event_log.h"
#include "techbar/service_desk_csv.h"

namespace peel::techbar {

struct ServiceDeskImport {
  int tickets = 0;   // in the file
  int added = 0;     // not seen before
  int replaced = 0;  // by reference, from an earlier import
};

class ServiceDesk {
 public:
  ServiceDesk(store::Store& store, events::EventLog& log);

  // All of the file or nothing: 422 naming the first bad line and column.
  Result<ServiceDeskImport> import_csv(std::string_view csv, const std::string& file_name,
                                       const auth::Actor& by);
  // The tickets opened in [from, to), of one device type when given.
  Result<std::vector<Contact>> contacts(Timestamp from, Timestamp to,
                                        const std::string& device_type) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
};

}  // namespace peel::techbar
