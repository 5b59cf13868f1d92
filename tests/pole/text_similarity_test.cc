// The measures of likeness that duplicate detection and name search stand on.
#include "pole/text_similarity.h"

#include <gtest/gtest.h>

namespace peel::pole {
namespace {

TEST(Normalise, FoldsCaseAccentsAndPunctuation) {
  EXPECT_EQ(normalise("  O'Brien-Smith,  ZOË  "), "obriensmith zoe");
  EXPECT_EQ(normalise("Renée  Müller"), "renee muller");
  EXPECT_EQ(normalise("12b/3 High St."), "12b 3 high st");
  EXPECT_EQ(normalise(""), "");
  EXPECT_EQ(normalise("\xff\xc3"), "") << "broken UTF-8 is dropped, not a crash";
}

TEST(JaroWinkler, KnownValues) {
  // The textbook pairs (Winkler 1990).
  EXPECT_NEAR(jaro_winkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(jaro_winkler("dwayne", "duane"), 0.840, 0.001);
  EXPECT_NEAR(jaro_winkler("dixon", "dicksonx"), 0.813, 0.001);
  EXPECT_EQ(jaro_winkler("smith", "smith"), 1);
  EXPECT_EQ(jaro_winkler("abc", "xyz"), 0);
  EXPECT_EQ(jaro_winkler("", "a"), 0);
  EXPECT_EQ(jaro_winkler("a", "a"), 1);
}

TEST(TextSimilarity, SpacesAndWordOrderDoNotHide) {
  EXPECT_GT(text_similarity("pridhamstreet", "pridham street"), 0.99);
  EXPECT_GT(text_similarity("street high", "high street"), 0.99);
  EXPECT_LT(text_similarity("wallaby place", "hoseason street"), 0.7);
}

TEST(EditDistance, CountsTranspositionsOnce) {
  EXPECT_EQ(edit_distance("4881", "4818"), 1U);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
  EXPECT_EQ(edit_distance("same", "same"), 0U);
}

TEST(Soundex, AmericanSoundex) {
  EXPECT_EQ(soundex("robert"), "r163");
  EXPECT_EQ(soundex("rupert"), "r163");
  EXPECT_EQ(soundex("ashcraft"), "a261") << "h between two letters of one code";
  EXPECT_EQ(soundex("tymczak"), "t522");
  EXPECT_EQ(soundex("pfister"), "p236");
  EXPECT_EQ(soundex("lee"), "l000");
  EXPECT_EQ(soundex("123"), "");
}

}  // namespace
}  // namespace peel::pole
