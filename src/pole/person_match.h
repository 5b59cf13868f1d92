// Is this the same person? Two records of people are compared field by field, each field
// adding evidence for (agreeing) or against (disagreeing) in the manner of Fellegi and Sunter:
// the weights are log2 of how much likelier the agreement is between records of one person than
// between records of two. Missing fields add nothing. Candidates are gathered by blocking keys
// (sounds-alike names with a year of birth, identifiers, postcodes), so that a new record is
// compared with a few, never with everyone.
#pragma once

#include <string>
#include <vector>

namespace peel::pole {

// What is known of a person, normalised (text_similarity.h); empty or 0 when unknown.
struct PersonFacts {
  std::string forenames, surname;
  int birth_year = 0, birth_month = 0, birth_day = 0;
  std::string house_number, street, locality, town, postcode;
  std::string identifier;  // a number that names one person (PNC ID, NI number, ...)
};

// One field's contribution, for the person who decides: "surname alike (0.96): +5.0".
struct Evidence {
  std::string field;
  double weight = 0;
  std::string why;
};

struct MatchScore {
  double score = 0;  // the sum of the weights
  std::vector<Evidence> evidence;
};

// Records scoring at or above this are offered as possible duplicates (calibrated on FEBRL's
// first two data sets; measured on the third: bench/pole_duplicates_bench.cc).
inline constexpr double kDuplicateThreshold = 12;

MatchScore compare_persons(const PersonFacts& a, const PersonFacts& b);

// The keys under which a record is filed for finding candidates: two records that may be one
// person share at least one.
std::vector<std::string> blocking_keys(const PersonFacts& person);

struct DuplicatePair {
  size_t first = 0, second = 0;  // indexes into the records, first < second
  MatchScore score;
};

// Every pair of `people` sharing a blocking key and scoring at least `threshold`. Blocks larger
// than `max_block` (a key too common to tell anyone apart) are skipped.
std::vector<DuplicatePair> find_duplicate_pairs(const std::vector<PersonFacts>& people,
                                                double threshold = kDuplicateThreshold,
                                                size_t max_block = 1'000);

}  // namespace peel::pole
