// JSON written as people write numbers: 51.5140179, not 5.15140179E1 (Boost.JSON's own
// serializer writes doubles in scientific notation). Every answer, stream frame, stored payload
// and the CLI's --json are written here, so that there is one way of writing JSON. A double
// keeps a fraction (2.0) so that it reads back as a double; NaN and infinities, which JSON has
// no words for, are written as null.
#pragma once

#include <boost/json.hpp>
#include <string>

namespace peel {

std::string json_text(const boost::json::value& value);
std::string json_text(const boost::json::object& object);
std::string json_text(const boost::json::array& array);
std::string json_text(const boost::json::string& string);

}  // namespace peel
