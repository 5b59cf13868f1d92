#include "geo/gazetteer.h"

#include <gtest/gtest.h>

#include "geo/synth.h"
#include "geo/text_match.h"

namespace peel::geo {
namespace {

Place place(PlaceKind kind, std::string name, double lat = 51.5, double lon = -0.1) {
  return {kind, std::move(name), "", "", "", {lat, lon}};
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

}  // namespace
}  // namespace peel::geo
