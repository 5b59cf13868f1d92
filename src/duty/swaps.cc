#include "duty/swaps.h"

#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"

namespace peel::duty {

namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "SELECT id, tour_id, other_tour_id, note, status, requested_by, decided_by FROM duty_swaps";

SwapRequest swap_from_row(const store::Row& r) {
  return {.id = r.text(0),
          .tour_id = r.text(1),
          .other_tour_id = r.text(2),
          .note = r.text(3),
          .status = r.text(4),
          .requested_by = r.text(5),
          .decided_by = r.optional_text(6).value_or("")};
}

Status tour_stands(store::Session& s, const std::string& id, const char* field) {
  auto row = s.query("SELECT 1 FROM duty_tours WHERE id = $1 AND cancelled_at IS NULL", {id});
  if (!row) return std::move(row).error();
  if (row->empty()) return Error::invalid(field, "is no rostered tour (" + id + ")");
  return {};
}

}  // namespace

Swaps::Swaps(store::Store& store, events::EventLog& log, const Clock& clock, const Tours& tours)
    : store_(store), log_(log), clock_(clock), tours_(tours) {}

Result<SwapRequest> Swaps::request(const std::string& tour_id, const std::string& other_tour_id,
                                   const std::string& note, const auth::Actor& by) {
  if (note.size() > 1000) return Error::invalid("note", "must be at most 1,000 characters");
  if (tour_id == other_tour_id) return Error::invalid("other_tour_id", "is the same tour");
  const std::string id = new_id(clock_);
  auto event = log_.append(
      {"duty-swap/" + id, "SwapRequested", by.id, note,
       json_text(json::object{{"tour_id", tour_id}, {"other_tour_id", other_tour_id}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        if (Status ok = tour_stands(s, tour_id, "tour_id"); !ok) return ok;
        if (Status ok = tour_stands(s, other_tour_id, "other_tour_id"); !ok) return ok;
        auto row = s.execute(
            "INSERT INTO duty_swaps (id, tour_id, other_tour_id, note, status, requested_by,"
            " recorded_at) VALUES ($1, $2, $3, $4, 'requested', $5, $6)",
            {id, tour_id, other_tour_id, note, by.id, format_rfc3339(e.at)});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<SwapRequest> Swaps::decide(const std::string& id, bool approve, const std::string& note,
                                  const auth::Actor& by) {
  if (note.size() > 1000) return Error::invalid("note", "must be at most 1,000 characters");
  auto event = log_.append(
      {"duty-swap/" + id, approve ? "SwapApproved" : "SwapRefused", by.id, note, "{}"},
      [&](store::Session& s, const events::Event&) -> Status {
        auto rows = s.query(std::string(kColumns) + " WHERE id = $1", {id});
        if (!rows) return std::move(rows).error();
        if (rows->empty()) return Error::not_found("no swap request " + id);
        const SwapRequest now = swap_from_row(rows->front());
        if (now.status != "requested")
          return Error::conflict("swap request " + id + " was " + now.status + " already");
        if (approve) {
          auto swapped = tours_.swap_in(s, now.tour_id, now.other_tour_id);
          if (!swapped) return std::move(swapped).error();
        }
        auto row = s.execute("UPDATE duty_swaps SET status = $2, decided_by = $3 WHERE id = $1",
                             {id, approve ? "approved" : "refused", by.id});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<SwapRequest> Swaps::get(const std::string& id) const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return s.query(std::string(kColumns) + " WHERE id = $1", {id}); });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no swap request " + id);
  return swap_from_row(rows->front());
}

Result<std::vector<SwapRequest>> Swaps::waiting() const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(std::string(kColumns) + " WHERE status = 'requested' ORDER BY id");
      });
  if (!rows) return std::move(rows).error();
  std::vector<SwapRequest> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(swap_from_row(r));
  return out;
}

}  // namespace peel::duty
