// The register of every POLE record, whatever its kind: what kind it is (so a link can check its
// ends), its MoPI retention group and the date it is due for review, and the record it was
// merged into, if any. Each kind keeps its own table; this one ties them together.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "pole/persons.h"
#include "store/store.h"

namespace peel::pole {

struct RegisteredRecord {
  std::string id;
  std::string kind;  // "person", "object", "location", "event"
  int mopi_group = 3;
  Date review_due;
  std::string merged_into;  // empty unless merged
};

// Management of Police Information (APP): group 1 (certain public protection matters) and 2
// (other sexual, violent or serious offences) are reviewed every ten years, group 3 (all other
// offences, and records not tied to an offence) after six.
inline constexpr int kMopiDefaultGroup = 3;
int mopi_review_years(int group);
Date add_years(const Date& from, int years);
Date date_of(Timestamp at);

Status register_record(store::Session& s, const std::string& id, const std::string& kind,
                       Timestamp recorded_at, int mopi_group);
// Not found names the field: "no person, object, location or event <id>".
Result<RegisteredRecord> registered(store::Session& s, const std::string& field,
                                    const std::string& id);
// Free text as officers write it into a record: at most `max` characters, line breaks and tabs
// but no other control characters.
Status check_text(const std::string& field, const std::string& text, size_t max);

// What a person reads a record as: "Smith, John Paul", "crime burglary CR-0000123-26",
// "vehicle AB12CDE", an address. `label_joins(alias)` joins the kinds' tables to pole_records
// `alias` (naming them alias + "p", "e", "o", "l"), `label_columns(alias)` selects their
// columns (8 of them) and `label_from` reads them.
std::string label_joins(std::string_view alias);
std::string label_columns(std::string_view alias);
std::string label_from(const store::Row& row, size_t at, const std::string& kind);

// A record tied to a more serious matter is kept as long as that matter: the group falls to
// `group` and the review date moves out to `due`, never in.
Status hold_for(store::Session& s, const std::string& id, int group, const Date& due);

}  // namespace peel::pole
