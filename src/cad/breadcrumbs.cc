#include "cad/breadcrumbs.h"

namespace peel::cad {

namespace {

constexpr size_t kRowsPerInsert = 200;  // multi-row inserts: far fewer round trips
constexpr auto kPruneEvery = std::chrono::hours(1);

long long millis(Timestamp t) { return t.time_since_epoch().count(); }

}  // namespace

std::vector<store::Migration> migrations() {
  return {{"cad",
           1,
           "create breadcrumbs",
           {"CREATE TABLE cad_breadcrumbs (resource_id TEXT NOT NULL, at_ms BIGINT NOT NULL,"
            " lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL,"
            " PRIMARY KEY (resource_id, at_ms))",
            "CREATE INDEX cad_breadcrumbs_by_time ON cad_breadcrumbs (at_ms)"},
           {}}};
}

Breadcrumbs::Breadcrumbs(store::Store& store, const Clock& clock, BreadcrumbOptions options)
    : store_(store), clock_(clock), options_(options) {}

void Breadcrumbs::offer(const std::vector<PositionReport>& fixes) {
  std::lock_guard lock(mutex_);
  for (const auto& f : fixes) {
    auto [last, first] = last_kept_.try_emplace(f.resource_id, Breadcrumb{f.at, f.time});
    if (!first) {
      const bool moved = geo::distance_m(last->second.at, f.at) >= options_.meters;
      const bool waited = f.time - last->second.time >= options_.interval;
      if (!moved && !waited) continue;
      last->second = {f.at, f.time};
    }
    queued_.emplace_back(f.resource_id, Breadcrumb{f.at, f.time});
  }
}

Status Breadcrumbs::flush() {
  std::lock_guard flushing(flush_mutex_);
  std::vector<std::pair<std::string, Breadcrumb>> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(queued_);
  }
  const Timestamp now = clock_.now();
  const bool prune = now - pruned_at_ >= kPruneEvery;
  if (batch.empty() && !prune) return {};
  Status written = store_.transact(store::Access::kWrite, [&](store::Session& s) -> Status {
    for (size_t start = 0; start < batch.size(); start += kRowsPerInsert) {
      const size_t end = std::min(batch.size(), start + kRowsPerInsert);
      // A unit may send two fixes with the same millisecond; the first one stays.
      std::string sql = "INSERT INTO cad_breadcrumbs (resource_id, at_ms, lat, lon) VALUES ";
      store::Params params;
      params.reserve((end - start) * 4);
      for (size_t i = start; i < end; ++i) {
        const size_t n = params.size();
        sql += (i == start ? "($" : ",($") + std::to_string(n + 1) + ",$" + std::to_string(n + 2) +
               ",$" + std::to_string(n + 3) + ",$" + std::to_string(n + 4) + ")";
        params.emplace_back(batch[i].first);
        params.emplace_back(millis(batch[i].second.time));
        params.emplace_back(batch[i].second.at.lat);
        params.emplace_back(batch[i].second.at.lon);
      }
      sql += " ON CONFLICT (resource_id, at_ms) DO NOTHING";
      if (auto r = s.execute(sql, params); !r) return std::move(r).error();
    }
    if (prune) {
      if (auto r = s.execute("DELETE FROM cad_breadcrumbs WHERE at_ms < $1",
                             {millis(now - options_.retention)});
          !r)
        return std::move(r).error();
    }
    return {};
  });
  if (!written) {
    // Put them back in front of anything newer: a store that is down loses no track.
    std::lock_guard lock(mutex_);
    batch.insert(batch.end(), std::make_move_iterator(queued_.begin()),
                 std::make_move_iterator(queued_.end()));
    queued_.swap(batch);
    return written;
  }
  if (prune) pruned_at_ = now;
  return {};
}

Result<std::vector<Breadcrumb>> Breadcrumbs::track(const std::string& resource_id, Timestamp from,
                                                   Timestamp to, size_t limit) {
  if (Status s = flush(); !s) return std::move(s).error();
  return store::in_transaction<std::vector<Breadcrumb>>(
      store_, store::Access::kRead, [&](store::Session& s) -> Result<std::vector<Breadcrumb>> {
        auto rows = s.query(
            "SELECT at_ms, lat, lon FROM cad_breadcrumbs WHERE resource_id = $1 AND at_ms >= $2"
            " AND at_ms <= $3 ORDER BY at_ms LIMIT $4",
            {resource_id, millis(from), millis(to), static_cast<long long>(limit)});
        if (!rows) return std::move(rows).error();
        std::vector<Breadcrumb> out;
        out.reserve(rows->size());
        for (const auto& row : *rows) {
          out.push_back(
              {{row.real(1), row.real(2)}, Timestamp(std::chrono::milliseconds(row.integer(0)))});
        }
        return out;
      });
}

Result<std::vector<PositionReport>> Breadcrumbs::last_fixes() {
  if (Status s = flush(); !s) return std::move(s).error();
  return store::in_transaction<std::vector<PositionReport>>(
      store_, store::Access::kRead, [&](store::Session& s) -> Result<std::vector<PositionReport>> {
        auto rows = s.query(
            "SELECT b.resource_id, b.at_ms, b.lat, b.lon FROM cad_breadcrumbs b JOIN (SELECT "
            "resource_id, MAX(at_ms) AS last_ms FROM cad_breadcrumbs GROUP BY resource_id) l ON "
            "b.resource_id = l.resource_id AND b.at_ms = l.last_ms",
            {});
        if (!rows) return std::move(rows).error();
        std::vector<PositionReport> out;
        out.reserve(rows->size());
        for (const auto& row : *rows) {
          out.push_back({row.text(0),
                         {row.real(2), row.real(3)},
                         Timestamp(std::chrono::milliseconds(row.integer(1)))});
        }
        return out;
      });
}

}  // namespace peel::cad
