// The Tech Bar sites: where officers and staff walk in for IT help, when each is open and how
// many engineers serve its counter. Seven ship (shipped_locations.cc), installed when there are
// none; administrators add more. Opening hours are UTC, like the rest of Peel for now.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "store/migrations.h"
#include "store/store.h"

namespace peel::techbar {

std::vector<store::Migration> migrations();

struct NewLocation {
  std::string name;     // "Lambeth HQ"
  std::string address;  // "1 Lambeth Road, London SE1 7PB"
  int opens = 8 * 60;   // minutes after midnight
  int closes = 18 * 60;
  std::set<int> days{1, 2, 3, 4, 5};  // ISO weekdays, 1 Monday .. 7 Sunday
  int engineers = 2;                  // at the counter in opening hours
};

struct Location {
  std::string id;
  NewLocation facts;

  bool open_at(Timestamp at) const;
  // "Mon-Fri 08:00-18:00", for people.
  std::string hours() const;
};

// "08:00" into minutes after midnight, and back.
Result<int> read_clock_time(const std::string& text, const char* field);
std::string format_clock_time(int minutes);
// "mon" .. "sun".
const std::vector<std::string>& day_names();

class Locations {
 public:
  Locations(store::Store& store, events::EventLog& log, const Clock& clock);

  Result<Location> add(const NewLocation& location, const auth::Actor& by);
  // New hours or a new number of engineers on shift (the wait estimates use it at once); 404
  // for no such site, 422 naming a bad field.
  Result<Location> change(const std::string& id, const NewLocation& location,
                          const auth::Actor& by);
  Result<Location> get(const std::string& id) const;
  // A site named in a request: 422 naming location_id when there is no such site.
  Result<Location> named_in_request(const std::string& id) const;
  Result<std::vector<Location>> list() const;
  // The shipped sites, when there are no sites at all.
  Status install_shipped(const auth::Actor& by);

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

const std::vector<NewLocation>& shipped_locations();

}  // namespace peel::techbar
