#ifndef HLSNN_NNET_RECIPROCAL_H_
#define HLSNN_NNET_RECIPROCAL_H_

// 1/x for x >= 1 held in an unsigned fixed-point type, the way floating-point hardware does it:
// the leading one splits x into 2^k * m with m in [1, 2), 1/m comes from a table addressed by the
// bits after the leading one, and 1/x = (1/m) * 2^-k. The table spans one octave, so its relative
// error (at most 2^-(log2(size) + 1) from the sampling at bucket centres, plus the rounding of its
// entries) is the same for every x, where a table addressed by the top bits of x would be coarse
// exactly where 1/x is largest. hlsnn's own numerics (the accurate softmax and softsign).

#include "nnet_common.h"

namespace nnet {

// 1/m at the centre of each of n equal buckets of m in [1, 2): entries lie in (1/2, 1).
struct MantissaInverseSampler {
  static double value(unsigned i, unsigned n) { return 1.0 / (1.0 + (i + 0.5) / n); }
};

// 1/x = mantissa_inverse * 2^-shift.
template <class inv_T>
struct NormalizedInverse {
  inv_T mantissa_inverse;
  unsigned shift;
};

// x must be at least 1 (its callers sum a 1 into it); the bits of x below its leading one
// address a table of kSize entries of inv_T.
template <class inv_T, unsigned kSize, class x_T>
NormalizedInverse<inv_T> normalized_inverse(const x_T& x) {
#pragma HLS INLINE
  typedef LookupTable<inv_T, kSize, MantissaInverseSampler> InverseTable;
  NNET_CONST_TABLE(InverseTable, inverse_table);
  constexpr int kWidth = x_T::width;
  constexpr int kFraction = x_T::width - x_T::iwidth;
  constexpr int kBits = ceillog2(kSize);
  static_assert(is_pow2(kSize), "normalized_inverse: the table size must be a power of 2");
  static_assert(kFraction >= 0 && x_T::iwidth >= 1, "normalized_inverse: x_T must hold 1");
  const ap_uint<kWidth> bits = x.range(kWidth - 1, 0);
  int lead = kFraction;
  for (int b = kFraction; b < kWidth; b++) {
#pragma HLS UNROLL
    if (bits[b]) lead = b;
  }
  // The leading one moves to bit kWidth + kBits - 1; the kBits below it are the address.
  ap_uint<kWidth + kBits> aligned = bits;
  aligned <<= kWidth - 1 - lead + kBits;
  const unsigned address = aligned.range(kWidth + kBits - 2, kWidth - 1).to_uint();
  NormalizedInverse<inv_T> result;
  result.mantissa_inverse = inverse_table.entry[address];
  result.shift = lead - kFraction;
  return result;
}

}  // namespace nnet

#endif  // HLSNN_NNET_RECIPROCAL_H_
