#include "app/demo_records.h"

#include <fmt/format.h>

#include <random>

#include "pole/common_names.h"
#include "pole/crime_classes.h"
#include "pole/register.h"

namespace peel::app {

namespace {

constexpr size_t kPeople = 400, kDuplicates = 12, kVehicles = 150, kCrimes = 120;

struct CrimeStory {
  const char* classification;
  const char* narrative;
  const char* modus_operandi;
};

const std::vector<CrimeStory>& stories() {
  static const std::vector<CrimeStory> all = {
      {"burglary", "Rear door forced while the occupants were away; laptop and jewellery taken.",
       "entry via rear garden, door forced with a screwdriver"},
      {"burglary", "Ground floor window smashed overnight; car keys taken from the hallway.",
       "window smashed, keys fished through the letterbox"},
      {"vehicle-crime", "Catalytic converter cut from a parked car.",
       "vehicle jacked up, converter cut with a battery saw"},
      {"vehicle-crime", "Side window of a parked van smashed and power tools taken.",
       "window smashed in the early hours"},
      {"robbery", "Victim approached at the cash machine and pushed; wallet and phone taken.",
       "approached from behind, two suspects on bicycles"},
      {"violent-crime", "Assault outside a bar after an argument; victim treated for a cut lip.",
       "punched once after a verbal argument"},
      {"shoplifting", "Spirits and razor blades taken from the shelves; suspect left on foot.",
       "concealed in a rucksack"},
      {"criminal-damage-arson", "Graffiti sprayed on the wall of the community centre.",
       "spray paint, overnight"},
      {"theft-from-the-person", "Phone taken from the victim's hand on the high street.",
       "snatched by a rider on an e-scooter"},
      {"bicycle-theft", "Bicycle taken from the rack outside the station; lock cut.",
       "lock cut with bolt croppers"},
      {"drugs", "Suspect stopped and found with cannabis in small bags.",
       "found on stop and search"},
      {"possession-of-weapons", "Suspect found carrying a lock knife in a public place.",
       "found on stop and search"},
  };
  return all;
}

std::string vrm(std::mt19937_64& random) {
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNOPRSTUVWXY";
  auto letter = [&] { return kLetters[std::uniform_int_distribution<size_t>(0, 22)(random)]; };
  return fmt::format("{}{}{:02} {}{}{}", letter(), letter(),
                     std::uniform_int_distribution<int>(15, 25)(random), letter(), letter(),
                     letter());
}

}  // namespace

Result<DemoRecordsMade> add_demo_records(Platform& p, const Clock& clock) {
  DemoRecordsMade made;
  pole::Pole& pole = p.pole();
  auto any = pole.reviews.due({9999, 12, 31}, 1);
  if (!any) return std::move(any).error();
  if (!any->empty() || !p.geo().service) return made;
  const geo::GeoService& map = *p.geo().service;
  std::vector<const geo::Place*> addresses;
  for (const auto& place : map.places()) {
    if (place.kind == geo::PlaceKind::kAddress) addresses.push_back(&place);
  }
  if (addresses.empty()) return made;
  const auto by = auth::Actor::system();
  std::mt19937_64 random(2026);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random); };
  const auto& surnames = pole::common_surnames();
  const auto& forenames = pole::common_forenames();

  std::vector<pole::Person> people;
  std::vector<std::string> homes;
  for (size_t i = 0; i < kPeople; ++i) {
    const geo::Place& home = *addresses[pick(addresses.size())];
    pole::NewPerson n;
    n.surname = surnames[pick(surnames.size() / 3)];
    n.forenames = {forenames[pick(forenames.size())]};
    n.date_of_birth = pole::Date{1940 + static_cast<int>(pick(68)), 1 + static_cast<int>(pick(12)),
                                 1 + static_cast<int>(pick(28))};
    const std::string area = map.area_of(home.at);
    n.addresses = {area.empty() ? home.name : home.name + ", " + area};
    if (i % 5 == 0)
      n.identifiers = {
          {"pnc", fmt::format("{:02}/{:06}{}", (n.date_of_birth->year + 18) % 100,
                              100000 + pick(899999), static_cast<char>('A' + pick(26)))}};
    auto person = pole.persons.record(n, by);
    if (!person) return std::move(person).error();
    auto place = pole.locations.record({n.addresses[0], home.at, ""}, by);
    if (!place) return std::move(place).error();
    auto lives = pole.links.add(
        {person->id, "lives_at", place->id, std::nullopt, std::nullopt, "demo: electoral register"},
        by);
    if (!lives) return std::move(lives).error();
    people.push_back(std::move(*person));
    homes.push_back(place->id);
    ++made.people;
  }
  // The same people recorded again, as a second officer might: a letter swapped in the name.
  for (size_t i = 0; i < kDuplicates; ++i) {
    const pole::Person& original = people[i * 7];
    pole::NewPerson again{original.surname,
                          original.forenames,
                          original.date_of_birth,
                          {},
                          {},
                          original.addresses,
                          ""};
    std::string& name = again.surname;
    if (name.size() >= 4) std::swap(name[name.size() - 2], name[name.size() - 3]);
    auto person = pole.persons.record(again, by);
    if (!person) return std::move(person).error();
    ++made.duplicates;
  }
  std::vector<std::string> vehicles;
  static const std::vector<std::pair<const char*, const char*>> models = {
      {"Ford", "Fiesta"},  {"Vauxhall", "Corsa"}, {"Volkswagen", "Golf"}, {"Toyota", "Yaris"},
      {"BMW", "3 Series"}, {"Nissan", "Qashqai"}, {"Ford", "Transit"},    {"Kia", "Sportage"}};
  static const std::vector<const char*> colours = {"black", "silver", "white",
                                                   "blue",  "red",    "grey"};
  for (size_t i = 0; i < kVehicles; ++i) {
    const auto& [make, model] = models[pick(models.size())];
    auto car = pole.objects.record(
        {"vehicle", vrm(random), make, model, colours[pick(colours.size())], "", ""}, by);
    if (!car) return std::move(car).error();
    auto owns = pole.links.add({people[pick(people.size())].id, "owner_of", car->id, std::nullopt,
                                std::nullopt, "demo: DVLA keeper record"},
                               by);
    if (!owns) return std::move(owns).error();
    vehicles.push_back(car->id);
    ++made.vehicles;
  }
  for (size_t i = 0; i < kCrimes; ++i) {
    const CrimeStory& story = stories()[pick(stories().size())];
    const geo::Place& where = *addresses[pick(addresses.size())];
    const Timestamp when = clock.now() - std::chrono::minutes(30 + pick(size_t{60} * 24 * 60));
    pole::NewCrime crime;
    crime.event = {"crime",
                   story.classification,
                   when,
                   when,
                   where.at,
                   "",
                   where.name,
                   story.narrative,
                   story.modus_operandi,
                   "",
                   "demo: officer's report",
                   ""};
    crime.victims = {people[pick(people.size())].id};
    if (i % 3 == 0) crime.suspects = {people[pick(people.size())].id};
    if (std::string_view(story.classification) == "vehicle-crime")
      crime.property = {vehicles[pick(vehicles.size())]};
    if (crime.suspects.size() == 1 && crime.suspects[0] == crime.victims[0]) crime.suspects.clear();
    auto recorded = pole.events.record_crime(crime, by);
    if (!recorded) return std::move(recorded).error();
    ++made.crimes;
  }
  static const std::vector<std::pair<const char*, const char*>> person_marks = {
      {"weapons", "found carrying a knife when stopped"},
      {"violence", "assaulted an officer on arrest"},
      {"vulnerable", "lives alone; may not understand questions"},
      {"self_harm", "history of self-harm in custody"},
      {"drugs", "known to conceal drugs internally"}};
  for (size_t i = 0; i < 10; ++i) {
    const auto& [kind, note] = person_marks[i % person_marks.size()];
    auto m = pole.markers.add({people[i * 31 % people.size()].id, kind, note}, by);
    if (!m) return std::move(m).error();
    ++made.markers;
  }
  for (size_t i = 0; i < 5; ++i) {
    auto m =
        pole.markers.add({homes[i * 53 % homes.size()], "dogs", "large dogs in the garden"}, by);
    if (!m) return std::move(m).error();
    ++made.markers;
  }
  return made;
}

}  // namespace peel::app
