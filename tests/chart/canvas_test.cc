// The chart canvas: what is drawn is where it should be, and the PNG written holds exactly the
// pixels (read back here with zlib, chunk by chunk, CRCs checked).
#include "chart/canvas.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace peel::chart {
namespace {

constexpr Rgb kWhite{255, 255, 255}, kRed{200, 30, 30};

uint32_t u32(const std::string& s, size_t at) {
  return static_cast<uint32_t>(
      static_cast<unsigned char>(s[at]) << 24 | static_cast<unsigned char>(s[at + 1]) << 16 |
      static_cast<unsigned char>(s[at + 2]) << 8 | static_cast<unsigned char>(s[at + 3]));
}

// The chunks of a PNG file by type (each CRC checked); empty when the file is not a PNG.
std::map<std::string, std::string> chunks(const std::string& png) {
  std::map<std::string, std::string> out;
  if (png.rfind("\x89PNG\r\n\x1a\n", 0) != 0) return out;
  for (size_t at = 8; at + 12 <= png.size();) {
    const uint32_t length = u32(png, at);
    const std::string typed = png.substr(at + 4, 4 + length);
    const auto crc =
        crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()));
    EXPECT_EQ(crc, u32(png, at + 8 + length)) << typed.substr(0, 4);
    out[typed.substr(0, 4)] += typed.substr(4);
    at += 12 + length;
  }
  return out;
}

TEST(Canvas, ThePngHoldsThePixels) {
  Canvas canvas(7, 3, kWhite);
  canvas.set(2, 1, kRed);
  canvas.set(9, 9, kRed);  // outside: clipped, not a crash
  const auto parts = chunks(canvas.png());
  ASSERT_TRUE(parts.contains("IHDR"));
  ASSERT_TRUE(parts.contains("IEND"));
  EXPECT_EQ(u32(parts.at("IHDR"), 0), 7U);
  EXPECT_EQ(u32(parts.at("IHDR"), 4), 3U);
  EXPECT_EQ(parts.at("IHDR").substr(8, 2), std::string("\x08\x02", 2)) << "8-bit RGB";

  std::string raw(size_t{3} * (1 + 3 * 7), '\0');
  uLongf size = raw.size();
  const std::string& idat = parts.at("IDAT");
  ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(raw.data()), &size,
                       reinterpret_cast<const Bytef*>(idat.data()), idat.size()),
            Z_OK);
  ASSERT_EQ(size, raw.size());
  const size_t red = 1 * (1 + 3 * 7) + 1 + 3 * 2;  // row 1 after its filter byte, pixel 2
  EXPECT_EQ(static_cast<unsigned char>(raw[red]), 200);
  EXPECT_EQ(static_cast<unsigned char>(raw[red + 1]), 30);
  EXPECT_EQ(static_cast<unsigned char>(raw[0]), 0) << "filter byte: none";
  EXPECT_EQ(static_cast<unsigned char>(raw[1]), 255);
}

TEST(Canvas, DashedLinesHaveGaps) {
  Canvas canvas(40, 5, kWhite);
  canvas.line(0, 2, 39, 2, kRed, 1, 4);
  EXPECT_EQ(canvas.at(0, 2), kRed);
  EXPECT_EQ(canvas.at(3, 2), kRed);
  EXPECT_EQ(canvas.at(5, 2), kWhite) << "the first gap";
  EXPECT_EQ(canvas.at(8, 2), kRed) << "the second dash";
  EXPECT_EQ(canvas.at(8, 1), kWhite) << "one pixel thick";
  canvas.line(0, 0, 39, 0, kRed, 3);
  EXPECT_EQ(canvas.at(20, 1), kRed) << "three thick, centred on the line";
}

TEST(Canvas, TextIsDrawnInItsBox) {
  Canvas canvas(60, 20, kWhite);
  canvas.text(2, 3, "I 15", kRed, 2);
  EXPECT_EQ(Canvas::text_width("I 15", 2), 46);
  EXPECT_EQ(Canvas::text_height(2), 14);
  size_t inside = 0, outside = 0;
  for (int y = 0; y < 20; ++y) {
    for (int x = 0; x < 60; ++x) {
      const bool in_box = x >= 2 && x < 2 + 46 && y >= 3 && y < 3 + 14;
      if (canvas.at(x, y) == kRed) (in_box ? inside : outside) += 1;
    }
  }
  EXPECT_GT(inside, 40U);
  EXPECT_EQ(outside, 0U);
  // The top bar of 'I' (0x0E: three pixels), two pixels square each.
  EXPECT_EQ(canvas.at(2 + 2, 3), kRed);
  EXPECT_EQ(canvas.at(2 + 0, 3), kWhite);
}

TEST(Canvas, UnknownCharactersAreQuestionMarks) {
  Canvas a(10, 10, kWhite), b(10, 10, kWhite);
  a.text(0, 0, "\x01", kRed);
  b.text(0, 0, "?", kRed);
  EXPECT_EQ(a.png(), b.png());
  Canvas lower(10, 10, kWhite), upper(10, 10, kWhite);
  lower.text(0, 0, "x", kRed);
  upper.text(0, 0, "X", kRed);
  EXPECT_EQ(lower.png(), upper.png()) << "letters are drawn as capitals";
}

}  // namespace
}  // namespace peel::chart
