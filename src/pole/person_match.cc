#include "pole/person_match.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "pole/text_similarity.h"

namespace peel::pole {

namespace {

// How alike two names are, allowing for forenames and surname swapped between the records
// (a common slip when names are read out).
struct NameSimilarity {
  double surname = 0, forenames = 0;
  bool swapped = false;
};

NameSimilarity names_alike(const PersonFacts& a, const PersonFacts& b) {
  NameSimilarity straight{jaro_winkler(a.surname, b.surname),
                          jaro_winkler(a.forenames, b.forenames), false};
  const NameSimilarity crossed{jaro_winkler(a.surname, b.forenames),
                               jaro_winkler(a.forenames, b.surname), true};
  return crossed.surname + crossed.forenames > straight.surname + straight.forenames + 0.2
             ? crossed
             : straight;
}

// A graded weight: strong agreement, near agreement, weak agreement, or disagreement.
double graded(double similarity, double strong, double near, double weak, double against) {
  if (similarity >= 0.97) return strong;
  if (similarity >= 0.90) return near;
  if (similarity >= 0.80) return weak;
  return against;
}

class Scorer {
 public:
  Scorer(const PersonFacts& a, const PersonFacts& b) : a_(a), b_(b) {}

  MatchScore score() {
    identifier();
    names();
    birth();
    address();
    return std::move(result_);
  }

 private:
  void add(const char* field, double weight, std::string why) {
    result_.score += weight;
    result_.evidence.push_back({field, weight, std::move(why)});
  }

  void identifier() {
    if (a_.identifier.empty() || b_.identifier.empty()) return;
    if (a_.identifier == b_.identifier) return add("identifier", 14, "the same identifier");
    const size_t edits = edit_distance(a_.identifier, b_.identifier);
    if (edits == 1) return add("identifier", 7, "identifier one keystroke apart");
    add("identifier", -6, "different identifiers");
  }

  void names() {
    const NameSimilarity n = names_alike(a_, b_);
    const char* swapped = n.swapped ? " (forenames and surname swapped)" : "";
    if (!a_.surname.empty() && !b_.surname.empty()) {
      add("surname", graded(n.surname, 8, 5, 1, -5),
          fmt::format("surname alike ({:.2f}){}", n.surname, swapped));
    }
    if (!a_.forenames.empty() && !b_.forenames.empty()) {
      add("forenames", graded(n.forenames, 6, 4, 1, -4),
          fmt::format("forenames alike ({:.2f}){}", n.forenames, swapped));
    }
  }

  void birth() {
    if (!a_.birth_year || !b_.birth_year) return;
    const bool year = a_.birth_year == b_.birth_year, month = a_.birth_month == b_.birth_month,
               day = a_.birth_day == b_.birth_day;
    if (year && month && day) return add("date_of_birth", 10, "the same date of birth");
    const bool day_month_swapped =
        year && a_.birth_month == b_.birth_day && a_.birth_day == b_.birth_month;
    const int agreeing = int{year} + int{month} + int{day};
    if (day_month_swapped || agreeing == 2)
      return add("date_of_birth", 4, "date of birth one part apart");
    const int year_digits = static_cast<int>(
        edit_distance(std::to_string(a_.birth_year), std::to_string(b_.birth_year)));
    if (month && day && year_digits == 1)
      return add("date_of_birth", 4, "date of birth one digit apart");
    add("date_of_birth", -6, "different dates of birth");
  }

  void address() {
    if (!a_.house_number.empty() && !b_.house_number.empty()) {
      if (a_.house_number == b_.house_number) {
        add("house_number", 3, "the same house number");
      } else {
        add("house_number", -1, "different house numbers");
      }
    }
    if (!a_.street.empty() && !b_.street.empty()) {
      const double s = text_similarity(a_.street, b_.street);
      add("street", s >= 0.95 ? 5 : s >= 0.85 ? 3 : -2, fmt::format("street alike ({:.2f})", s));
    }
    if (!a_.locality.empty() && !b_.locality.empty()) {
      const double s = text_similarity(a_.locality, b_.locality);
      add("locality", s >= 0.90 ? 2 : -0.5, fmt::format("locality alike ({:.2f})", s));
    }
    if (!a_.town.empty() && !b_.town.empty()) {
      const double s = text_similarity(a_.town, b_.town);
      add("town", s >= 0.92 ? 3 : -1, fmt::format("town alike ({:.2f})", s));
    }
    if (!a_.postcode.empty() && !b_.postcode.empty()) {
      if (a_.postcode == b_.postcode) {
        add("postcode", 4, "the same postcode");
      } else if (edit_distance(a_.postcode, b_.postcode) == 1) {
        add("postcode", 2, "postcode one keystroke apart");
      } else {
        add("postcode", -2, "different postcodes");
      }
    }
  }

  const PersonFacts& a_;
  const PersonFacts& b_;
  MatchScore result_;
};

std::string first_word(const std::string& s) { return s.substr(0, s.find(' ')); }

}  // namespace

MatchScore compare_persons(const PersonFacts& a, const PersonFacts& b) {
  return Scorer(a, b).score();
}

std::vector<std::string> blocking_keys(const PersonFacts& p) {
  std::vector<std::string> keys;
  if (!p.identifier.empty()) keys.push_back("id:" + p.identifier);
  const std::string year = p.birth_year ? std::to_string(p.birth_year) : std::string();
  const std::string dob =
      p.birth_year ? fmt::format("{:04}{:02}{:02}", p.birth_year, p.birth_month, p.birth_day)
                   : std::string();
  // Either name with the year of birth (so that swapped names still meet), and with the postcode.
  for (const std::string& name : {p.surname, first_word(p.forenames)}) {
    const std::string sound = soundex(name);
    if (sound.empty()) continue;
    if (!year.empty()) keys.push_back(fmt::format("ny:{}{}", sound, year));
    if (!p.postcode.empty()) keys.push_back(fmt::format("np:{}{}", sound, p.postcode));
  }
  if (!dob.empty() && !p.postcode.empty()) keys.push_back(fmt::format("dp:{}{}", dob, p.postcode));
  if (!dob.empty() && !p.house_number.empty())
    keys.push_back(fmt::format("dh:{}{}", dob, p.house_number));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::vector<DuplicatePair> find_duplicate_pairs(const std::vector<PersonFacts>& people,
                                                double threshold, size_t max_block) {
  std::unordered_map<std::string, std::vector<size_t>> blocks;
  for (size_t i = 0; i < people.size(); ++i) {
    for (auto& key : blocking_keys(people[i])) blocks[std::move(key)].push_back(i);
  }
  std::set<std::pair<size_t, size_t>> compared;
  std::vector<DuplicatePair> found;
  for (const auto& [key, members] : blocks) {
    if (members.size() < 2 || members.size() > max_block) continue;
    for (size_t x = 0; x < members.size(); ++x) {
      for (size_t y = x + 1; y < members.size(); ++y) {
        const auto pair = std::minmax(members[x], members[y]);
        if (!compared.insert(pair).second) continue;
        MatchScore score = compare_persons(people[pair.first], people[pair.second]);
        if (score.score >= threshold) found.push_back({pair.first, pair.second, std::move(score)});
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& l, const auto& r) {
    return std::tie(l.first, l.second) < std::tie(r.first, r.second);
  });
  return found;
}

}  // namespace peel::pole
