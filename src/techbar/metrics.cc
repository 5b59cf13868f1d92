#include "techbar/metrics.h"

#include <algorithm>

#include "core/csv.h"
#include "techbar/visits.h"

namespace peel::techbar {

namespace {

struct Visited {
  Contact contact;
  std::optional<double> promised_seconds;
};

// The visits checked in within [from, to) that the query's site and device select.
Result<std::vector<Visited>> visits_between(store::Store& store, Timestamp from, Timestamp to,
                                            const MetricsQuery& q) {
  auto rows =
      store::in_transaction<store::Rows>(store, store::Access::kRead, [&](store::Session& s) {
        return s.query(
            "SELECT v.location_id, v.device_type, v.symptom, v.checked_in_at, v.called_at,"
            " v.promised_wait_seconds, t.id, t.resolved_at, t.first_time_fix, s.token, s.score"
            " FROM techbar_visits v LEFT JOIN techbar_tickets t ON t.visit_id = v.id"
            " LEFT JOIN techbar_surveys s ON s.ticket_id = t.id"
            " WHERE v.checked_in_at >= $1 AND v.checked_in_at < $2"
            " AND ($3 = '' OR v.location_id = $3) AND ($4 = '' OR v.device_type = $4)",
            {format_rfc3339(from), format_rfc3339(to), q.location_id, q.device_type});
      });
  if (!rows) return std::move(rows).error();
  std::vector<Visited> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    Visited v;
    Contact& c = v.contact;
    c.location_id = r.text(0);
    c.device_type = r.text(1);
    c.symptom = r.text(2);
    c.opened_at = parse_rfc3339(r.text(3)).value_or(Timestamp{});
    if (const auto called = parse_optional_rfc3339(r.optional_text(4))) {
      c.wait_seconds = std::chrono::duration<double>(*called - c.opened_at).count();
      v.promised_seconds = r.real(5);
    }
    c.ticket = r.optional_text(6).has_value();
    c.resolved_at = parse_optional_rfc3339(r.optional_text(7));
    c.first_time_fix = r.optional_integer(8).value_or(0) != 0;
    c.surveyed = r.optional_text(9).has_value();
    if (const auto score = r.optional_integer(10)) c.score = static_cast<int>(*score);
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<Problem> top_problems(const std::vector<Visited>& now,
                                  const std::vector<Visited>& before) {
  std::map<std::pair<std::string, std::string>, Problem> problems;
  const auto problem_of = [&](const Contact& c) -> Problem& {
    Problem& p = problems[{c.device_type, lowercase(trimmed(c.symptom))}];
    if (p.symptom.empty()) {
      p.device_type = c.device_type;
      p.symptom = trimmed(c.symptom);
    }
    return p;
  };
  for (const auto& v : now) {
    Problem& p = problem_of(v.contact);
    ++p.visits;
    ++p.by_location[v.contact.location_id];
  }
  for (const auto& v : before) {
    const auto it = problems.find({v.contact.device_type, lowercase(trimmed(v.contact.symptom))});
    if (it != problems.end()) ++it->second.previous_visits;
  }
  std::vector<Problem> out;
  out.reserve(problems.size());
  for (auto& [key, p] : problems) out.push_back(std::move(p));
  std::stable_sort(out.begin(), out.end(),
                   [](const Problem& a, const Problem& b) { return a.visits > b.visits; });
  if (out.size() > kTopProblems) out.resize(kTopProblems);
  return out;
}

}  // namespace

Result<MetricsReport> techbar_metrics(store::Store& store, const ServiceDesk& service_desk,
                                      const MetricsQuery& q) {
  auto visits = visits_between(store, q.from, q.to, q);
  if (!visits) return std::move(visits).error();
  auto before = visits_between(store, q.from - (q.to - q.from), q.from, q);
  if (!before) return std::move(before).error();
  auto desk = service_desk.contacts(q.from, q.to, q.device_type);
  if (!desk) return std::move(desk).error();

  MetricsReport report;
  report.query = q;
  std::vector<const Contact*> all;
  std::map<std::string, std::vector<const Contact*>> by_site, by_device;
  std::vector<PromisedWait> promised;
  for (const auto& v : *visits) {
    all.push_back(&v.contact);
    by_site[v.contact.location_id].push_back(&v.contact);
    by_device[v.contact.device_type].push_back(&v.contact);
    if (v.promised_seconds)
      promised.push_back(
          {.promised_seconds = *v.promised_seconds, .actual_seconds = *v.contact.wait_seconds});
  }
  std::map<std::string, std::vector<const Contact*>> desk_by_device;
  for (const auto& c : *desk) desk_by_device[c.device_type].push_back(&c);

  report.techbar = figures_of(all);
  report.service_desk = figures_of(*desk);
  for (const auto& [site, contacts] : by_site)
    report.by_location.push_back({.location_id = site, .figures = figures_of(contacts)});
  for (const auto& device : device_types()) {
    if (!q.device_type.empty() && device != q.device_type) continue;
    report.by_device.push_back({.device_type = device,
                                .techbar = figures_of(by_device[device]),
                                .service_desk = figures_of(desk_by_device[device])});
  }
  report.calibration = calibration_of(promised);
  report.top_problems = top_problems(*visits, *before);
  return report;
}

}  // namespace peel::techbar
