#include "geo/gazetteer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "geo/synth.h"
#include "geo/text_match.h"

namespace peel::geo {
namespace {

Place place(PlaceKind kind, std::string name, double lat = 51.5, double lon = -0.1) {
  return {kind, std::move(name), "", "", "", {lat, lon}};
}

// An address as the map has it: its number and street as well as its name.
Place address(const std::string& number, const std::string& street, double lat, double lon) {
  return {PlaceKind::kAddress, number + " " + street, "", number, street, {lat, lon}};
}

// Streets that differ by type, numbers on one side only, an address mapped three times, a
// misspelt street name in the map itself, and a number on a street whose name is in another's.
Gazetteer streets() {
  return Gazetteer({place(PlaceKind::kStreet, "Calborough Avenue", 51.510, -0.100),
                    address("2", "Calborough Avenue", 51.5101, -0.1001),
                    place(PlaceKind::kStreet, "Calborough Street", 51.520, -0.100),
                    address("3", "Calborough Street", 51.5200, -0.1010),
                    address("7", "Calborough Street", 51.5200, -0.0990),
                    place(PlaceKind::kStreet, "High Holborn", 51.5175, -0.1150),
                    address("1", "High Holborn", 51.5175, -0.1100),
                    address("2", "High Holborn", 51.5175, -0.1102),
                    address("10", "High Holborn", 51.5175, -0.1110),
                    address("101", "High Holborn", 51.5175, -0.1140),
                    address("16", "High Holborn", 51.5176, -0.1120),
                    address("16", "High Holborn", 51.5176, -0.1121),
                    address("16", "High Holborn", 51.5177, -0.1120),
                    address("18", "High Holborn", 51.5176, -0.1124),
                    address("24", "High Holborn", 51.5176, -0.1130),
                    place(PlaceKind::kStreet, "Holborn Viaduct", 51.5170, -0.1050),
                    address("20", "Holborn Viaduct", 51.5170, -0.1051),
                    place(PlaceKind::kStreet, "Fleet Street", 51.5140, -0.1070),
                    address("1", "Rose Steet", 51.5100, -0.1300)},
                   nullptr);
}

Gazetteer sample() {
  return Gazetteer({place(PlaceKind::kAddress, "10 Downing Street", 51.5034, -0.1276),
                    place(PlaceKind::kAddress, "11 Downing Street", 51.5033, -0.1277),
                    place(PlaceKind::kStreet, "Downing Street", 51.5033, -0.1276),
                    place(PlaceKind::kPoi, "Kentish Town Police Station", 51.55, -0.14),
                    place(PlaceKind::kPoi, "Kentish Town Station", 51.5503, -0.1405),
                    place(PlaceKind::kStreet, "Kentish Town Road"),
                    place(PlaceKind::kStreet, "Boulevard des Moulins", 43.74, 7.42),
                    place(PlaceKind::kPlace, "Monte-Carlo", 43.74, 7.426)},
                   nullptr);
}

TEST(TextMatch, FoldsCaseAccentsAndAbbreviations) {
  EXPECT_EQ(normalized_tokens("10 Downing St."), (std::vector<std::string>{"10", "downing", "st"}));
  EXPECT_EQ(normalized_tokens("DOWNING STREET"), (std::vector<std::string>{"downing", "st"}));
  EXPECT_EQ(normalized_tokens("Église Saint-Dévote"),
            (std::vector<std::string>{"eglise", "st", "devote"}));
  EXPECT_EQ(normalized_tokens("King's Road"), (std::vector<std::string>{"kings", "rd"}));
  EXPECT_EQ(edit_distance("downing", "dowinng", 2), 2);
  EXPECT_EQ(edit_distance("kentish", "kentsh", 1), 1);
}

TEST(Gazetteer, FindsAnAddressFromWhatACallerSays) {
  const auto g = sample();
  for (const char* said :
       {"10 downing st", "10 Downing Street", "downing st 10", "10 donwing street"}) {
    auto found = g.search(said, 3);
    ASSERT_FALSE(found.empty()) << said;
    EXPECT_EQ(found[0].place.name, "10 Downing Street") << said;
  }
}

TEST(Gazetteer, FindsPointsOfInterestAndPrefixes) {
  const auto g = sample();
  EXPECT_EQ(g.search("kentish town police station", 3).at(0).place.name,
            "Kentish Town Police Station");
  EXPECT_EQ(g.search("kentish town stn", 3).at(0).place.name, "Kentish Town Station");
  EXPECT_EQ(g.search("boulevard des moul", 3).at(0).place.name, "Boulevard des Moulins");
  EXPECT_EQ(g.search("monte carlo", 3).at(0).place.name, "Monte-Carlo");
}

TEST(Gazetteer, NothingMatchingGivesNothing) {
  const auto g = sample();
  EXPECT_TRUE(g.search("zzqx wvvy", 5).empty());
  EXPECT_TRUE(g.search("", 5).empty());
  EXPECT_TRUE(g.search("   ,,, ", 5).empty());
}

TEST(Gazetteer, ReverseFindsTheNearestAddress) {
  const auto g = sample();
  const Place* p = g.nearest_address({51.50341, -0.12761}, 50);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "10 Downing Street");
  EXPECT_EQ(g.nearest_address({51.0, 0.5}, 50), nullptr);
}

TEST(Gazetteer, FindsJunctionsWhereStreetsMeet) {
  SynthOptions options;
  options.junctions = 2'500;
  SynthTown town = synthesize(options);
  auto places = street_places(town.network);
  RoadNetwork& net = town.network;
  // Two streets that share a node in the synthetic grid.
  const Segment& horizontal = net.segments.front();
  const Segment* crossing = nullptr;
  for (const Segment& s : net.segments) {
    if (s.name != horizontal.name && (s.from == horizontal.from || s.to == horizontal.from))
      crossing = &s;
  }
  ASSERT_NE(crossing, nullptr);
  MapView view;
  view.nodes = net.nodes;
  view.segments = net.segments;
  for (const auto& n : net.names) view.names.emplace_back(n);
  Gazetteer g(places, &view);
  const std::string a = net.names[horizontal.name], b = net.names[crossing->name];
  auto found = g.search("junction of " + a + " and " + b, 5);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].place.name, "junction of " + a + " and " + b);
  EXPECT_NEAR(found[0].place.at.lat, net.nodes[horizontal.from].degrees().lat, 1e-6);
  EXPECT_FALSE(g.search(b + " / " + a, 5).empty());
}

