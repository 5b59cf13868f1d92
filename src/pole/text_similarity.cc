#include "pole/text_similarity.h"

#include <algorithm>
#include <array>
#include <vector>

namespace peel::pole {

namespace {

// The base letter of a two-byte UTF-8 Latin-1 letter (U+00C0..U+00FF), or 0.
char fold_latin1(unsigned char lead, unsigned char next) {
  if (lead != 0xC3 || next < 0x80 || next > 0xBF) return 0;
  // U+00C0.. in order: ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß, then the same in lower case
  // (÷ for ×, ÿ for ß).
  if (next == 0xBF) return 'y';
  static constexpr std::string_view kBase = "aaaaaaaceeeeiiiidnooooo ouuuuyts";
  const char base = kBase[(next - 0x80u) % 0x20u];
  return base == ' ' ? 0 : base;
}

std::string without_spaces(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c != ' ') out += c;
  }
  return out;
}

}  // namespace

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  for (size_t start = 0; start < text.size();) {
    const size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string normalise(std::string_view text) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    char letter = 0;
    if (c >= 'A' && c <= 'Z') {
      letter = static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      letter = static_cast<char>(c);
    } else if (c == '\'' || c == '-') {
      continue;  // inside a word: O'Brien, Smith-Jones
    } else if (c >= 0x80 && i + 1 < text.size()) {
      letter = fold_latin1(c, static_cast<unsigned char>(text[i + 1]));
      if (letter) ++i;
    }
    if (!letter) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += letter;
  }
  return out;
}

double jaro_winkler(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1 : 0;
  if (a == b) return 1;
  const size_t window = std::max<size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  std::vector<char> a_matched(a.size(), 0), b_matched(b.size(), 0);
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t from = i > window ? i - window : 0;
    const size_t to = std::min(i + window + 1, b.size());
    for (size_t j = from; j < to; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0;
  size_t transposed = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++transposed;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(transposed) / 2) / m) /
                      3;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1 - jaro);
}

double text_similarity(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1 : 0;
  double best = std::max(jaro_winkler(a, b), jaro_winkler(without_spaces(a), without_spaces(b)));
  const auto aw = words(a), bw = words(b);
  if (aw.size() == 2 && bw.size() == 2) {  // the same two words the other way round
    best = std::max(best, (jaro_winkler(aw[0], bw[1]) + jaro_winkler(aw[1], bw[0])) / 2);
  }
  return best;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic programme: the one before last is needed for transpositions.
  std::vector<size_t> before(b.size() + 1), last(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) last[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, last);
    std::swap(last, row);
  }
  return last[b.size()];
}

std::string soundex(std::string_view name) {
  // a b c d e f g h i j k l m n o p q r s t u v w x y z
  static constexpr std::string_view kCode = "01230120022455012623010202";
  std::string out;
  char previous = 0;
  for (const char c : name) {
    if (c < 'a' || c > 'z') continue;
    const char code = kCode[static_cast<size_t>(c - 'a')];
    if (out.empty()) {
      out += c;
      previous = code;
      continue;
    }
    if (c == 'h' || c == 'w') continue;  // letters either side of h and w code once
    if (code != '0' && code != previous) out += code;
    previous = code;
    if (out.size() == 4) break;
  }
  if (!out.empty()) out.resize(4, '0');
  return out;
}

}  // namespace peel::pole
