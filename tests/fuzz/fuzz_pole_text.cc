// libFuzzer target: names and addresses as people type them into the records — normalised,
// compared, turned into search and blocking keys. Any crash, sanitizer report or broken promise
// (a similarity outside 0..1, an edit distance longer than the longer text, a Soundex code not
// of four characters) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "pole/person_match.h"
#include "pole/persons.h"
#include "pole/text_similarity.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t cut = input.find('\n');
  const std::string a = peel::pole::normalise(input.substr(0, cut));
  const std::string b =
      cut == std::string::npos ? std::string() : peel::pole::normalise(input.substr(cut + 1));
  for (const double similarity :
       {peel::pole::jaro_winkler(a, b), peel::pole::text_similarity(a, b)}) {
    if (!(similarity >= 0 && similarity <= 1)) std::abort();
  }
  if (peel::pole::edit_distance(a, b) > std::max(a.size(), b.size())) std::abort();
  const std::string code = peel::pole::soundex(a);
  if (!code.empty() && code.size() != 4) std::abort();

  peel::pole::PersonFacts x, y;
  x.surname = a;
  x.forenames = b;
  y.surname = b;
  y.street = a;
  x.postcode = y.identifier = code;
  (void)peel::pole::compare_persons(x, y);
  (void)peel::pole::blocking_keys(x);
  (void)peel::pole::person_keys(input.substr(0, cut), {b}, 1985);
  peel::pole::PersonQuery q;
  (void)peel::pole::search_keys({a, b}, q);
  return 0;
}
