// Each site's loan stock: an asset register of devices by serial number, and who holds what.
// An engineer lends a device while the person's own is repaired, or swaps it for good (a swap
// is a loan with no return due); a device on loan cannot be lent again until it is returned.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "duty/staff.h"
#include "techbar/visits.h"

namespace peel::techbar {

struct NewAsset {
  std::string location_id;
  std::string device_type;  // as device_types()
  std::string serial;       // unique
  std::string model;        // "Dell Latitude 5440"
};

struct Asset {
  std::string id;
  NewAsset facts;
  std::string state;  // in_stock, on_loan
  // While on loan:
  std::string holder_number, holder_name, ticket_id;
  bool swap = false;
  std::optional<Timestamp> lent_at, due_back;
};

struct Lending {
  std::string staff_number;
  std::string ticket_id;  // the ticket it was lent for; may be empty
  bool swap = false;      // a swap keeps no return date
  int days = 14;          // a loan's length
};

class Assets {
 public:
  Assets(store::Store& store, events::EventLog& log, const Clock& clock, const duty::Staff& staff);

  // 409 for a serial number already registered; 422 naming a bad field.
  Result<Asset> add(const NewAsset& asset, const auth::Actor& by);
  // A site's register (all sites when empty), by device type and serial.
  Result<std::vector<Asset>> list(const std::string& location_id) const;
  Result<Asset> get(const std::string& id) const;
  // 409 when the device is on loan already; 422 for an unknown staff number.
  Result<Asset> lend(const std::string& id, const Lending& lending, const auth::Actor& engineer);
  // 409 when it is not on loan.
  Result<Asset> take_back(const std::string& id, const auth::Actor& engineer);

 private:
  store::Store& store_;
  events::EventLog& log_;
  const Clock& clock_;
  const duty::Staff& staff_;
};

}  // namespace peel::techbar
