// The work item a trigger makes for a process: its queue, priority and deadline from the
// process. What people send (forms, webhooks) is refused at the door when a field is bad; what
// arrives unattended (files, schedules, events) is kept as an item waiting for a person, with
// every problem named, so nothing is lost.
#pragma once

#include <string>

#include "core/clock.h"
#include "robotics/process_definition.h"
#include "robotics/work_queue.h"

namespace peel::robotics {

// `input` as it is (checked already, or by the caller's own rules).
NewWorkItem item_of(const ProcessDefinition& process, const std::string& reference,
                    const std::string& input, Timestamp now);
// `input` checked as a form's fields are; when it fails, the item is made as an exception whose
// reason is `where` and each problem ("export.csv record 4: date_of_birth: must be a date").
NewWorkItem checked_item_of(const ProcessDefinition& process, const std::string& reference,
                            const std::string& input, Timestamp now, const std::string& where);

// Every problem of a refusal in one line: "surname: is required; email: must be an email address".
std::string problems_of(const Error& refused);

}  // namespace peel::robotics
