#include "geo/graph_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <limits>
#include <type_traits>

namespace peel::geo {

namespace {

constexpr char kMagic[8] = {'P', 'E', 'E', 'L', 'G', 'R', 'F', '1'};
constexpr uint32_t kVersion = 2;  // 2: turn restrictions

static_assert(std::is_trivially_copyable_v<FixedPoint> && sizeof(FixedPoint) == 8);
static_assert(std::is_trivially_copyable_v<Segment> && sizeof(Segment) == 20);
static_assert(std::is_trivially_copyable_v<ChArc> && sizeof(ChArc) == 8);
static_assert(std::is_trivially_copyable_v<BannedTurn> && sizeof(BannedTurn) == 12);

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t node_count;
  uint64_t segment_count;
  uint64_t name_count;
  uint64_t name_bytes;
  uint64_t copy_count;
  uint64_t banned_count;
  uint64_t up_out_count[kProfileCount];
  uint64_t up_in_count[kProfileCount];
  double factors[kProfileCount][kRoadClassCount];
};

size_t padded(size_t bytes) { return (bytes + 7) & ~size_t{7}; }

// Appends arrays to a file, each padded to 8 bytes so that the mapping is aligned.
class Writer {
 public:
  explicit Writer(std::FILE* file) : file_(file) {}
  template <typename T>
  void array(std::span<const T> values) {
    bytes(values.data(), values.size_bytes());
  }
  void bytes(const void* data, size_t size) {
    static const char zeros[8] = {};
    ok_ = ok_ && std::fwrite(data, 1, size, file_) == size &&
          std::fwrite(zeros, 1, padded(size) - size, file_) == padded(size) - size;
  }
  bool ok() const { return ok_; }

 private:
  std::FILE* file_;
  bool ok_ = true;
};

// Takes arrays off a mapped file in the order Writer put them.
class Reader {
 public:
  Reader(const char* data, size_t size) : data_(data), size_(size) {}
  template <typename T>
  std::span<const T> array(uint64_t count) {
    const uint64_t bytes = count * sizeof(T);
    if (count > size_ || offset_ + padded(bytes) > size_) {
      ok_ = false;
      return {};
    }
    std::span<const T> out(reinterpret_cast<const T*>(data_ + offset_), count);
    offset_ += padded(bytes);
    return out;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return offset_ == size_; }

 private:
  const char* data_;
  size_t size_;
  size_t offset_ = 0;
  bool ok_ = true;
};

bool all_below(std::span<const uint32_t> values, uint64_t limit) {
  for (uint32_t v : values) {
    if (v >= limit) return false;
  }
  return true;
}

bool valid_first(std::span<const uint32_t> first, uint64_t arc_count) {
  if (first.empty() || first.front() != 0 || first.back() != arc_count) return false;
  for (size_t i = 1; i < first.size(); ++i) {
    if (first[i] < first[i - 1]) return false;
  }
  return true;
}

bool valid_hierarchy(const ChView& ch, uint32_t n) {
  auto arcs_ok = [n](std::span<const ChArc> arcs, std::span<const uint32_t> middles) {
    for (const ChArc& a : arcs) {
      if (a.other >= n) return false;
    }
    for (uint32_t m : middles) {
      if (m != kNoMiddle && m >= n) return false;
    }
    return true;
  };
  return all_below(ch.rank_of, n) && all_below(ch.node_of, n) &&
         valid_first(ch.up_out_first, ch.up_out.size()) &&
         valid_first(ch.up_in_first, ch.up_in.size()) && arcs_ok(ch.up_out, ch.up_out_middle) &&
         arcs_ok(ch.up_in, ch.up_in_middle);
}

// Ids in range, copies ordered by (via, from) and banned turns sorted, as the lookups assume.
bool valid_turns(const TurnView& t) {
  if (!all_below(t.copy_via, t.junctions) || !all_below(t.copy_from, t.junctions)) return false;
  for (size_t i = 1; i < t.copy_via.size(); ++i) {
    if (std::pair(t.copy_via[i - 1], t.copy_from[i - 1]) >=
        std::pair(t.copy_via[i], t.copy_from[i]))
      return false;
  }
  for (const BannedTurn& b : t.banned) {
    if (b.from >= t.junctions || b.via >= t.junctions || b.to >= t.junctions) return false;
  }
  return std::is_sorted(t.banned.begin(), t.banned.end());
}

}  // namespace

