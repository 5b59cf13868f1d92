#include "techbar/assets.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"

namespace peel::techbar {

namespace json = boost::json;

namespace {

constexpr const char* kColumns =
    "SELECT id, location_id, device_type, serial, model, state, holder_number, holder_name,"
    " ticket_id, swap, lent_at, due_back FROM techbar_assets";

Asset asset_from_row(const store::Row& r) {
  Asset a;
  a.id = r.text(0);
  a.facts = {r.text(1), r.text(2), r.text(3), r.text(4)};
  a.state = r.text(5);
  a.holder_number = r.optional_text(6).value_or("");
  a.holder_name = r.optional_text(7).value_or("");
  a.ticket_id = r.optional_text(8).value_or("");
  a.swap = r.optional_integer(9).value_or(0) != 0;
  a.lent_at = parse_optional_rfc3339(r.optional_text(10));
  a.due_back = parse_optional_rfc3339(r.optional_text(11));
  return a;
}

}  // namespace

Assets::Assets(store::Store& store, events::EventLog& log, const Clock& clock,
               const duty::Staff& staff)
    : store_(store), log_(log), clock_(clock), staff_(staff) {}

Result<Asset> Assets::add(const NewAsset& a, const auth::Actor& by) {
  if (std::find(device_types().begin(), device_types().end(), a.device_type) ==
      device_types().end())
    return Error::invalid("device_type", "is not a device type the Tech Bar knows");
  if (a.serial.empty() || a.serial.size() > 60)
    return Error::invalid("serial", "must be the serial number, 1 to 60 characters");
  if (a.model.size() > 100) return Error::invalid("model", "must be at most 100 characters");
  const std::string id = new_id(clock_);
  auto event = log_.append(
      {"techbar-asset/" + id, "TechbarAssetRegistered", by.id, "",
       json_text(json::object{{"serial", a.serial}, {"location_id", a.location_id}})},
      [&](store::Session& s, const events::Event&) -> Status {
        auto site = s.query("SELECT id FROM techbar_locations WHERE id = $1", {a.location_id});
        if (!site) return std::move(site).error();
        if (site->empty()) return Error::invalid("location_id", "is not a Tech Bar");
        auto held = s.query("SELECT id FROM techbar_assets WHERE serial = $1", {a.serial});
        if (!held) return std::move(held).error();
        if (!held->empty())
          return Error::conflict("serial " + a.serial + " is registered already, as asset " +
                                 held->front().text(0));
        auto row = s.execute(
            "INSERT INTO techbar_assets (id, location_id, device_type, serial, model, state)"
            " VALUES ($1, $2, $3, $4, $5, 'in_stock')",
            {id, a.location_id, a.device_type, a.serial, a.model});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<std::vector<Asset>> Assets::list(const std::string& location_id) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(std::string(kColumns) +
                           " WHERE ($1 = '' OR location_id = $1) ORDER BY device_type, serial",
                       {location_id});
      });
  if (!rows) return std::move(rows).error();
  std::vector<Asset> out;
  for (const auto& r : *rows) out.push_back(asset_from_row(r));
  return out;
}

Result<Asset> Assets::get(const std::string& id) const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead,
      [&](store::Session& s) { return s.query(std::string(kColumns) + " WHERE id = $1", {id}); });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no Tech Bar asset " + id);
  return asset_from_row(rows->front());
}

Result<Asset> Assets::lend(const std::string& id, const Lending& l, const auth::Actor& engineer) {
  if (!l.swap && (l.days < 1 || l.days > 90)) return Error::invalid("days", "must be 1 to 90");
  auto person = person_numbered(staff_, l.staff_number);
  if (!person) return std::move(person).error();
  auto event = log_.append(
      {"techbar-asset/" + id, l.swap ? "TechbarAssetSwapped" : "TechbarAssetLent", engineer.id, "",
       json_text(json::object{{"person_id", person->id}, {"ticket_id", l.ticket_id}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto state = s.query("SELECT state, holder_name FROM techbar_assets WHERE id = $1", {id});
        if (!state) return std::move(state).error();
        if (state->empty()) return Error::not_found("no Tech Bar asset " + id);
        if (state->front().text(0) != "in_stock")
          return Error::conflict("asset " + id + " is on loan already, to " +
                                 state->front().optional_text(1).value_or("someone"));
        const std::optional<std::string> due =
            l.swap ? std::nullopt
                   : std::optional<std::string>(format_rfc3339(e.at + std::chrono::days(l.days)));
        auto row = s.execute(
            "UPDATE techbar_assets SET state = 'on_loan', holder_number = $2, holder_name = $3,"
            " ticket_id = $4, swap = $5, lent_at = $6, due_back = $7 WHERE id = $1",
            {id, person->facts.number, person->facts.name,
             l.ticket_id.empty() ? store::Value() : store::Value(l.ticket_id), l.swap ? 1LL : 0LL,
             format_rfc3339(e.at), due ? store::Value(*due) : store::Value()});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

Result<Asset> Assets::take_back(const std::string& id, const auth::Actor& engineer) {
  auto event = log_.append(
      {"techbar-asset/" + id, "TechbarAssetReturned", engineer.id, "", "{}"},
      [&](store::Session& s, const events::Event&) -> Status {
        auto state = s.query("SELECT state FROM techbar_assets WHERE id = $1", {id});
        if (!state) return std::move(state).error();
        if (state->empty()) return Error::not_found("no Tech Bar asset " + id);
        if (state->front().text(0) != "on_loan")
          return Error::conflict("asset " + id + " is not on loan");
        auto row = s.execute(
            "UPDATE techbar_assets SET state = 'in_stock', holder_number = NULL, holder_name ="
            " NULL, ticket_id = NULL, swap = NULL, lent_at = NULL, due_back = NULL WHERE id = $1",
            {id});
        if (!row) return std::move(row).error();
        return {};
      });
  if (!event) return std::move(event).error();
  return get(id);
}

}  // namespace peel::techbar
