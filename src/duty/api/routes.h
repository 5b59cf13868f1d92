// The duty API's parts, each adding its routes, and what they share.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "duty/api/duty_api.h"

namespace peel::duty {

void add_staff_routes(http::Router& router, const DutyApiDeps& deps);
void add_roster_routes(http::Router& router, const DutyApiDeps& deps);
void add_cover_routes(http::Router& router, const DutyApiDeps& deps);
void add_pattern_routes(http::Router& router, const DutyApiDeps& deps);
void add_plan_routes(http::Router& router, const DutyApiDeps& deps);
void add_swap_routes(http::Router& router, const DutyApiDeps& deps);

boost::json::object person_json(const DutyPerson& p);
boost::json::object tour_json(const RosteredTour& t);
boost::json::object abstraction_json(const Abstraction& a);
boost::json::object new_tour_json(const NewTour& t);
// {"rostered": [tours], "refused": [{person_id, start, end, kind, reason}]}
boost::json::object built_json(const RosterBuilt& built);

// "HH:MM" into minutes of the day; -1 when it is not one.
int minute_of_day(const std::string& text);
// The days "from" and "to" of a period (YYYY-MM-DD), each named in its error.
Result<std::pair<Day, Day>> read_days(const std::string& from, const std::string& to);
// A required RFC 3339 time read from the body.
Result<Timestamp> time_field(http::JsonFields& f, const char* name);
// person_id, start, end, kind, unit, override_reason. Errors of the times come back here;
// those of the other fields go to `f` (its finish()).
Result<NewTour> read_new_tour(http::JsonFields& f);

// The person `person_id` names when the caller may act on them: themself, or anyone with
// `permission`; 403 otherwise. An empty person_id means the caller's own record. Nobody by that
// id is 404, or 422 naming `body_field` when the id came in the request's body.
Result<DutyPerson> person_for(const DutyApiDeps& deps, const http::Context& c,
                              const std::string& person_id, const char* permission,
                              const char* body_field = nullptr);

// {approve (required), note}; refused when the one deciding is the one who asked.
struct Decision {
  bool approve = false;
  std::string note;
};
Result<Decision> read_decision(const http::Context& c, const std::string& requested_by);

// The query parameter `name`, or "" when absent.
std::string query_or(const http::Context& c, const char* name);

// ?from=&to= (RFC 3339): both required, to after from, at most `longest` apart.
struct Period {
  Timestamp from, to;
};
Result<Period> period_param(const http::Context& c, std::chrono::days longest);

}  // namespace peel::duty
