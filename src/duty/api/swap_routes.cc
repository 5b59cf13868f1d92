// /api/v1/duty/swaps and /swap-options: an officer finds a colleague's tour to exchange one of
// theirs for and asks; a supervisor decides, and on approval the tours change hands within the
// rules (swaps.h).
#include <algorithm>

#include "duty/api/routes.h"

namespace peel::duty {

namespace json = boost::json;
namespace perm = auth::permission;

namespace {

// How far either side of a tour a colleague's tour may be to be offered in exchange.
constexpr auto kSwapReach = std::chrono::days(7);

// The tour `tour_id` names (422 naming the field when there is none) and its person, when the
// caller may act on it: their own, or anyone's with duty.plan (403 otherwise).
Result<std::pair<RosteredTour, DutyPerson>> own_tour(const DutyApiDeps& deps,
                                                     const http::Context& c,
                                                     const std::string& tour_id) {
  auto tour = deps.duty.tours.get(tour_id);
  if (!tour) {
    if (tour.error().code != ErrorCode::kNotFound) return std::move(tour).error();
    return Error::invalid("tour_id", "is no rostered tour (" + tour_id + ")");
  }
  auto person = person_for(deps, c, tour->facts.person_id, perm::kDutyPlan);
  if (!person) return std::move(person).error();
  return std::pair{std::move(*tour), std::move(*person)};
}

json::object swap_json(const SwapRequest& r) {
  json::object out{{"id", r.id},     {"tour_id", r.tour_id}, {"other_tour_id", r.other_tour_id},
                   {"note", r.note}, {"status", r.status},   {"requested_by", r.requested_by}};
  out["decided_by"] = r.decided_by.empty() ? json::value(nullptr) : json::value(r.decided_by);
  return out;
}

http::Handler request_swap(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto f = http::JsonFields::parse(c.request.body);
    if (!f) return std::move(f).error();
    const std::string tour_id = f->string("tour_id", 1, 100);
    const std::string other = f->string("other_tour_id", 1, 100);
    const std::string note = f->optional_string("note", 1000).value_or("");
    if (Status s = f->finish(); !s) return std::move(s).error();
    auto mine = own_tour(deps, c, tour_id);
    if (!mine) return std::move(mine).error();
    auto made = deps.duty.swaps.request(tour_id, other, note, c.actor());
    if (!made) return std::move(made).error();
    return http::json_response(201, swap_json(*made));
  };
}

http::Handler waiting_swaps(const DutyApiDeps& deps) {
  return [deps](http::Context&) -> Result<http::Response> {
    auto waiting = deps.duty.swaps.waiting();
    if (!waiting) return std::move(waiting).error();
    json::array items;
    for (const auto& r : *waiting) items.push_back(swap_json(r));
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

http::Handler decide_swap(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    auto request = deps.duty.swaps.get(c.path_params.at("id"));
    if (!request) return std::move(request).error();
    auto decision = read_decision(c, request->requested_by);
    if (!decision) return std::move(decision).error();
    auto decided =
        deps.duty.swaps.decide(request->id, decision->approve, decision->note, c.actor());
    if (!decided) return std::move(decided).error();
    return http::json_response(200, swap_json(*decided));
  };
}

// Colleagues' tours one of yours could be exchanged for: in your area, from a week before yours
// to a week after, each with who works it. Seeing them is a read of colleagues' rosters: logged.
http::Handler swap_options(const DutyApiDeps& deps) {
  return [deps](http::Context& c) -> Result<http::Response> {
    const std::string tour_id = query_or(c, "tour_id");
    if (tour_id.empty()) return Error::invalid("tour_id", "is required");
    auto mine = own_tour(deps, c, tour_id);
    if (!mine) return std::move(mine).error();
    const DutyPerson& person = mine->second;
    auto colleagues = deps.duty.staff.list(person.facts.area);
    if (!colleagues) return std::move(colleagues).error();
    const Timestamp start = mine->first.facts.start;
    auto tours = deps.duty.tours.between(start - kSwapReach, start + kSwapReach, "");
    if (!tours) return std::move(tours).error();
    json::array items;
    for (const auto& t : *tours) {
      if (t.facts.person_id == person.id) continue;
      const auto who = std::find_if(colleagues->begin(), colleagues->end(),
                                    [&](const DutyPerson& p) { return p.id == t.facts.person_id; });
      if (who == colleagues->end()) continue;
      items.push_back(json::object{{"tour", tour_json(t)},
                                   {"person", json::object{{"id", who->id},
                                                           {"number", who->facts.number},
                                                           {"name", who->facts.name},
                                                           {"rank", who->facts.rank}}}});
    }
    return http::json_response(200, json::object{{"items", std::move(items)}});
  };
}

}  // namespace

void add_swap_routes(http::Router& router, const DutyApiDeps& deps) {
  router.add({.method = "GET",
              .pattern = "/api/v1/duty/swap-options",
              .permission = perm::kDutyOwn,
              .handler = swap_options(deps),
              .summary = "Colleagues' tours in your area within a week of your tour ?tour_id=,"
                         " with who works each: what you could ask to swap it for",
              .personal_data =
                  http::PersonalData::usual("duty management", {{"staff", "/items/*/person/id"}})});
  router.add({.method = "POST",
              .pattern = "/api/v1/duty/swaps",
              .permission = perm::kDutyOwn,
              .handler = request_swap(deps),
              .summary = "Ask to exchange your tour for a colleague's: tour_id, other_tour_id,"
                         " note",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "GET",
              .pattern = "/api/v1/duty/swaps",
              .permission = perm::kDutyApprove,
              .handler = waiting_swaps(deps),
              .summary = "Swap requests waiting for a decision",
              .personal_data = http::PersonalData::none()});
  router.add({.method = "POST",
              .pattern = "/api/v1/duty/swaps/{id}/decision",
              .permission = perm::kDutyApprove,
              .handler = decide_swap(deps),
              .summary = "Approve (the tours change hands, checked against the rules) or refuse"
                         " a swap: approve, note",
              .personal_data = http::PersonalData::none()});
}

}  // namespace peel::duty
