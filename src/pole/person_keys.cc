// The keys people are filed under, and which of them a search reads, in order: exact names
// first, then names that sound alike. Each key narrows by what the search knows: a forename (or
// its initial), a year of birth.
#include <fmt/format.h>

#include <chrono>

#include "pole/persons.h"
#include "pole/text_similarity.h"

namespace peel::pole {

std::vector<std::string> person_keys(const std::string& surname,
                                     const std::vector<std::string>& forenames, int birth_year) {
  std::vector<std::string> keys;
  const std::string exact = normalise(surname);
  const std::string sound = soundex(exact);
  if (sound.empty()) return keys;
  keys.push_back("e:" + exact);
  keys.push_back("s:" + sound);
  if (birth_year) {
    keys.push_back(fmt::format("ey:{}|{}", exact, birth_year));
    keys.push_back(fmt::format("y:{}{}", sound, birth_year));
  }
  for (const auto& f : forenames) {
    const std::string forename = normalise(f);
    const std::string forename_sound = soundex(forename);
    if (forename_sound.empty()) continue;
    keys.push_back(fmt::format("x:{}|{}", exact, forename));
    keys.push_back(fmt::format("n:{}{}", sound, forename_sound));
    // A slip of the keys past the third letter changes the Soundex code, not the beginning.
    keys.push_back(fmt::format("p:{}|{}", exact.substr(0, 3), forename_sound));
    keys.push_back(fmt::format("i:{}{}", sound, forename[0]));  // a search by initial
  }
  return keys;
}

bool is_exact_key(const std::string& key) {
  return key.starts_with("e:") || key.starts_with("ey:") || key.starts_with("x:");
}

std::vector<std::string> search_keys(const std::vector<std::string>& asked, const PersonQuery& q) {
  std::vector<std::string> exact, alike;
  if (asked.size() >= 2) {
    // Each word as the surname, each other as a forename (names are given in either order).
    for (size_t i = 0; i < asked.size(); ++i) {
      const std::string sound = soundex(asked[i]);
      if (sound.empty() || asked[i].size() == 1) continue;  // an initial is not a surname
      for (size_t j = 0; j < asked.size(); ++j) {
        if (i == j || soundex(asked[j]).empty()) continue;
        if (asked[j].size() == 1) {
          alike.push_back(fmt::format("i:{}{}", sound, asked[j]));
        } else {
          exact.push_back(fmt::format("x:{}|{}", asked[i], asked[j]));
          alike.push_back(fmt::format("n:{}{}", sound, soundex(asked[j])));
          alike.push_back(fmt::format("p:{}|{}", asked[i].substr(0, 3), soundex(asked[j])));
        }
      }
    }
  } else if (const std::string sound = soundex(asked[0]); !sound.empty()) {
    const int this_year = static_cast<int>(
        std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(q.today)}.year());
    std::vector<int> years;
    if (q.birth_year) {
      years.push_back(q.birth_year);
    } else if (q.min_age && q.max_age && *q.max_age - *q.min_age <= 30) {
      for (int y = this_year - *q.max_age - 1; y <= this_year - *q.min_age; ++y) years.push_back(y);
    }
    for (const int y : years) {
      exact.push_back(fmt::format("ey:{}|{}", asked[0], y));
      alike.push_back(fmt::format("y:{}{}", sound, y));
    }
    if (years.empty()) {
      exact.push_back("e:" + asked[0]);
      alike.push_back("s:" + sound);
    }
  }
  exact.insert(exact.end(), alike.begin(), alike.end());
  return exact;
}

}  // namespace peel::pole
