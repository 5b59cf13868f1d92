// The two store backends; Store::open picks one from the URL. Internal to the store.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace peel::store {

Result<std::unique_ptr<Store>> open_sqlite(const std::string& path, const StoreOptions& options);
Result<std::unique_ptr<Store>> open_postgres(const std::string& url, const StoreOptions& options);

}  // namespace peel::store
