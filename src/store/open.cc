#include "store/backends.h"

namespace peel::store {

Result<std::unique_ptr<Store>> Store::open(const std::string& url, const StoreOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) return open_sqlite(url.substr(7), options);
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return open_postgres(url, options);
  }
  return Error::invalid("db", "must be sqlite:PATH or postgresql://..., got \"" + url + "\"");
}

}  // namespace peel::store
