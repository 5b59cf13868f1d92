// A call from a process to an outside system over HTTP, bounded by a time limit from the first
// byte of the address lookup to the last of the answer, so a system that hangs fails the step
// (a system failure, retried and then escalated) instead of holding a worker for ever.
// Plain http:// only: https needs certificate handling that is not built yet.
#pragma once

#include <chrono>
#include <string>

#include "core/result.h"

namespace peel::robotics {

struct HttpAnswer {
  int status = 0;
  std::string body;
};

// Error::invalid for a URL Peel cannot call; Error::unavailable for an endpoint that cannot be
// reached, breaks the connection or does not answer within `timeout` (the message says which).
Result<HttpAnswer> call_http(const std::string& method, const std::string& url,
                             const std::string& body, std::chrono::milliseconds timeout);

}  // namespace peel::robotics
