#include "techbar/service_desk.h"

#include <boost/json.hpp>

#include "core/json_text.h"

namespace peel::techbar {

namespace json = boost::json;

namespace {

store::Value optional_time(const std::optional<Timestamp>& t) {
  return t ? store::Value(format_rfc3339(*t)) : store::Value();
}

}  // namespace

ServiceDesk::ServiceDesk(store::Store& store, events::EventLog& log) : store_(store), log_(log) {}

Result<ServiceDeskImport> ServiceDesk::import_csv(std::string_view csv,
                                                  const std::string& file_name,
                                                  const auth::Actor& by) {
  auto tickets = read_service_desk_csv(csv);
  if (!tickets) return std::move(tickets).error();
  ServiceDeskImport out{.tickets = static_cast<int>(tickets->size()), .added = 0, .replaced = 0};
  const auto count = [](store::Session& s) -> Result<long long> {
    auto rows = s.query("SELECT COUNT(*) FROM techbar_service_desk", {});
    if (!rows) return std::move(rows).error();
    return rows->front().integer(0);
  };
  auto event = log_.append(
      {"techbar-service-desk/imports", "TechbarServiceDeskImported", by.id, "",
       json_text(json::object{{"file", file_name}, {"tickets", out.tickets}})},
      [&](store::Session& s, const events::Event& e) -> Status {
        auto before = count(s);
        if (!before) return std::move(before).error();
        for (const auto& t : *tickets) {
          const Contact& c = t.contact;
          auto row = s.execute(
              "INSERT INTO techbar_service_desk (reference, opened_at, resolved_at, device_type,"
              " symptom, first_time_fix, surveyed, score, imported_at)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (reference) DO UPDATE SET"
              " opened_at = excluded.opened_at, resolved_at = excluded.resolved_at,"
              " device_type = excluded.device_type, symptom = excluded.symptom,"
              " first_time_fix = excluded.first_time_fix, surveyed = excluded.surveyed,"
              " score = excluded.score, imported_at = excluded.imported_at",
              {t.reference, format_rfc3339(c.opened_at), optional_time(c.resolved_at),
               c.device_type, c.symptom, c.first_time_fix ? 1LL : 0LL, c.surveyed ? 1LL : 0LL,
               c.score ? store::Value(static_cast<long long>(*c.score)) : store::Value(),
               format_rfc3339(e.at)});
          if (!row) return std::move(row).error();
        }
        auto after = count(s);
        if (!after) return std::move(after).error();
        out.added = static_cast<int>(*after - *before);
        out.replaced = out.tickets - out.added;
        return {};
      });
  if (!event) return std::move(event).error();
  return out;
}

Result<std::vector<Contact>> ServiceDesk::contacts(Timestamp from, Timestamp to,
                                                   const std::string& device_type) const {
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            "SELECT device_type, symptom, opened_at, resolved_at, first_time_fix, surveyed, score"
            " FROM techbar_service_desk WHERE opened_at >= $1 AND opened_at < $2 AND"
            " ($3 = '' OR device_type = $3)",
            {format_rfc3339(from), format_rfc3339(to), device_type});
      });
  if (!rows) return std::move(rows).error();
  std::vector<Contact> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    Contact c;
    c.device_type = r.text(0);
    c.symptom = r.text(1);
    c.opened_at = parse_rfc3339(r.text(2)).value_or(Timestamp{});
    c.resolved_at = parse_optional_rfc3339(r.optional_text(3));
    c.first_time_fix = r.integer(4) != 0;
    c.surveyed = r.integer(5) != 0;
    if (const auto score = r.optional_integer(6)) c.score = static_cast<int>(*score);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace peel::techbar
