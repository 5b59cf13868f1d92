#include "pole/links.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/id.h"
#include "core/json_text.h"
#include "pole/register.h"

namespace peel::pole {

namespace json = boost::json;

const std::vector<LinkType>& link_types() {
  static const std::vector<LinkType> types = {
      {"suspect_in", "person", "event"},    {"victim_of", "person", "event"},
      {"witness_to", "person", "event"},    {"owner_of", "person", "object"},
      {"driver_of", "person", "object"},    {"lives_at", "person", "location"},
      {"associate_of", "person", "person"}, {"involved_in", "object", "event"},
      {"occurred_at", "event", "location"},
  };
  return types;
}

namespace {

const LinkType* find_type(const std::string& name) {
  const auto& all = link_types();
  const auto it =
      std::find_if(all.begin(), all.end(), [&](const LinkType& t) { return t.name == name; });
  return it == all.end() ? nullptr : &*it;
}

// The link, its ends' kinds, and each end's label (register.h).
std::string select_links() {
  return fmt::format(
      "SELECT l.id, l.from_id, l.type, l.to_id, l.valid_from, l.valid_to, l.source,"
      " l.recorded_at, l.recorded_by, fr.kind, tr.kind, {}, {} FROM pole_links l"
      " JOIN pole_records fr ON fr.id = l.from_id JOIN pole_records tr ON tr.id = l.to_id{}{}",
      label_columns("fr"), label_columns("tr"), label_joins("fr"), label_joins("tr"));
}

Link link_from_row(const store::Row& row) {
  Link l;
  l.id = row.text(0);
  l.facts.from_id = row.text(1);
  l.facts.type = row.text(2);
  l.facts.to_id = row.text(3);
  if (const auto d = row.optional_text(4)) l.facts.valid_from = parse_date(*d);
  if (const auto d = row.optional_text(5)) l.facts.valid_to = parse_date(*d);
  l.facts.source = row.text(6);
  l.recorded_at = parse_rfc3339(row.text(7)).value_or(Timestamp{});
  l.recorded_by = row.text(8);
  l.from_kind = row.text(9);
  l.to_kind = row.text(10);
  l.from_label = label_from(row, 11, l.from_kind);
  l.to_label = label_from(row, 19, l.to_kind);
  return l;
}

store::Value optional_date(const std::optional<Date>& d) {
  return d ? store::Value(format_date(*d)) : store::Value();
}

}  // namespace

Status check_link(const NewLink& link) {
  if (!find_type(link.type))
    return Error::invalid("type",
                          "must be suspect_in, victim_of, witness_to, owner_of, driver_of, "
                          "lives_at, associate_of, involved_in or occurred_at");
  if (link.from_id == link.to_id) return Error::invalid("to_id", "is the record it is from");
  if (link.source.empty() || link.source.size() > 200)
    return Error::invalid("source", "must say who or what says so (1 to 200 characters)");
  if (link.valid_from && link.valid_to &&
      std::tie(link.valid_to->year, link.valid_to->month, link.valid_to->day) <
          std::tie(link.valid_from->year, link.valid_from->month, link.valid_from->day))
    return Error::invalid("valid_to", "is before valid_from");
  return {};
}

Status write_link(store::Session& s, const std::string& id, const NewLink& link,
                  const std::string& field, Timestamp at, const std::string& by) {
  const LinkType& type = *find_type(link.type);
  const std::string prefix = field.empty() ? "" : field + ".";
  auto from = registered(s, prefix + "from_id", link.from_id);
  if (!from) return std::move(from).error();
  auto to = registered(s, prefix + "to_id", link.to_id);
  if (!to) return std::move(to).error();
  if (from->kind != type.from_kind)
    return Error::invalid(prefix + "from_id", fmt::format("is a {}; {} links a {}", from->kind,
                                                          type.name, type.from_kind));
  if (to->kind != type.to_kind)
    return Error::invalid(prefix + "to_id", fmt::format("is a {}; {} links to a {}", to->kind,
                                                        type.name, type.to_kind));
  auto row = s.execute(
      "INSERT INTO pole_links (id, from_id, type, to_id, valid_from, valid_to, source,"
      " recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {id, link.from_id, link.type, link.to_id, optional_date(link.valid_from),
       optional_date(link.valid_to), link.source, format_rfc3339(at), by});
  if (!row) return std::move(row).error();
  if (to->kind == "event") return hold_for(s, from->id, to->mopi_group, to->review_due);
  return {};
}

Links::Links(store::Store& store, events::EventLog& log, const Clock& clock)
    : store_(store), log_(log), clock_(clock) {}

Result<Link> Links::add(const NewLink& link, const auth::Actor& by) {
  if (Status s = check_link(link); !s) return std::move(s).error();
  const std::string id = new_id(clock_);
  const json::object payload{
      {"from_id", link.from_id},
      {"type", link.type},
      {"to_id", link.to_id},
      {"valid_from", link.valid_from ? json::value(format_date(*link.valid_from)) : json::value()},
      {"valid_to", link.valid_to ? json::value(format_date(*link.valid_to)) : json::value()},
      {"source", link.source}};
  auto event = log_.append({"link/" + id, "LinkRecorded", by.id, "", json_text(payload)},
                           [&](store::Session& s, const events::Event& e) -> Status {
                             return write_link(s, id, link, "", e.at, by.id);
                           });
  if (!event) return std::move(event).error();
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("{} WHERE l.id = $1", select_links()), {id});
      });
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::not_found("no link " + id);
  return link_from_row(rows->front());
}

Result<std::vector<Link>> Links::of(const std::vector<std::string>& ids) const {
  auto rows = store::in_transaction<store::Rows>(
      store_, store::Access::kRead, [&](store::Session& s) -> Result<store::Rows> {
        store::Rows all;
        for (const auto& id : ids) {
          auto part =
              s.query(fmt::format("{} WHERE l.from_id = $1 OR l.to_id = $1", select_links()), {id});
          if (!part) return std::move(part).error();
          for (auto& r : *part) all.push_back(std::move(r));
        }
        return all;
      });
  if (!rows) return std::move(rows).error();
  std::vector<Link> links;
  for (const auto& row : *rows) {
    Link l = link_from_row(row);
    if (std::none_of(links.begin(), links.end(), [&](const Link& x) { return x.id == l.id; }))
      links.push_back(std::move(l));
  }
  std::sort(links.begin(), links.end(),
            [](const Link& a, const Link& b) { return a.recorded_at < b.recorded_at; });
  return links;
}

}  // namespace peel::pole
