// PNG (ISO/IEC 15948): the signature, then IHDR, one IDAT of zlib-compressed scanlines (each
// with filter byte 0) and IEND, each chunk with its CRC-32. zlib is already a dependency (the
// map importer reads compressed OpenStreetMap data with it).
#include <zlib.h>

#include <stdexcept>

#include "chart/canvas.h"

namespace peel::chart {

namespace {

void put_u32(std::string& out, uint32_t v) {
  out += static_cast<char>(v >> 24);
  out += static_cast<char>(v >> 16);
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v);
}

void put_chunk(std::string& out, const char* type, const std::string& data) {
  put_u32(out, static_cast<uint32_t>(data.size()));
  const std::string typed = std::string(type, 4) + data;
  out += typed;
  const auto* bytes = reinterpret_cast<const Bytef*>(typed.data());
  put_u32(out, static_cast<uint32_t>(
                   crc32(crc32(0, nullptr, 0), bytes, static_cast<uInt>(typed.size()))));
}

}  // namespace

std::string Canvas::png() const {
  std::string raw;
  raw.reserve(static_cast<size_t>(height_) * (1 + 3 * static_cast<size_t>(width_)));
  for (int y = 0; y < height_; ++y) {
    raw += '\0';  // filter: none
    for (int x = 0; x < width_; ++x) {
      const Rgb p = at(x, y);
      raw += static_cast<char>(p.r);
      raw += static_cast<char>(p.g);
      raw += static_cast<char>(p.b);
    }
  }
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string compressed(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(compressed.data()), &size,
                reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                Z_DEFAULT_COMPRESSION) != Z_OK)
    throw std::runtime_error("zlib could not compress the image");  // only out of memory
  compressed.resize(size);

  std::string header;
  put_u32(header, static_cast<uint32_t>(width_));
  put_u32(header, static_cast<uint32_t>(height_));
  header += '\x08';                // bit depth
  header += '\x02';                // colour type: RGB
  header += std::string(3, '\0');  // compression, filter, interlace: the standard ones
  std::string out = "\x89PNG\r\n\x1a\n";
  put_chunk(out, "IHDR", header);
  put_chunk(out, "IDAT", compressed);
  put_chunk(out, "IEND", "");
  return out;
}

}  // namespace peel::chart
