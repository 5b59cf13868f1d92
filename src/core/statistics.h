// Percentiles as the control room reports them: nearest rank, so every figure is a time that
// really happened (no interpolation between two incidents).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace peel {

// The smallest value with at least a share `q` (0..1] of them at or below it.
// REQUIRES: `sorted` is sorted ascending and not empty.
inline double nearest_rank(const std::vector<double>& sorted, double q) {
  const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::max<size_t>(rank, 1) - 1];
}

}  // namespace peel