MapView BuiltMap::view() const {
  MapView v;
  v.nodes = network.nodes;
  v.segments = network.segments;
  for (const auto& name : network.names) v.names.emplace_back(name);
  v.turns = turns.view();
  for (size_t p = 0; p < kProfileCount; ++p) v.hierarchies.at(p) = hierarchies.at(p).view();
  v.factors = factors;
  return v;
}

BuiltMap build_map(RoadNetwork network, const SpeedFactors& emergency) {
  BuiltMap map;
  map.factors = {SpeedFactors::normal(), emergency};
  map.turns = turn_table(network);
  const TurnView turns = map.turns.view();
  const auto keys = routing_keys(network, turns);
  const uint32_t n = turns.node_count();
  // The profiles are contracted side by side: each is independent, and contraction is most of
  // an import's time.
  std::array<std::future<ContractionHierarchy>, kProfileCount> built;
  for (size_t p = 0; p < kProfileCount; ++p) {
    built.at(p) =
        std::async(std::launch::async, [&network, &keys, &turns, factors = map.factors.at(p), n] {
          return contract(n, routing_arcs(network, factors, turns), keys);
        });
  }
  for (size_t p = 0; p < kProfileCount; ++p) map.hierarchies.at(p) = built.at(p).get();
  map.network = std::move(network);
  return map;
}

Status write_graph_file(const MapView& map, const std::string& path) {
  const std::string temporary = path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file)
    return Error::invalid("graph file", "cannot write " + temporary + ": " + std::strerror(errno));
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.version = kVersion;
  header.node_count = static_cast<uint32_t>(map.nodes.size());
  header.segment_count = map.segments.size();
  header.name_count = map.names.size();
  std::string name_bytes;
  std::vector<uint32_t> name_offsets{0};
  for (auto name : map.names) {
    name_bytes += name;
    name_offsets.push_back(static_cast<uint32_t>(name_bytes.size()));
  }
  header.name_bytes = name_bytes.size();
  header.copy_count = map.turns.copy_via.size();
  header.banned_count = map.turns.banned.size();
  for (size_t p = 0; p < kProfileCount; ++p) {
    header.up_out_count[p] = map.hierarchies.at(p).up_out.size();
    header.up_in_count[p] = map.hierarchies.at(p).up_in.size();
    for (size_t c = 0; c < kRoadClassCount; ++c)
      header.factors[p][c] = map.factors.at(p).by_class.at(c);
  }
  Writer w(file);
  w.bytes(&header, sizeof header);
  w.array(map.nodes);
  w.array(map.segments);
  w.array(std::span<const uint32_t>(name_offsets));
  w.bytes(name_bytes.data(), name_bytes.size());
  w.array(map.turns.copy_via);
  w.array(map.turns.copy_from);
  w.array(map.turns.banned);
  for (const ChView& ch : map.hierarchies) {
    w.array(ch.rank_of);
    w.array(ch.node_of);
    w.array(ch.up_out_first);
    w.array(ch.up_out);
    w.array(ch.up_out_middle);
    w.array(ch.up_in_first);
    w.array(ch.up_in);
    w.array(ch.up_in_middle);
  }
  const bool written = w.ok() && std::fflush(file) == 0 && fsync(fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  std::error_code ec;
  if (!written || !closed) {
    std::filesystem::remove(temporary, ec);
    return Error::invalid("graph file", "cannot write " + temporary + " (disk full?)");
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec) return Error::invalid("graph file", "cannot rename to " + path + ": " + ec.message());
  return {};
}

