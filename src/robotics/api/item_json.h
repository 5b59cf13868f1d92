// A work item as the API shows it: its state, history and outcome, and its input to those
// allowed to read it.
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "robotics/work_queue.h"

namespace peel::robotics {

boost::json::object item_json(const WorkItem& w, const std::vector<HistoryEntry>& history,
                              bool with_input);

}  // namespace peel::robotics
