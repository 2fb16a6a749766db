#include "config/reuse_factor.h"

#include <algorithm>

namespace hlsnn::config {

bool is_valid_dense_reuse_factor(std::int64_t n_in, std::int64_t n_out, std::int64_t reuse_factor) {
  if (n_in < 1 || n_out < 1 || reuse_factor < 1) return false;
  const std::int64_t multiplications = n_in * n_out;
  if (multiplications % reuse_factor != 0) return false;
  if (reuse_factor >= n_in) return reuse_factor % n_in == 0;
  const std::int64_t multipliers = (multiplications + reuse_factor - 1) / reuse_factor;
  return multipliers % n_out == 0;
}

std::vector<std::int64_t> nearest_valid_dense_reuse_factors(std::int64_t n_in, std::int64_t n_out,
                                                            std::int64_t wanted) {
  std::vector<std::int64_t> nearest;
  const std::int64_t largest = n_in * n_out;
  for (std::int64_t below = std::min(wanted - 1, largest); below >= 1; --below) {
    if (is_valid_dense_reuse_factor(n_in, n_out, below)) {
      nearest.push_back(below);
      break;
    }
  }
  for (std::int64_t above = std::max<std::int64_t>(wanted + 1, 1); above <= largest; ++above) {
    if (is_valid_dense_reuse_factor(n_in, n_out, above)) {
      nearest.push_back(above);
      break;
    }
  }
  return nearest;
}

}  // namespace hlsnn::config
