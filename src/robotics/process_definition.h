// An automated process, declared as a JSON document an automation administrator writes and
// versions: what starts it (a trigger), the fields an item carries, and the steps that turn
// them into records, messages and calls, each with its retry policy. Read strictly: a step of
// an unknown kind, a reference to a field or step output that does not exist (or comes later),
// or steps whose "next" links go round in a cycle are refused, naming where.
//
//   {"id": "online-crime-report", "name": "...", "version": 2,
//    "trigger": {"kind": "form"},            // form, folder, webhook, schedule, event
//    "queue": "online crime", "priority": 0, "deadline_minutes": 60, "minutes_saved": 9,
//    "fields": [{"name": "surname", "type": "text", "required": true}, ...],
//    "steps": [{"id": "victim", "kind": "match_person",
//               "with": {"surname": "${input.surname}"}, "retry": {"max_attempts": 3}}, ...]}
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "robotics/work_queue.h"

namespace peel::robotics {

struct FieldSpec {
  std::string name;
  std::string type;  // text, date, email, phone, postcode, number, datetime, choice
  bool required = false;
  size_t max_length = 1000;
  bool past = false;  // a date or time that must not be in the future (when it happened)
  std::vector<std::string> options;  // a choice: the values it may take
};

struct TriggerSpec {
  std::string kind;       // form, folder, webhook, schedule, event
  std::string source;     // folder: the path; schedule: "every N minutes"; event: its type
  std::string format;     // folder: csv, json or eml
  int every_minutes = 0;  // schedule: read from "every N minutes"
};

struct StepSpec {
  std::string id;
  std::string kind;  // validate, match_person, record_person, record_crime, transform, notify,
                     // http_call, wait_for_decision
  std::map<std::string, std::string> with;  // parameter -> literal or "${input.x}" / "${steps.s.y}"
  std::string next;                         // the step after this one; empty: the following
  RetryPolicy retry;
};

struct ProcessDefinition {
  std::string id, name;
  int version = 1;
  TriggerSpec trigger;
  std::string queue;
  int priority = 0;
  int deadline_minutes = 60;
  double minutes_saved = 0;  // manual effort each item saves, for the dashboard
  std::vector<FieldSpec> fields;
  std::vector<StepSpec> steps;
  std::vector<size_t> order;  // indexes into `steps` in the order the "next" links run them
};

// The step kinds, each with the parameters it needs and the outputs later steps may use.
struct StepKind {
  std::vector<std::string> required, optional, outputs;
};
const std::map<std::string, StepKind>& step_kinds();

// Errors are Error::invalid naming the place: "steps[2].with.surname", "steps[1].next".
Result<ProcessDefinition> parse_process_definition(std::string_view json_text);

}  // namespace peel::robotics
