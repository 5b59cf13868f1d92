#include "febrl.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "pole/text_similarity.h"

namespace peel::testing {

namespace {

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) out.push_back(pole::normalise(field));
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

int number(const std::string& s, size_t from, size_t length) {
  try {
    return s.size() >= from + length ? std::stoi(s.substr(from, length)) : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

std::optional<FebrlSet> read_febrl(const std::string& name) {
  const std::filesystem::path path = std::filesystem::path(PEEL_SOURCE_DIR) / ".." / "shared" /
                                     "data" / "records" / "febrl" / name;
  std::ifstream in(path);
  if (!in) return std::nullopt;
  FebrlSet set;
  std::string line;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    const auto f = fields(line);
    if (f.size() < 11) continue;
    // "rec-12-dup-3" (the id is not normalised: its hyphens matter).
    const std::string id = line.substr(0, line.find(','));
    set.person_of.push_back(number(id, 4, id.find('-', 4) - 4));
    pole::PersonFacts p;
    p.forenames = f[1];
    p.surname = f[2];
    p.house_number = f[3];
    p.street = f[4];
    p.locality = f[5];
    p.town = f[6];
    p.postcode = f[7];
    // f[8] is the state: too coarse to tell anyone apart.
    p.birth_year = number(f[9], 0, 4);
    p.birth_month = number(f[9], 4, 2);
    p.birth_day = number(f[9], 6, 2);
    p.identifier = f[10];
    set.people.push_back(std::move(p));
  }
  return set;
}

LinkageQuality quality(const FebrlSet& set, const std::vector<pole::DuplicatePair>& found) {
  LinkageQuality q;
  std::map<int, size_t> group_sizes;
  for (const int n : set.person_of) ++group_sizes[n];
  for (const auto& [n, size] : group_sizes) q.true_pairs += size * (size - 1) / 2;
  q.found = found.size();
  for (const auto& pair : found) {
    if (set.person_of[pair.first] == set.person_of[pair.second]) ++q.correct;
  }
  q.precision = q.found ? static_cast<double>(q.correct) / static_cast<double>(q.found) : 0;
  q.recall = q.true_pairs ? static_cast<double>(q.correct) / static_cast<double>(q.true_pairs) : 0;
  q.f1 = q.precision + q.recall > 0 ? 2 * q.precision * q.recall / (q.precision + q.recall) : 0;
  return q;
}

}  // namespace peel::testing
