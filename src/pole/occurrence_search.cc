// Events by type, classification, time, place and words, each with why it matched: nearest
// first when a point is given, newest first otherwise.
#include <fmt/format.h>

#include <algorithm>

#include "pole/crime_classes.h"
#include "pole/occurrences.h"
#include "pole/text_similarity.h"

namespace peel::pole {

namespace {

// Rows read per search at most, newest first, before distance and ranking.
constexpr size_t kCandidates = 5'000;

}  // namespace

Result<std::vector<EventHit>> Occurrences::search(const EventQuery& q) const {
  std::vector<std::string> asked;
  for (auto& w : words(normalise(q.text))) {
    if (w.size() >= 3 && std::find(asked.begin(), asked.end(), w) == asked.end())
      asked.push_back(std::move(w));
  }
  if (!q.text.empty() && asked.empty())
    return Error::invalid("text", "needs a word of three letters or more");
  if (asked.size() > 8) return Error::invalid("text", "at most 8 words");
  std::optional<Area> area = q.area;
  if (q.centre) area = Area::around(*q.centre, q.meters);

  std::string where = "1 = 1";
  store::Params params;
  auto param = [&](store::Value v) {
    params.push_back(std::move(v));
    return fmt::format("${}", params.size());
  };
  if (!q.type.empty()) where += " AND e.type = " + param(q.type);
  if (!q.classification.empty()) where += " AND e.classification = " + param(q.classification);
  if (q.from) where += " AND e.occurred_to >= " + param(format_rfc3339(*q.from));
  if (q.to) where += " AND e.occurred_from <= " + param(format_rfc3339(*q.to));
  if (area) {
    where += fmt::format(" AND e.lat BETWEEN {} AND {}", param(area->south_west.lat),
                         param(area->north_east.lat));
    where += fmt::format(" AND e.lon BETWEEN {} AND {}", param(area->south_west.lon),
                         param(area->north_east.lon));
  }
  for (const auto& w : asked) {
    where += " AND e.id IN (SELECT event_id FROM pole_event_words WHERE word = " + param(w) + ")";
  }
  auto rows =
      store::in_transaction<store::Rows>(store_, store::Access::kRead, [&](store::Session& s) {
        return s.query(fmt::format("SELECT {} FROM pole_events e JOIN pole_records r ON r.id = e.id"
                                   " WHERE {} ORDER BY e.occurred_from DESC LIMIT {}",
                                   occurrence_columns(), where, kCandidates),
                       params);
      });
  if (!rows) return std::move(rows).error();

  std::vector<EventHit> hits;
  for (const auto& row : *rows) {
    EventHit hit{occurrence_from_row(row), -1, {}};
    const NewOccurrence& f = hit.event.facts;
    if (q.centre) {
      if (!f.at) continue;
      hit.meters = geo::distance_m(*q.centre, *f.at);
      if (hit.meters > q.meters) continue;
      hit.why.push_back(fmt::format("{:.0f} m from the point", hit.meters));
    } else if (q.area) {
      hit.why.push_back("within the area");
    }
    if (!q.type.empty()) hit.why.push_back("a " + f.type);
    if (!q.classification.empty()) {
      const CrimeClass* c = find_crime_class(f.classification);
      hit.why.push_back("classified " + (c ? c->name : f.classification));
    }
    if (q.from || q.to)
      hit.why.push_back("occurred " + format_rfc3339(f.occurred_from).substr(0, 16));
    if (!asked.empty()) {
      std::string in_narrative, elsewhere;
      const std::vector<std::string> narrative = words(normalise(f.narrative));
      for (const auto& w : asked) {
        std::string& into = std::find(narrative.begin(), narrative.end(), w) != narrative.end()
                                ? in_narrative
                                : elsewhere;
        into += (into.empty() ? "'" : ", '") + w + "'";
      }
      if (!in_narrative.empty()) hit.why.push_back("narrative mentions " + in_narrative);
      if (!elsewhere.empty()) hit.why.push_back("MO, place or outcome mention " + elsewhere);
    }
    hits.push_back(std::move(hit));
  }
  if (q.centre) {
    std::stable_sort(hits.begin(), hits.end(),
                     [](const EventHit& a, const EventHit& b) { return a.meters < b.meters; });
  }
  if (hits.size() > q.limit) hits.resize(q.limit);
  return hits;
}

}  // namespace peel::pole
