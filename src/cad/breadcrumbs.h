// Where each unit has been: its AVL fixes, thinned, kept in the store for replay (a route taken
// to an incident, a complaint about a pursuit). Thinning keeps a fix when the unit has moved
// `meters` from the last one kept or `interval` has passed, so a parked car costs one row per
// interval and a moving one a row every few hundred metres. Fixes are queued in memory and
// written in one transaction a second (flush), so reporting positions never waits on the disk;
// fixes older than `retention` are deleted as the flushes go.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "cad/cad_service.h"
#include "store/migrations.h"
#include "store/store.h"

namespace peel::cad {

struct BreadcrumbOptions {
  std::chrono::seconds interval{30};
  double meters = 250;
  std::chrono::hours retention{24 * 90};
};

struct Breadcrumb {
  geo::LatLon at;
  Timestamp time;
};

class Breadcrumbs {
 public:
  Breadcrumbs(store::Store& store, const Clock& clock, BreadcrumbOptions options = {});

  // Fixes already accepted into the live state; keeps those the thinning rule wants.
  void offer(const std::vector<PositionReport>& fixes);
  // Writes what is queued (and deletes what is past retention). Called every second.
  Status flush();
  // A unit's track between two times, oldest first, at most `limit` points.
  Result<std::vector<Breadcrumb>> track(const std::string& resource_id, Timestamp from,
                                        Timestamp to, size_t limit);
  // Each unit's last kept fix: where the live state starts after a restart, so the map and the
  // recommendations do not wait for every unit to report again.
  Result<std::vector<PositionReport>> last_fixes();
  Timestamp now() const { return clock_.now(); }

 private:
  store::Store& store_;
  const Clock& clock_;
  BreadcrumbOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Breadcrumb> last_kept_;  // by resource id
  std::vector<std::pair<std::string, Breadcrumb>> queued_;
  Timestamp pruned_at_{};
  std::mutex flush_mutex_;  // one flush at a time, so queued fixes are written in order
};

std::vector<store::Migration> migrations();

}  // namespace peel::cad
