// How alike two names, addresses or numbers are, for people's records: typed by different
// officers, misheard on the phone, mis-keyed. Every function works on text normalised by
// `normalise` (lower case ASCII letters, digits and single spaces).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace peel::pole {

// Lower case; accents folded (UTF-8 Latin-1 letters to their base letter); apostrophes and
// hyphens dropped inside words ("O'Brien" -> "obrien"); other punctuation to spaces; runs of
// spaces to one; trimmed.
std::string normalise(std::string_view text);

// The words of a text, split at spaces (empty words dropped).
std::vector<std::string> words(std::string_view text);

// Jaro-Winkler similarity, 0 (nothing alike) to 1 (the same); prefix scale 0.1 over up to four
// characters.
double jaro_winkler(std::string_view a, std::string_view b);

// The similarity of two multi-word texts (addresses, suburbs): the best of the whole texts,
// the texts with their spaces removed ("pridhamstreet" against "pridham street"), and the words
// paired in either order.
double text_similarity(std::string_view a, std::string_view b);

// The number of single-character insertions, deletions, substitutions and transpositions of
// neighbours between the two (optimal string alignment distance).
size_t edit_distance(std::string_view a, std::string_view b);

// American Soundex ("robert" -> "r163"); empty for text with no letters. Used to gather
// candidates that sound alike, never to decide.
std::string soundex(std::string_view name);

}  // namespace peel::pole
