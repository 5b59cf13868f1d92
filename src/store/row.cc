#include <charconv>
#include <cstdlib>

#include "store/store.h"

namespace peel::store {

long long Row::integer(size_t i) const {
  const Value& v = values.at(i);
  if (const auto* n = std::get_if<long long>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<long long>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    long long n = 0;
    std::from_chars(s->data(), s->data() + s->size(), n);
    return n;
  }
  return 0;
}

double Row::real(size_t i) const {
  const Value& v = values.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<long long>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::optional<std::string> Row::optional_text(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::optional<long long> Row::optional_integer(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

Status Session::savepoint(std::string_view name) {
  auto r = execute("SAVEPOINT " + std::string(name));
  if (!r) return std::move(r).error();
  return {};
}

Status Session::release(std::string_view name) {
  auto r = execute("RELEASE SAVEPOINT " + std::string(name));
  if (!r) return std::move(r).error();
  return {};
}

Status Session::rollback_to(std::string_view name) {
  auto r = execute("ROLLBACK TO SAVEPOINT " + std::string(name));
  if (!r) return std::move(r).error();
  return {};
}

Status Session::notify(std::string_view, std::string_view) { return {}; }

Status Store::ping() {
  return transact(Access::kRead, [](Session& session) -> Status {
    auto rows = session.query("SELECT 1");
    if (!rows) return std::move(rows).error();
    return {};
  });
}

}  // namespace peel::store
