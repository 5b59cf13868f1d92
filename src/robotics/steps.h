// Running one step of a work item: its parameters filled from the item's input and the outputs
// of the steps before it, then the work done through Peel's own services (Records, the outbox)
// or an outside endpoint. Steps with effects beyond the item are idempotent, keyed by the item:
// a person or crime this item recorded is found again rather than recorded twice, a message is
// queued once per item and step, so a step run again after its worker died does nothing twice.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/clock.h"
#include "geo/road_network.h"
#include "pole/pole.h"
#include "robotics/outbox.h"
#include "robotics/process_definition.h"
#include "robotics/process_reach.h"

namespace peel::robotics {

struct StepResult {
  enum class Kind {
    kDone,               // `outputs` are the step's
    kBusinessException,  // for a person: `reason` says what to fix
    kSystemFailure,      // try again later: `reason` says what failed
    kAwaitingDecision,   // for a person to decide: `reason` is the question
  };
  Kind kind = Kind::kDone;
  boost::json::object outputs;
  std::string reason;
};

struct StepServices {
  pole::Pole& pole;
  Outbox& outbox;
  const Clock& clock;
  // Where an address written by a member of the public is; nullopt when it cannot be placed.
  std::function<std::optional<geo::LatLon>(const std::string&)> place;
  // Where calls may go (checked again at each call: the settings may have changed since the
  // process was installed).
  const RoboticsPolicy& policy;
};

// Scores at or above this match a person on record without a person looking; two such are an
// ambiguous match for a person to settle. Well above the duplicate matcher's threshold (12):
// a name agreeing with a date of birth or a full address scores over 20, a name alone 14.
inline constexpr double kStrongMatch = 20;

// The step's parameters with each ${input.x} and ${steps.s.y} replaced from the item (an
// absent optional field becomes empty).
std::map<std::string, std::string> resolved_parameters(const StepSpec& step, const WorkItem& item);

StepResult run_step(const StepServices& services, const ProcessDefinition& process,
                    const StepSpec& step, const WorkItem& item);

}  // namespace peel::robotics
