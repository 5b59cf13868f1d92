// How CAD's answers are written: units, incidents (the summary for lists and the whole record
// with its briefing), alerts, classifications, warnings, possible duplicates. Private to the
// CAD API.
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "cad/cad_service.h"

namespace peel::cad {

boost::json::object resource_json(const Resource& r);
boost::json::object incident_summary(const Incident& i);
boost::json::object alert_json(const Alert& a);
boost::json::object classification_json(const Classification& c);
boost::json::object warning_json(const WarningMarker& w);
boost::json::array duplicates_json(const std::vector<PossibleDuplicate>& found);
boost::json::object briefing_json(const LocationBriefing& b);
boost::json::object incident_json(const Incident& i);

}  // namespace peel::cad
