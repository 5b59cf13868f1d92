#include "pole/crime_classes.h"

#include <algorithm>
#include <map>

namespace peel::pole {

const std::vector<CrimeClass>& crime_classes() {
  static const std::vector<CrimeClass> classes = {
      {"anti-social-behaviour", "Anti-social behaviour", 3, false},
      {"bicycle-theft", "Bicycle theft", 3, true},
      {"burglary", "Burglary", 3, true},
      {"criminal-damage-arson", "Criminal damage and arson", 3, true},
      {"drugs", "Drugs", 3, true},
      {"other-theft", "Other theft", 3, true},
      {"possession-of-weapons", "Possession of weapons", 2, true},
      {"public-order", "Public order", 3, true},
      {"robbery", "Robbery", 2, true},
      {"shoplifting", "Shoplifting", 3, true},
      {"theft-from-the-person", "Theft from the person", 3, true},
      {"vehicle-crime", "Vehicle crime", 3, true},
      {"violent-crime", "Violence and sexual offences", 2, true},
      {"other-crime", "Other crime", 3, true},
  };
  return classes;
}

const CrimeClass* find_crime_class(std::string_view code_or_name) {
  const auto& all = crime_classes();
  // data.police.uk writes the category "violent-crime" in its API and "Violence and sexual
  // offences" in its files; both are accepted.
  const auto it = std::find_if(all.begin(), all.end(), [&](const CrimeClass& c) {
    return c.code == code_or_name || c.name == code_or_name ||
           (c.code == "violent-crime" && code_or_name == "violence-and-sexual-offences");
  });
  return it == all.end() ? nullptr : &*it;
}

const CrimeClass* crime_class_for_incident(std::string_view cad_classification) {
  static const std::map<std::string_view, std::string_view> usual = {
      {"burglary", "burglary"},
      {"robbery", "robbery"},
      {"theft", "other-theft"},
      {"assault", "violent-crime"},
      {"domestic", "violent-crime"},
      {"hate_crime", "public-order"},
      {"anti_social_behaviour", "anti-social-behaviour"},
      {"firearms", "possession-of-weapons"},
      {"weapon_knife", "possession-of-weapons"},
      {"public_order", "public-order"},
  };
  const auto it = usual.find(cad_classification);
  return it == usual.end() ? nullptr : find_crime_class(it->second);
}

}  // namespace peel::pole
