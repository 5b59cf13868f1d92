// The FEBRL person data sets in ../shared/data/records/febrl (synthetic people with known
// duplicates): read into PersonFacts, and linkage quality measured against their ground truth.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pole/person_match.h"

namespace peel::testing {

struct FebrlSet {
  std::vector<pole::PersonFacts> people;
  std::vector<int> person_of;  // the N of rec-N-org / rec-N-dup-K: records of one person share it
};

// The file `name` (e.g. "dataset3.csv") from the shared data folder; nothing when it is not
// there (a checkout without ../shared).
std::optional<FebrlSet> read_febrl(const std::string& name);

struct LinkageQuality {
  size_t true_pairs = 0, found = 0, correct = 0;
  double precision = 0, recall = 0, f1 = 0;
};

LinkageQuality quality(const FebrlSet& set, const std::vector<pole::DuplicatePair>& found);

}  // namespace peel::testing
