// What kind of crime: the Home Office's categories of recorded crime as data.police.uk publishes
// them, each with the MoPI group its records are kept under, and the crime a Command & Control
// incident usually becomes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace peel::pole {

struct CrimeClass {
  std::string code;  // "burglary", "violence-and-sexual-offences" (data.police.uk's slugs)
  std::string name;  // "Burglary", "Violence and sexual offences" (its CSV's Crime type)
  int mopi_group = 3;
  bool is_crime = true;  // anti-social behaviour is recorded, but is not a crime
};

const std::vector<CrimeClass>& crime_classes();
// By code or by name, as written in either; null when unknown.
const CrimeClass* find_crime_class(std::string_view code_or_name);
// The category a CAD incident's classification code (cad.h) usually becomes; null for those
// that are not a crime by themselves (concern for welfare, collisions, ...).
const CrimeClass* crime_class_for_incident(std::string_view cad_classification);

}  // namespace peel::pole
