// The built-in 5x7 pixel font of the chart canvas.
#pragma once

#include <array>
#include <cstdint>

namespace peel::chart {

inline constexpr int kGlyphWidth = 5, kGlyphHeight = 7, kGlyphAdvance = 6;

// Seven rows, top first; bit 4 of a row is its leftmost pixel.
using Glyph = std::array<uint8_t, kGlyphHeight>;

// The glyph of `c` (letters as capitals); '?' for characters the font lacks.
const Glyph& glyph(char c);

}  // namespace peel::chart
