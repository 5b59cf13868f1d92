#include "geo/text_match.h"

#include <algorithm>
#include <array>
#include <cctype>
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

// Street types as written in full and as normalized_tokens reads them.
struct StreetType {
  std::string_view full, token;
};
constexpr std::array<StreetType, 36> kStreetTypes = {{
    {"street", "st"},         {"road", "rd"},           {"avenue", "ave"},
    {"lane", "ln"},           {"drive", "dr"},          {"place", "pl"},
    {"gardens", "gdns"},      {"crescent", "cres"},     {"terrace", "ter"},
    {"close", "cl"},          {"square", "sq"},         {"court", "ct"},
    {"grove", "gr"},          {"boulevard", "bd"},      {"highway", "hwy"},
    {"way", "way"},           {"hill", "hill"},         {"row", "row"},
    {"walk", "walk"},         {"mews", "mews"},         {"parade", "parade"},
    {"gate", "gate"},         {"park", "park"},         {"yard", "yard"},
    {"passage", "passage"},   {"viaduct", "viaduct"},   {"circus", "circus"},
    {"green", "green"},       {"rise", "rise"},         {"vale", "vale"},
    {"wharf", "wharf"},       {"alley", "alley"},       {"embankment", "embankment"},
    {"broadway", "broadway"}, {"approach", "approach"}, {"buildings", "buildings"},
}};

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

std::string street_type_of(std::string_view word, bool as_prefix) {
  for (const auto& type : kStreetTypes) {
    if (word == type.token || word == type.full) return std::string(type.token);
  }
  if (word.size() < 3) return "";
  if (as_prefix) {
    for (const auto& type : kStreetTypes) {
      if (type.full.starts_with(word)) return std::string(type.token);
    }
  }
  // One typo in a word of up to six letters, two in a longer one: "stret", "avnue".
  if (word.size() < 4) return "";
  for (const auto& type : kStreetTypes) {
    const int limit = type.full.size() > 6 ? 2 : 1;
    if (type.full.size() >= 4 && edit_distance(word, type.full, limit) <= limit)
      return std::string(type.token);
  }
  return "";
}

std::string street_type_in(const std::vector<std::string>& tokens) {
  for (size_t i = tokens.size(); i-- > 1;) {
    for (const auto& type : kStreetTypes) {
      if (tokens[i] == type.token) return tokens[i];
    }
  }
  return "";
}

bool is_house_number(std::string_view token) {
  size_t digits = 0;
  while (digits < token.size() && std::isdigit(static_cast<unsigned char>(token[digits]))) ++digits;
  if (digits == 0 || digits > 5) return false;
  return token.size() == digits ||
         (token.size() == digits + 1 && std::isalpha(static_cast<unsigned char>(token.back())));
}

bool natural_less(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      size_t ei = i, ej = j;
      while (ei < a.size() && digit(a[ei])) ++ei;
      while (ej < b.size() && digit(b[ej])) ++ej;
      // Without leading zeros the longer run is the larger number.
      std::string_view x = a.substr(i, ei - i), y = b.substr(j, ej - j);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = ei;
      j = ej;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
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
