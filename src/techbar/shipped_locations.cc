// The seven sites of the trials, as a force might place them: one in each corner of London and
// two at headquarters buildings. Each is a default to change to the force's own.
#include "techbar/locations.h"

namespace peel::techbar {

const std::vector<NewLocation>& shipped_locations() {
  static const std::vector<NewLocation> sites{
      {"Headquarters", "Victoria Embankment, London SW1A 2JL", 8 * 60, 18 * 60, {1, 2, 3, 4, 5}, 3},
      {"Empress State Building",
       "Lillie Road, London SW6 1TR",
       8 * 60,
       18 * 60,
       {1, 2, 3, 4, 5},
       2},
      {"Lambeth", "1 Lambeth Road, London SE1 7PB", 8 * 60, 17 * 60, {1, 2, 3, 4, 5}, 2},
      {"Hendon", "Aerodrome Road, London NW9 5JE", 7 * 60, 19 * 60, {1, 2, 3, 4, 5, 6}, 2},
      {"Croydon", "71 Park Lane, Croydon CR0 1JG", 8 * 60, 16 * 60, {1, 2, 3, 4, 5}, 1},
      {"Stratford", "18 West Ham Lane, London E15 4SG", 8 * 60, 16 * 60, {1, 2, 3, 4, 5}, 1},
      {"Tottenham", "398 High Road, London N17 9JA", 10 * 60, 18 * 60, {2, 3, 4, 5, 6}, 1},
  };
  return sites;
}

}  // namespace peel::techbar
