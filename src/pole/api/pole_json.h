// The POLE records as JSON, one shape per kind wherever it appears (docs/api.md).
#pragma once

#include <boost/json.hpp>

#include "pole/pole.h"

namespace peel::pole {

boost::json::value date_json(const std::optional<Date>& d);
boost::json::object person_json(const Person& p);
boost::json::object object_json(const Object& o);
boost::json::object location_json(const Location& l);
boost::json::object event_json(const Occurrence& e);
boost::json::object link_json(const Link& l);
boost::json::object marker_json(const Marker& m);
boost::json::object merge_json(const Merge& m);
boost::json::object duplicate_json(const PossibleDuplicate& d);
boost::json::array links_json(const std::vector<Link>& links);
boost::json::array markers_json(const std::vector<Marker>& markers);
boost::json::array strings_json(const std::vector<std::string>& list);

}  // namespace peel::pole
