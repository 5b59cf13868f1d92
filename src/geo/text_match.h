// How the gazetteer reads what a caller says: lower case, accents folded, punctuation dropped,
// and the usual abbreviations made one word ("st" and "street" both read "st").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace peel::geo {

std::vector<std::string> normalized_tokens(std::string_view text);

// What a caller's word means as a street type, read the way normalized_tokens writes it ("st"
// for "street"): for a street type, a word one typo from one ("stret", "avnue"), or, while it is
// still being typed (`as_prefix`), the start of one of at least three letters ("stre").
// Empty when the word is no street type.
std::string street_type_of(std::string_view word, bool as_prefix);
// The street type of a normalized name: its last street-type word that is not its first ("St
// John's Road" is "rd", "St Paul's" none); empty when it has none.
std::string street_type_in(const std::vector<std::string>& tokens);
// A house number as people write them: digits, perhaps one letter after ("12", "12a").
bool is_house_number(std::string_view token);
// "2 High St" before "10 High St": runs of digits compare as numbers, the rest as text.
bool natural_less(std::string_view a, std::string_view b);

// Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit);

}  // namespace peel::geo
