// Objects in the POLE store: vehicles (found by a partial registration mark), phones, weapons,
// property and documents. Each is an ObjectRecorded event whose effect writes the row, registers
// the record and files every ending of a vehicle's VRM, so "partial VRM" is an index range scan.
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

struct NewObject {
  std::string kind;  // vehicle, phone, weapon, property, document
  std::string vrm;   // vehicles: the registration mark
  std::string make, model, colour;
  std::string identifier;  // a phone's IMEI or number, a serial number, a document's number
  std::string description;
};

struct Object {
  std::string id;
  NewObject facts;
  Timestamp recorded_at;
  Retention retention;
};

struct ObjectHit {
  Object object;
  std::string why;
};

const std::vector<std::string>& object_kinds();
// A registration mark as written ("ab12 cde") in its stored form ("AB12CDE"): two to seven
// letters and digits with at least one of each, spaces ignored; nullopt when malformed.
std::optional<std::string> normalise_vrm(std::string_view written);
Result<NewObject> validate_object(NewObject o);

class Objects {
 public:
  Objects(store::Store& store, events::EventLog& log, const Clock& clock);

  Result<Object> record(const NewObject& object, const auth::Actor& by);
  Result<Object> find(const std::string& id) const;
  // Vehicles whose VRM contains `partial`, in which '?' stands for one unknown character
  // ("AB12?DE", "12CD"); it needs two known characters in a row.
  Result<std::vector<ObjectHit>> search_vrm(const std::string& partial, size_t limit) const;

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
};

}  // namespace peel::pole
