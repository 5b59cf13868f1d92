// The MoPI review queue: records whose review date has come, oldest first, and the decision to
// keep one for another period (recorded with its reason in the event log).
#pragma once

#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "pole/register.h"
#include "store/store.h"

namespace peel::pole {

struct ReviewDue {
  RegisteredRecord record;
  std::string label;  // "Smith, John Paul", "crime CR-0000123-26", "vehicle AB12CDE", an address
};

class Reviews {
 public:
  Reviews(store::Store& store, events::EventLog& log);

  // Records due for review on or before `by`, not merged into another, earliest due first.
  Result<std::vector<ReviewDue>> due(const Date& by, size_t limit) const;
  // Reviewed and kept: due again after its group's period from today.
  Result<RegisteredRecord> retain(const std::string& id, const std::string& reason,
                                  const auth::Actor& by);

 private:
  store::Store& store_;
  events::EventLog& log_;
};

}  // namespace peel::pole
