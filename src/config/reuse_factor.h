#ifndef HLSNN_CONFIG_REUSE_FACTOR_H
#define HLSNN_CONFIG_REUSE_FACTOR_H

#include <cstdint>
#include <vector>

namespace hlsnn::config {

/// True when a dense product of n_in × n_out multiplications can be folded by `reuse_factor`:
/// it divides the number of multiplications, and it either is below n_in with the multipliers
/// of a pass covering whole output columns, or is a multiple of n_in. These are the conditions
/// the folded kernel is correct under (and the reference tool's).
bool is_valid_dense_reuse_factor(std::int64_t n_in, std::int64_t n_out, std::int64_t reuse_factor);

/// The valid reuse factors nearest to `wanted` (the closest one below and above, when they
/// exist), for error messages.
std::vector<std::int64_t> nearest_valid_dense_reuse_factors(std::int64_t n_in, std::int64_t n_out,
                                                            std::int64_t wanted);

}  // namespace hlsnn::config

#endif  // HLSNN_CONFIG_REUSE_FACTOR_H
