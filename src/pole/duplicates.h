// Possible duplicate people, found as records arrive: a new or amended person is compared with
// the people filed under the same keys (sounds-alike name with forename or year of birth, the
// same identifier) and each pair scoring kDuplicateThreshold or more is offered for merge with
// the evidence. A merge keeps both records and their histories; the merged one is then found
// through the survivor, and the merge can be undone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/result.h"
#include "events/event_log.h"
#include "pole/person_match.h"
#include "pole/persons.h"
#include "store/store.h"

namespace peel::pole {

// What the matcher knows of a person: names, date of birth, the first address, an identifier.
PersonFacts facts_of(const NewPerson& p);
std::string identifier_key(const Identifier& i);  // "id:pnc:85/123456X"

// Within the transaction that writes person `id`: compares them with the people filed under
// the same keys and records each likely pair (replacing what was found for them before).
Status file_possible_duplicates(store::Session& s, const std::string& id, const NewPerson& p,
                                Timestamp at);

struct PossibleDuplicate {
  std::string person_id, other_id;
  double score = 0;
  std::vector<Evidence> evidence;
  Timestamp found_at;
};

struct Merge {
  std::string id, survivor_id, merged_id, reason, merged_by;
  Timestamp merged_at;
  std::optional<Timestamp> undone_at;
};

class Merges {
 public:
  Merges(store::Store& store, events::EventLog& log, const Clock& clock);

  // Pairs where neither is merged yet, best first; with `person_id`, only that person's.
  // Best first; `skip` pairs are left out (a page's place in the list).
  Result<std::vector<PossibleDuplicate>> possible(const std::string& person_id, size_t limit,
                                                  size_t skip = 0) const;
  Result<Merge> merge(const std::string& survivor_id, const std::string& merged_id,
                      const std::string& reason, const auth::Actor& by);
  Result<Merge> undo(const std::string& merge_id, const std::string& reason, const auth::Actor& by);
  Result<Merge> find(const std::string& merge_id) const;
  // The records merged into `id`, and those merged into them, in the order merged.
  Result<std::vector<std::string>> merged_into(const std::string& id) const;
  // Merges made into or of `id`, undone ones too, oldest first.
  Result<std::vector<Merge>> history(const std::string& id) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::pole
