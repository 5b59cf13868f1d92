// A submission's fields checked against a process's field specifications (process_definition.h):
// required ones present, each of its type (a real date, an email address, a UK postcode, a
// phone number, a number), none too long, none unknown. Every problem is named, so a member of
// the public sees all of them at once; the fields come back trimmed and in canonical form
// (postcode upper case with its space).
#pragma once

#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "robotics/process_definition.h"

namespace peel::robotics {

// `input` is the submission's JSON text; `now` decides what is in the future. Error::invalid
// with one FieldError per problem.
Result<std::string> checked_fields(const ProcessDefinition& process, const std::string& input,
                                   Timestamp now);

// What names a submission when its sender gives no reference: a digest of the process and its
// checked fields, so the same submission again is known.
std::string fields_digest(const ProcessDefinition& process, const std::string& checked);

}  // namespace peel::robotics
