// The rules records are checked by and the facts the duplicate matcher reads: registration
// marks, object kinds, crime categories, review dates, addresses read from free text.
#include <gtest/gtest.h>

#include "pole/crime_classes.h"
#include "pole/duplicates.h"
#include "pole/objects.h"
#include "pole/register.h"
#include "pole/text_similarity.h"

namespace peel::pole {
namespace {

TEST(Records, RegistrationMarksAreNormalisedOrRefused) {
  EXPECT_EQ(normalise_vrm("ab12 cde"), "AB12CDE");
  EXPECT_EQ(normalise_vrm("A123 BCD"), "A123BCD");
  EXPECT_EQ(normalise_vrm("1 A"), "1A");
  EXPECT_FALSE(normalise_vrm("AB-12"));
  EXPECT_FALSE(normalise_vrm("ABCDEFGH"));
  EXPECT_FALSE(normalise_vrm("ABCDE")) << "no digit";
  EXPECT_FALSE(normalise_vrm("A"));
  EXPECT_FALSE(validate_object({"vehicle", "", "", "", "", "", ""}));
  EXPECT_FALSE(validate_object({"phone", "AB12CDE", "", "", "", "", "black"}))
      << "only a vehicle has a VRM";
  EXPECT_FALSE(validate_object({"weapon", "", "", "", "", "", ""})) << "nothing to know it by";
  EXPECT_TRUE(validate_object({"weapon", "", "", "", "", "", "kitchen knife, 20 cm"}));
}

TEST(Records, CrimeCategoriesAreFoundByCodeOrNameAndIncidentsMapToThem) {
  EXPECT_EQ(find_crime_class("Violence and sexual offences")->code, "violent-crime");
  EXPECT_EQ(find_crime_class("violence-and-sexual-offences")->mopi_group, 2);
  EXPECT_FALSE(find_crime_class("Piracy"));
  EXPECT_EQ(crime_class_for_incident("weapon_knife")->code, "possession-of-weapons");
  EXPECT_FALSE(crime_class_for_incident("sudden_death"));
}

TEST(Records, ReviewDatesFollowTheGroup) {
  EXPECT_EQ(mopi_review_years(1), 10);
  EXPECT_EQ(mopi_review_years(3), 6);
  EXPECT_EQ(add_years({2024, 2, 29}, 6), (Date{2030, 2, 28})) << "no 29 February in 2030";
  EXPECT_EQ(add_years({2024, 3, 1}, 10), (Date{2034, 3, 1}));
}

TEST(Records, AddressesAreReadForTheMatcher) {
  NewPerson p;
  p.surname = "Smith";
  p.forenames = {"Jane"};
  p.addresses = {"14 Acacia Avenue, Kentish Town, London NW5 1AA"};
  p.identifiers = {{"phone", "07700900123"}, {"pnc", "85/123456X"}};
  const PersonFacts f = facts_of(p);
  EXPECT_EQ(f.house_number, "14");
  EXPECT_EQ(f.street, "acacia avenue");
  EXPECT_EQ(f.locality, "kentish town");
  EXPECT_EQ(f.town, "london");
  EXPECT_EQ(f.postcode, "nw51aa");
  EXPECT_EQ(f.identifier, normalise("85/123456X")) << "a PNC ID before a phone";
}

}  // namespace
}  // namespace peel::pole
