// Shift swaps: an officer asks to exchange one of their tours for a colleague's; a supervisor
// decides, and on approval the two tours change hands in the same transaction, each person
// checked against the working-time rules as if newly rostered. A swap that would break a rule
// is refused naming it and stays waiting.
#pragma once

#include <string>
#include <vector>

#include "duty/tours.h"

namespace peel::duty {

struct SwapRequest {
  std::string id;
  std::string tour_id, other_tour_id;
  std::string note;
  std::string status;  // requested, approved, refused
  std::string requested_by, decided_by;
};

class Swaps {
 public:
  Swaps(store::Store& store, events::EventLog& log, const Clock& clock, const Tours& tours);

  Result<SwapRequest> request(const std::string& tour_id, const std::string& other_tour_id,
                              const std::string& note, const auth::Actor& by);
  Result<SwapRequest> decide(const std::string& id, bool approve, const std::string& note,
                             const auth::Actor& by);
  Result<SwapRequest> get(const std::string& id) const;
  Result<std::vector<SwapRequest>> waiting() const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
  const Tours& tours_;
};

}  // namespace peel::duty
