// Common British names, commonest first: about 300 surnames and 110 forenames. For generated
// people (the demo's records and the search benchmark), never for matching.
#pragma once

#include <string>
#include <vector>

namespace peel::pole {

const std::vector<std::string>& common_surnames();
const std::vector<std::string>& common_forenames();

}  // namespace peel::pole
