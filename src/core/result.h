// Result<T>: the value of an operation that can fail on bad input or state.
// Expected failures are values, not exceptions, so a caller sees at the call site that it can
// fail; exceptions are kept for broken invariants. Error codes map one-to-one onto the HTTP
// statuses in DESIGN.md (API conventions), so every layer speaks the same language.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace peel {

enum class ErrorCode {
  kMalformed,         // 400: the input could not be read at all
  kUnauthenticated,   // 401
  kForbidden,         // 403
  kNotFound,          // 404
  kMethodNotAllowed,  // 405
  kConflict,          // 409: the request contradicts the current state
  kTooLarge,          // 413
  kInvalid,           // 422: readable, but a field breaks a rule
  kTooManyRequests,   // 429
  kUnavailable,       // 503: a dependency (the store) is down, full or not ready
  kInternal,          // 500: a bug; details are logged, not shown
};

struct FieldError {
  std::string field;   // JSON pointer-ish path, e.g. "username" or "items[2].lat"
  std::string reason;  // for a person: "must be 3 to 64 characters"
  bool operator==(const FieldError&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldError> fields;
  int retry_after_seconds = 0;  // 429 and 503: when the client may try again (0: the default)

  static Error malformed(std::string message) {
    return {ErrorCode::kMalformed, std::move(message), {}, 0};
  }
  static Error invalid(std::string field, std::string reason) {
    std::string message = field + ": " + reason;
    return {ErrorCode::kInvalid, std::move(message), {{std::move(field), std::move(reason)}}, 0};
  }
  static Error unauthenticated(std::string message) {
    return {ErrorCode::kUnauthenticated, std::move(message), {}, 0};
  }
  static Error forbidden(std::string message) {
    return {ErrorCode::kForbidden, std::move(message), {}, 0};
  }
  static Error not_found(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}, 0};
  }
  static Error conflict(std::string message) {
    return {ErrorCode::kConflict, std::move(message), {}, 0};
  }
  static Error too_large(std::string message) {
    return {ErrorCode::kTooLarge, std::move(message), {}, 0};
  }
  static Error too_many_requests(std::string message, int retry_after_seconds) {
    return {ErrorCode::kTooManyRequests, std::move(message), {}, retry_after_seconds};
  }
  static Error unavailable(std::string message) {
    return {ErrorCode::kUnavailable, std::move(message), {}, 0};
  }
  static Error internal(std::string message) {
    return {ErrorCode::kInternal, std::move(message), {}, 0};
  }
};

// Short, stable name of a code for logs and the CLI ("invalid", "conflict", ...).
const char* error_code_name(ErrorCode code);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok().
  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // REQUIRES: !ok().
  const Error& error() const& {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(failed_);
    return error_;
  }
  Error&& error() && {
    assert(failed_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace peel
