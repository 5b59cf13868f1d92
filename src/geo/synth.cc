#include "geo/synth.h"

#include <array>
#include <cmath>
#include <random>
#include <string>

namespace peel::geo {

namespace {

constexpr std::array<const char*, 40> kStems = {
    "Ashby",   "Barrow", "Calder",  "Denham",   "Elmley",  "Fairfax", "Garston",  "Hallam",
    "Ingram",  "Jessop", "Kenley",  "Larkin",   "Marlow",  "Norbury", "Oakham",   "Pelham",
    "Quentin", "Radley", "Selwyn",  "Thornby",  "Upton",   "Vernon",  "Walcot",   "Yardley",
    "Alder",   "Beech",  "Cedar",   "Hawthorn", "Juniper", "Linden",  "Maple",    "Rowan",
    "Willow",  "Harrow", "Kestrel", "Osprey",   "Regent",  "Temple",  "Victoria", "Windsor"};
// Street names join a first and a second syllable ("Ash" + "field"): about 1,900 words, so that
// like a real city most street names are rare and a few are common, not all of them repeated
// hundreds of times.
constexpr std::array<const char*, 48> kFirstSyllables = {
    "Ash",  "Bar",   "Bel",  "Bram", "Cal", "Chal", "Cran", "Dal", "Den", "Ed",   "El",   "Fair",
    "Far",  "Gar",   "Glen", "Hal",  "Ham", "Hart", "Hol",  "Ing", "Ken", "King", "Lang", "Lin",
    "Mar",  "Mil",   "New",  "Nor",  "Oak", "Pel",  "Pen",  "Rad", "Red", "Ros",  "Sel",  "Shel",
    "Stan", "Thorn", "Up",   "Ver",  "Wal", "Wes",  "Whit", "Wil", "Win", "Wood", "Yar",  "Al"};
constexpr std::array<const char*, 40> kSecondSyllables = {
    "by",     "ton",    "field", "ley",   "ham",   "wood",   "ford",    "bury",   "well",  "brook",
    "gate",   "mere",   "croft", "dale",  "hurst", "stead",  "worth",   "wick",   "combe", "more",
    "thorpe", "den",    "hall",  "ridge", "mead",  "holme",  "cote",    "marsh",  "stone", "bridge",
    "burn",   "cliffe", "low",   "moor",  "shaw",  "ington", "borough", "church", "haven", "leigh"};
constexpr std::array<const char*, 12> kLocalTypes = {"Street",   "Road",  "Avenue",  "Lane",
                                                     "Gardens",  "Close", "Way",     "Grove",
                                                     "Crescent", "Place", "Terrace", "Drive"};
constexpr std::array<const char*, 8> kDistrictSuffixes = {"",      " Green",  " Park",  " Hill",
                                                          " Vale", " Common", " Heath", " Cross"};

// A district is a square of blocks between trunk roads.
constexpr uint32_t kTrunkEvery = 48;  // grid lines between trunk roads (~4 km)
constexpr uint32_t kMainEvery = 12;   // between main roads (~1 km)
constexpr uint32_t kLocalEvery = 4;   // between tertiary roads

std::string district_name(uint32_t dx, uint32_t dy) {
  const uint32_t k = dx * 7919 + dy * 104729;
  return std::string(kStems[k % kStems.size()]) +
         kDistrictSuffixes[(k / 40) % kDistrictSuffixes.size()];
}

RoadClass class_of_line(uint32_t line) {
  if (line % kTrunkEvery == 0) return RoadClass::kTrunk;
  if (line % kMainEvery == 0) return RoadClass::kPrimary;
  if (line % kLocalEvery == 0) return RoadClass::kTertiary;
  return RoadClass::kResidential;
}

}  // namespace

SynthTown synthesize(const SynthOptions& o) {
  SynthTown town;
  RoadNetwork& net = town.network;
  const auto side = std::max<uint32_t>(3, static_cast<uint32_t>(std::ceil(std::sqrt(o.junctions))));
  std::mt19937_64 random(o.seed);
  std::uniform_real_distribution<double> jitter(-0.2, 0.2);
  std::uniform_real_distribution<double> unit(0, 1);

  const double metres_per_degree_lat = 111'320.0;
  const double metres_per_degree_lon = metres_per_degree_lat * std::cos(o.centre.lat * M_PI / 180);
  const double half = (side - 1) * o.spacing_m / 2;
  auto point_at = [&](double x_m, double y_m) {
    return LatLon{o.centre.lat + (y_m - half) / metres_per_degree_lat,
                  o.centre.lon + (x_m - half) / metres_per_degree_lon};
  };
  net.nodes.reserve(size_t{side} * side);
  for (uint32_t y = 0; y < side; ++y) {
    for (uint32_t x = 0; x < side; ++x) {
      // Junctions on main roads stay on the line; local ones wander, as real streets do.
      const bool on_main =
          class_of_line(x) <= RoadClass::kTertiary || class_of_line(y) <= RoadClass::kTertiary;
      const double jx = on_main ? 0 : jitter(random) * o.spacing_m;
      const double jy = on_main ? 0 : jitter(random) * o.spacing_m;
      net.nodes.push_back(FixedPoint::of(point_at(x * o.spacing_m + jx, y * o.spacing_m + jy)));
    }
  }
  auto node = [side](uint32_t x, uint32_t y) { return y * side + x; };

  // Streets run along a grid line between two crossings with a tertiary or bigger road; each
  // such stretch of a local line is one named street with one direction rule.
  auto street_name = [&](bool horizontal, uint32_t line, uint32_t stretch, RoadClass c) {
    const uint32_t k = (horizontal ? 1 : 2) * 1'000'003U + line * 7'919U + stretch * 104'729U;
    std::string stem = kFirstSyllables[k % kFirstSyllables.size()];
    stem += kSecondSyllables[(k / kFirstSyllables.size()) % kSecondSyllables.size()];
    if (c == RoadClass::kTrunk) return stem + (horizontal ? " High Road" : " Way");
    if (c <= RoadClass::kTertiary) return stem + " Road";
    const uint32_t type = (k / (kFirstSyllables.size() * kSecondSyllables.size()));
    return stem + " " + kLocalTypes[type % kLocalTypes.size()];
  };
  for (int direction = 0; direction < 2; ++direction) {
    const bool horizontal = direction == 0;
    for (uint32_t line = 0; line < side; ++line) {
      const RoadClass c = class_of_line(line);
      uint32_t name = 0;
      int one_way = 0;  // 0 both ways, 1 forward only, -1 backward only
      for (uint32_t along = 0; along + 1 < side; ++along) {
        const uint32_t stretch_length = c == RoadClass::kResidential ? kLocalEvery : kMainEvery;
        if (along % stretch_length == 0) {
          // Main roads keep one name for a district's width; local streets change per block.
          const uint32_t stretch =
              c <= RoadClass::kPrimary ? along / (kTrunkEvery * 2) : along / stretch_length;
          name = net.name_index(street_name(horizontal, line, stretch, c));
          const double r = unit(random);
          one_way = c == RoadClass::kResidential && r < 0.15 ? (r < 0.075 ? 1 : -1) : 0;
        }
        // Some local blocks have no through road (a park, a cul-de-sac).
        if (c == RoadClass::kResidential && unit(random) < 0.08) continue;
        const uint32_t from = horizontal ? node(along, line) : node(line, along);
        const uint32_t to = horizontal ? node(along + 1, line) : node(line, along + 1);
        Segment s;
        s.from = from;
        s.to = to;
        s.meters =
            static_cast<float>(distance_m(net.nodes[from].degrees(), net.nodes[to].degrees()));
        s.road_class = c;
        s.speed_kmh = static_cast<uint8_t>(default_speed_kmh(c));
        s.forward = one_way >= 0;
        s.backward = one_way <= 0;
        s.name = name;
        net.segments.push_back(s);
      }
    }
  }

  // A few junctions ban one turn ("no right turn"), as real ones do.
  std::vector<std::vector<uint32_t>> around(net.nodes.size());
  for (const Segment& s : net.segments) {
    around[s.from].push_back(s.to);
    around[s.to].push_back(s.from);
  }
  for (uint32_t v = 0; v < around.size(); ++v) {
    const auto& next = around[v];
    if (next.size() < 3 || unit(random) > 0.03) continue;
    const auto from = static_cast<size_t>(unit(random) * static_cast<double>(next.size()));
    const size_t to = (from + 1) % next.size();
    net.banned_turns.push_back({next.at(std::min(from, next.size() - 1)), v, next[to]});
  }

  // Addresses: numbers along local streets, odd on one side and even on the other.
  std::vector<uint32_t> next_number(net.names.size(), 1);
  for (const Segment& s : net.segments) {
    if (s.road_class != RoadClass::kResidential || unit(random) > 0.5) continue;
    const LatLon a = net.nodes[s.from].degrees();
    const LatLon b = net.nodes[s.to].degrees();
    const std::string number = std::to_string(next_number[s.name]++);
    const std::string& street = net.names[s.name];
    std::string name = number;
    name += ' ';
    name += street;
    town.places.push_back({PlaceKind::kAddress,
                           name,
                           "",
                           number,
                           street,
                           {(a.lat + b.lat) / 2 + 0.00008, (a.lon + b.lon) / 2 + 0.00008}});
  }

  // Districts and their services.
  const uint32_t districts = std::max<uint32_t>(1, side / kTrunkEvery);
  const double district_m = side * o.spacing_m / districts;
  for (uint32_t dy = 0; dy < districts; ++dy) {
    for (uint32_t dx = 0; dx < districts; ++dx) {
      const std::string name = district_name(dx, dy);
      auto at = [&](double fx, double fy) {
        return point_at((dx + fx) * district_m, (dy + fy) * district_m);
      };
      town.places.push_back({PlaceKind::kPlace, name, "suburb", "", "", at(0.5, 0.5)});
      town.places.push_back(
          {PlaceKind::kPoi, name + " Police Station", "police", "", "", at(0.45, 0.55)});
      town.places.push_back({PlaceKind::kPoi, name + " Station", "station", "", "", at(0.6, 0.4)});
      town.places.push_back(
          {PlaceKind::kPoi, name + " Primary School", "school", "", "", at(0.3, 0.3)});
      town.places.push_back({PlaceKind::kPoi, name + " Academy", "school", "", "", at(0.7, 0.75)});
      if ((dx + dy) % 2 == 0) {
        town.places.push_back(
            {PlaceKind::kPoi, name + " General Hospital", "hospital", "", "", at(0.25, 0.7)});
      }
    }
  }
  return town;
}

}  // namespace peel::geo
