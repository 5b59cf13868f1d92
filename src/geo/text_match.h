// How the gazetteer reads what a caller says: lower case, accents folded, punctuation dropped,
// and the usual abbreviations made one word ("st" and "street" both read "st").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace peel::geo {

std::vector<std::string> normalized_tokens(std::string_view text);

// Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit);

}  // namespace peel::geo
