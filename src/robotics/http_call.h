// A call from a process to an outside system over https, the server's certificate checked
// against the system's authorities (and the force's own, when named) and its name against the
// host, bounded by a time limit from the first byte of the address lookup to the last of the
// answer, so a system that hangs fails the step (a system failure, retried and then escalated)
// instead of holding a worker for ever. Whether the host may be called at all is the policy's
// (process_reach.h), checked by the caller.
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
// reached, fails the certificate check, breaks the connection or does not answer within
// `timeout` (the message says which). `ca_file`: extra trusted authorities (PEM), or empty.
Result<HttpAnswer> call_https(const std::string& method, const std::string& url,
                              const std::string& body, std::chrono::milliseconds timeout,
                              const std::string& ca_file);

}  // namespace peel::robotics