Result<std::unique_ptr<GraphFile>> GraphFile::open(const std::string& path) {
  auto bad = [&](const std::string& why) {
    return Error::invalid("graph file", path + " " + why + "; import the map again");
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return bad(std::string("cannot be opened: ") + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(Header))) {
    ::close(fd);
    return bad("is too short to be a graph file");
  }
  std::unique_ptr<GraphFile> file(new GraphFile());
  file->size_ = static_cast<size_t>(st.st_size);
  file->data_ = mmap(nullptr, file->size_, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (file->data_ == MAP_FAILED) {
    file->data_ = nullptr;
    return bad("cannot be mapped");
  }
  const auto* bytes = static_cast<const char*>(file->data_);
  Header header{};
  std::memcpy(&header, bytes, sizeof header);
  if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0) return bad("is not a Peel graph file");
  if (header.version != kVersion)
    return bad("has format version " + std::to_string(header.version));
  Reader r(bytes, file->size_);
  r.array<char>(sizeof header);
  const uint32_t n = header.node_count;
  MapView& v = file->view_;
  v.nodes = r.array<FixedPoint>(n);
  v.segments = r.array<Segment>(header.segment_count);
  const auto offsets = r.array<uint32_t>(header.name_count + 1);
  const auto chars = r.array<char>(header.name_bytes);
  v.turns.junctions = n;
  v.turns.copy_via = r.array<uint32_t>(header.copy_count);
  v.turns.copy_from = r.array<uint32_t>(header.copy_count);
  v.turns.banned = r.array<BannedTurn>(header.banned_count);
  if (!r.ok() || header.copy_count > std::numeric_limits<uint32_t>::max() - uint64_t{n})
    return bad("is truncated or has the wrong size");
  const uint32_t routing_nodes = v.turns.node_count();
  for (size_t p = 0; p < kProfileCount; ++p) {
    ChView& ch = v.hierarchies.at(p);
    ch.rank_of = r.array<uint32_t>(routing_nodes);
    ch.node_of = r.array<uint32_t>(routing_nodes);
    ch.up_out_first = r.array<uint32_t>(uint64_t{routing_nodes} + 1);
    ch.up_out = r.array<ChArc>(header.up_out_count[p]);
    ch.up_out_middle = r.array<uint32_t>(header.up_out_count[p]);
    ch.up_in_first = r.array<uint32_t>(uint64_t{routing_nodes} + 1);
    ch.up_in = r.array<ChArc>(header.up_in_count[p]);
    ch.up_in_middle = r.array<uint32_t>(header.up_in_count[p]);
    for (size_t c = 0; c < kRoadClassCount; ++c)
      v.factors.at(p).by_class.at(c) = header.factors[p][c];
  }
  if (!r.ok() || !r.at_end()) return bad("is truncated or has the wrong size");
  if (!valid_first(offsets, chars.size())) return bad("has damaged street names");
  for (size_t i = 0; i + 1 < offsets.size(); ++i) {
    v.names.emplace_back(chars.data() + offsets[i], offsets[i + 1] - offsets[i]);
  }
  for (const Segment& s : v.segments) {
    if (s.from >= n || s.to >= n || s.name >= v.names.size() ||
        static_cast<int>(s.road_class) >= kRoadClassCount || s.speed_kmh == 0) {
      return bad("has a damaged road segment");
    }
  }
  if (!valid_turns(v.turns)) return bad("has damaged turn restrictions");
  for (const ChView& ch : v.hierarchies) {
    if (!valid_hierarchy(ch, routing_nodes)) return bad("has a damaged hierarchy");
  }
  return file;
}

GraphFile::~GraphFile() {
  if (data_) munmap(data_, size_);
}

}  // namespace peel::geo
