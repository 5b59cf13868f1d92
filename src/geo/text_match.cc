#include "geo/text_match.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace peel::geo {

namespace {

// UTF-8 two-byte Latin-1 letters (U+00C0..U+00FF) to ASCII.
char fold_latin1(unsigned char second) {
  static constexpr std::string_view kFold =
      "aaaaaaaceeeeiiiidnooooox0uuuuyts"   // C3 80..9F (upper case)
      "aaaaaaaceeeeiiiidnooooo/0uuuuyty";  // C3 A0..BF (lower case)
  const unsigned index = second - 0x80U;
  return index < kFold.size() ? kFold[index] : ' ';
}

const std::unordered_map<std::string, std::string>& abbreviations() {
  static const std::unordered_map<std::string, std::string> table = {
      {"street", "st"},    {"saint", "st"},      {"road", "rd"},     {"avenue", "ave"},
      {"av", "ave"},       {"lane", "ln"},       {"drive", "dr"},    {"place", "pl"},
      {"gardens", "gdns"}, {"crescent", "cres"}, {"terrace", "ter"}, {"close", "cl"},
      {"square", "sq"},    {"court", "ct"},      {"grove", "gr"},    {"boulevard", "bd"},
      {"blvd", "bd"},      {"bvd", "bd"},        {"highway", "hwy"}, {"mount", "mt"},
      {"north", "n"},      {"south", "s"},       {"east", "e"},      {"west", "w"},
      {"station", "stn"},  {"hospital", "hosp"}, {"police", "pol"},  {"school", "sch"},
  };
  return table;
}

bool is_stop_word(const std::string& word) {
  static const std::array<std::string_view, 9> kStop = {"the",  "of", "and", "at", "on",
                                                        "near", "by", "in",  "de"};
  return std::find(kStop.begin(), kStop.end(), word) != kStop.end();
}

}  // namespace

std::vector<std::string> normalized_tokens(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      folded += fold_latin1(static_cast<unsigned char>(text[++i]));
    } else if (c == '\'' || c == '.') {
      // "king's" reads "kings", "st." reads "st"
    } else if (c < 0x80 && std::isalnum(c)) {
      folded += static_cast<char>(std::tolower(c));
    } else {
      folded += ' ';
    }
  }
  std::vector<std::string> tokens;
  size_t start = 0;
  while (start < folded.size()) {
    const size_t end = std::min(folded.find(' ', start), folded.size());
    if (end > start) {
      std::string word = folded.substr(start, end - start);
      if (auto it = abbreviations().find(word); it != abbreviations().end()) word = it->second;
      if (!is_stop_word(word)) tokens.push_back(std::move(word));
    }
    start = end + 1;
  }
  return tokens;
}

int edit_distance(std::string_view a, std::string_view b, int limit) {
  if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) > limit) return limit + 1;
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    int best = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return std::min(row[b.size()], limit + 1);
}

}  // namespace peel::geo
