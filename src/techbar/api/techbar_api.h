// The HTTP API of the Tech Bar under /api/v1/techbar (docs/api.md, "Endpoints (techbar)"): the
// sites, checking in, the queue at a counter, calling the next person and ending a visit.
#pragma once

#include "auth/auth.h"
#include "core/clock.h"
#include "http/http.h"
#include "techbar/techbar.h"

namespace peel::techbar {

struct TechbarApiDeps {
  Techbar& techbar;
  auth::AuthService& auth;  // the access log: who is waiting is personal data
  const Clock& clock;
  const duty::Staff& staff;  // which person on the register the caller's account is
};

// Whose a booking, a visit or a survey is: the person it is for and the account that made it
// (a shared kiosk's, or the person's own; empty for rows from before it was recorded).
struct Owners {
  std::string staff_number, account;
};
// Ok for either owner and for the counter (techbar.serve); 403 saying so for anyone else.
Status owner_or_counter(const TechbarApiDeps& deps, const http::Context& c, const Owners& owners);
// The owners of a visit and so of its ticket's survey (404 for no such visit).
Result<Owners> owners_of_visit(const TechbarApiDeps& deps, const std::string& visit_id);

void add_techbar_routes(http::Router& router, const TechbarApiDeps& deps);

// Who checks in or books: `staff_number`, or else `name`, read from the body with its other
// fields; then the number, the name looked up in the staff register (422 naming staff_number
// when neither is given or both are, or naming name).
struct PersonGiven {
  std::string staff_number, name;
};
PersonGiven read_person(http::JsonFields& fields);
Result<std::string> staff_number_of(const PersonGiven& person, const TechbarApiDeps& deps);

// Where a survey is answered: the API's address; the web page is #/techbar/survey/<token>.
inline std::string survey_link(const std::string& token) {
  return "/api/v1/techbar/surveys/" + token;
}

}  // namespace peel::techbar
