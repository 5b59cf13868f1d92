// A small raster for charts that Peel writes as PNG (the simulator's report): rectangles,
// lines (solid or dashed) and text in a built-in 5x7 pixel font, so that a chart needs no
// font files or drawing library on the machine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace peel::chart {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

class Canvas {
 public:
  Canvas(int width, int height, Rgb background);

  int width() const { return width_; }
  int height() const { return height_; }
  Rgb at(int x, int y) const { return pixels_[index(x, y)]; }

  // Drawing outside the canvas is clipped.
  void set(int x, int y, Rgb colour);
  void fill_rect(int x, int y, int w, int h, Rgb colour);
  // `dash`: the length in pixels of each dash and of each gap; 0 draws a solid line.
  void line(double x0, double y0, double x1, double y1, Rgb colour, int thickness = 1,
            int dash = 0);
  // Text with its top-left corner at (x, y), each font pixel drawn `scale` pixels square.
  // Letters are drawn as capitals; characters the font lacks as '?'.
  void text(int x, int y, std::string_view text, Rgb colour, int scale = 1);
  static int text_width(std::string_view text, int scale = 1);
  static int text_height(int scale = 1);

  // The canvas as a PNG file (8-bit RGB).
  std::string png() const;

 private:
  size_t index(int x, int y) const {
    return static_cast<size_t>(y) * static_cast<size_t>(width_) + static_cast<size_t>(x);
  }

  int width_, height_;
  std::vector<Rgb> pixels_;
};

}  // namespace peel::chart