TEST(TextMatch, ReadsStreetTypesMisspeltOrHalfTyped) {
  EXPECT_EQ(street_type_of("stret", false), "st");
  EXPECT_EQ(street_type_of("street", false), "st");
  EXPECT_EQ(street_type_of("avnue", false), "ave");
  EXPECT_EQ(street_type_of("aven", true), "ave");
  EXPECT_EQ(street_type_of("aven", false), "");
  EXPECT_EQ(street_type_of("holborn", false), "");
  EXPECT_EQ(street_type_in(normalized_tokens("St John's Road")), "rd");
  EXPECT_EQ(street_type_in(normalized_tokens("St Paul's")), "");
  EXPECT_TRUE(is_house_number("12a"));
  EXPECT_FALSE(is_house_number("a12"));
  EXPECT_TRUE(natural_less("2 High Holborn", "10 High Holborn"));
  EXPECT_TRUE(natural_less("10 High Holborn", "101 High Holborn"));
  EXPECT_FALSE(natural_less("10 High Holborn", "10 High Holborn"));
}

// "2 calbrough stret" put 2 Calborough Avenue first, and Enter opened the call there.
TEST(Gazetteer, TheStreetTypeSaidCountsAndAMissingNumberIsPlacedAndSaysSo) {
  const auto g = streets();
  const auto found = g.search("2 calbrough stret", 5);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].place.name, "2 Calborough Street");
  EXPECT_TRUE(found[0].interpolated);
  EXPECT_NE(found[0].note.find("No 2 on the map"), std::string::npos) << found[0].note;
  EXPECT_FALSE(clearly_first(found)) << "a placed number is never taken on Enter unseen";
  const auto avenue = std::find_if(found.begin(), found.end(), [](const Candidate& c) {
    return c.place.name == "2 Calborough Avenue";
  });
  const auto street = std::find_if(found.begin(), found.end(), [](const Candidate& c) {
    return c.place.name == "Calborough Street";
  });
  ASSERT_NE(street, found.end());
  EXPECT_TRUE(avenue == found.end() || avenue > street) << "the avenue is not above the street";

  const auto five = g.search("5 calborough street", 3);
  ASSERT_FALSE(five.empty());
  EXPECT_EQ(five[0].place.name, "5 Calborough Street");
  EXPECT_TRUE(five[0].interpolated);
  EXPECT_NE(five[0].note.find("between 3 and 7"), std::string::npos) << five[0].note;
  EXPECT_NEAR(five[0].place.at.lon, -0.1000, 1e-6) << "halfway between 3 and 7";

  // The number the map has: that address, clearly first.
  const auto three = g.search("3 calborough st", 3);
  ASSERT_FALSE(three.empty());
  EXPECT_EQ(three[0].place.name, "3 Calborough Street");
  EXPECT_FALSE(three[0].interpolated);
  EXPECT_TRUE(clearly_first(three));
}

// On central London: "fleet stret" put "1 Rose Steet" first; "high holborn 20" offered
// "20 Holborn Viaduct" above High Holborn; "16 High Holborn" came three times; numbers sorted
// as text (1, 10, 101).
TEST(Gazetteer, LondonsCasesRankTheStreetSaidOnceAndInNumberOrder) {
  const auto g = streets();
  EXPECT_EQ(g.search("fleet stret", 3).at(0).place.name, "Fleet Street");

  const auto twenty = g.search("high holborn 20", 5);
  ASSERT_FALSE(twenty.empty());
  EXPECT_EQ(twenty[0].place.name, "20 High Holborn");
  EXPECT_TRUE(twenty[0].interpolated);
  EXPECT_NE(twenty[0].note.find("between 18 and 24"), std::string::npos) << twenty[0].note;

  const auto all = g.search("high holborn", 20);
  std::vector<std::string> numbers;
  int sixteens = 0;
  for (const auto& c : all) {
    if (c.place.kind == PlaceKind::kAddress && c.place.street == "High Holborn")
      numbers.push_back(c.place.housenumber);
    sixteens += c.place.name == "16 High Holborn" ? 1 : 0;
  }
  EXPECT_EQ(all.at(0).place.name, "High Holborn");
  EXPECT_EQ(sixteens, 1) << "one address mapped three times is shown once";
  EXPECT_EQ(numbers, (std::vector<std::string>{"1", "2", "10", "16", "18", "24", "101"}));
}

}  // namespace
}  // namespace peel::geo
