// Abstractions: time a person is taken away from duty — annual leave, sickness, training, court.
// An officer requests leave for themself and a supervisor decides; a planner records sickness,
// training and court, which stand at once. Approved abstractions take the person out of cover
// and off the Command & Control feed for their whole span, at once.
#pragma once

#include <string>
#include <vector>

#include "duty/staff.h"

namespace peel::duty {

const std::vector<std::string>& abstraction_kinds();  // annual_leave, sickness, training, ...

struct NewAbstraction {
  std::string person_id;
  std::string kind;
  Timestamp start, end;
  std::string note;  // what the supervisor needs to decide; never medical detail
};

struct Abstraction {
  std::string id;
  NewAbstraction facts;
  std::string status;  // requested, approved, refused
  std::string requested_by, decided_by, decision_note;
};

class Abstractions {
 public:
  Abstractions(store::Store& store, events::EventLog& log, const Clock& clock);

  // `stands`: recorded as approved at once (a planner recording sickness, training or court);
  // otherwise requested, for a supervisor to decide.
  Result<Abstraction> record(const NewAbstraction& a, bool stands, const auth::Actor& by);
  // Approve or refuse a request once; 409 when it was decided already.
  Result<Abstraction> decide(const std::string& id, bool approve, const std::string& note,
                             const auth::Actor& by);
  Result<Abstraction> get(const std::string& id) const;
  // Abstractions overlapping [from, to) of one person or of everyone (person_id empty), in
  // any status.
  Result<std::vector<Abstraction>> between(Timestamp from, Timestamp to,
                                           const std::string& person_id) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::duty
