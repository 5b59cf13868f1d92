#include "chart/canvas.h"

#include <algorithm>
#include <cmath>

#include "chart/font.h"

namespace peel::chart {

Canvas::Canvas(int width, int height, Rgb background)
    : width_(std::max(1, width)),
      height_(std::max(1, height)),
      pixels_(static_cast<size_t>(width_) * static_cast<size_t>(height_), background) {}

void Canvas::set(int x, int y, Rgb colour) {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
  pixels_[index(x, y)] = colour;
}

void Canvas::fill_rect(int x, int y, int w, int h, Rgb colour) {
  for (int row = std::max(0, y); row < std::min(height_, y + h); ++row) {
    for (int column = std::max(0, x); column < std::min(width_, x + w); ++column)
      pixels_[index(column, row)] = colour;
  }
}

void Canvas::line(double x0, double y0, double x1, double y1, Rgb colour, int thickness, int dash) {
  // One step per pixel along the longer axis; a dash pattern counts those steps.
  const double steps = std::max({std::abs(x1 - x0), std::abs(y1 - y0), 1.0});
  const int half = (thickness - 1) / 2;
  for (int i = 0; i <= static_cast<int>(steps); ++i) {
    if (dash > 0 && (i / dash) % 2 == 1) continue;
    const double t = i / steps;
    const int x = static_cast<int>(std::lround(x0 + (x1 - x0) * t));
    const int y = static_cast<int>(std::lround(y0 + (y1 - y0) * t));
    fill_rect(x - half, y - half, thickness, thickness, colour);
  }
}

void Canvas::text(int x, int y, std::string_view text, Rgb colour, int scale) {
  for (const char c : text) {
    const Glyph& rows = glyph(c);
    for (int row = 0; row < kGlyphHeight; ++row) {
      for (int column = 0; column < kGlyphWidth; ++column) {
        if (rows[static_cast<size_t>(row)] & (0x10 >> column))
          fill_rect(x + column * scale, y + row * scale, scale, scale, colour);
      }
    }
    x += kGlyphAdvance * scale;
  }
}

int Canvas::text_width(std::string_view text, int scale) {
  return text.empty() ? 0 : (static_cast<int>(text.size()) * kGlyphAdvance - 1) * scale;
}

int Canvas::text_height(int scale) { return kGlyphHeight * scale; }

}  // namespace peel::chart
