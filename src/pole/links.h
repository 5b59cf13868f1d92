// Typed, dated links between POLE records, each with its source: a person is a suspect in a
// crime, owns a vehicle, lives at an address. A link's ends must exist and be of the kinds its
// type joins; a person linked to an event is kept as long as the event (MoPI).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "pole/persons.h"
#include "store/store.h"

namespace peel::pole {

struct LinkType {
  std::string name;  // "suspect_in"
  std::string from_kind, to_kind;
};
const std::vector<LinkType>& link_types();

struct NewLink {
  std::string from_id, type, to_id;
  std::optional<Date> valid_from, valid_to;  // when it held, if known
  std::string source;                        // who or what says so
};

struct Link {
  std::string id;
  NewLink facts;
  std::string from_kind, to_kind;
  std::string from_label, to_label;  // as register.h's label_from reads them
  Timestamp recorded_at;
  std::string recorded_by;
};

// The checks that need no store: a known type, a source, dates in order, two different ends.
Status check_link(const NewLink& link);
// Within a transaction: the ends exist and are of the type's kinds; writes the link and holds
// the record linked to an event for as long as the event. `field` names the link in errors
// ("suspects[1]").
Status write_link(store::Session& s, const std::string& id, const NewLink& link,
                  const std::string& field, Timestamp at, const std::string& by);

class Links {
 public:
  Links(store::Store& store, events::EventLog& log, const Clock& clock);

  Result<Link> add(const NewLink& link, const auth::Actor& by);
  // Every link to or from these records (a person and those merged into it), oldest first.
  Result<std::vector<Link>> of(const std::vector<std::string>& ids) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::pole
