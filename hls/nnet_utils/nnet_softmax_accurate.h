#ifndef HLSNN_NNET_SOFTMAX_ACCURATE_H_
#define HLSNN_NNET_SOFTMAX_ACCURATE_H_

// hlsnn's own softmax (implementation `accurate`; hlsnn selects it when it chooses the table types
// itself, see src/passes/choose_table_types.h), io_parallel:
//
// 1. d = max - x, converted to inp_norm_t: unsigned, rounding to nearest, saturating, and exactly
//    as wide as the exp table's address, so every bit of d addresses the table. The table covers
//    [0, 2^I) of inp_norm_t, chosen so that e^-(2^I) is below half an LSB of the result: beyond
//    it a saturated d reads the smallest entry, which is as good as zero.
// 2. Each entry is e^-d at its own grid point (rounding d to nearest samples at bucket centres),
//    rounded to nearest into exp_table_t; the entry for d = 0 is exactly 1.
// 3. The exponentials are summed exactly in accum_t (the entries' fractional bits, enough integer
//    bits for n_slice of them); the sum is at least 1.
// 4. 1/sum from normalized_inverse (nnet_reciprocal.h): equally fine for every sum.
// 5. Each output, exp * (1/m) * 2^-k computed without loss, is rounded to nearest on res_T's grid
//    through res_round_t (res_T with AP_RND and AP_SAT), whatever res_T's own modes.
//
// Outputs lie in [0, 1] when res_T holds 1 (its largest value otherwise), a larger input never
// gets a smaller output than a smaller input of the same slice, and the argmax moves only
// between inputs closer than a table step. inv_inp_t is not used (the sum is normalized in
// accum_t).

#include <cmath>

#include "nnet_common.h"
#include "nnet_reciprocal.h"
#include "nnet_softmax.h"  // softmax_implementation, SoftmaxImplementation (it includes this file)

namespace nnet {

// e^-d at the grid point of each address of dist_T.
template <class dist_T, unsigned kSize>
struct NegativeExpSampler {
  static double value(unsigned i, unsigned n) {
    (void)n;
    return std::exp(-std::ldexp(static_cast<double>(i), dist_T::iwidth - dist_T::width));
  }
};

template <class data_T, class res_T, typename CONFIG_T>
void softmax_accurate(const data_T data[CONFIG_T::n_slice], res_T res[CONFIG_T::n_slice]) {
#pragma HLS PIPELINE
  typedef typename CONFIG_T::inp_norm_t inp_norm_t;
  typedef typename CONFIG_T::exp_table_t exp_table_t;
  typedef typename CONFIG_T::inv_table_t inv_table_t;
  typedef typename CONFIG_T::accum_t accum_t;
  constexpr unsigned kExpSize = CONFIG_T::exp_table_size;
  static_assert(inp_norm_t::width == ceillog2(kExpSize),
                "softmax accurate: inp_norm_t must be exactly as wide as the exp table address");
  typedef LookupTable<exp_table_t, kExpSize, NegativeExpSampler<inp_norm_t, kExpSize>> ExpTable;
  NNET_CONST_TABLE(ExpTable, exp_table);

  const data_T x_max = BalancedTree<CONFIG_T::n_slice>::reduce(data, MaxOp<data_T>());
  exp_table_t exp_values[CONFIG_T::n_slice];
  accum_t exp_terms[CONFIG_T::n_slice];
#pragma HLS ARRAY_PARTITION variable = exp_values complete
#pragma HLS ARRAY_PARTITION variable = exp_terms complete
  for (unsigned i = 0; i < CONFIG_T::n_slice; i++) {
#pragma HLS UNROLL
    const inp_norm_t distance_to_max = x_max - data[i];
    exp_values[i] = exp_table.entry[table_address<kExpSize>(distance_to_max)];
    exp_terms[i] = exp_values[i];
  }
  const accum_t exp_sum = BalancedTree<CONFIG_T::n_slice>::reduce(exp_terms, SumOp<accum_t>());
  const NormalizedInverse<inv_table_t> inverse =
      normalized_inverse<inv_table_t, CONFIG_T::inv_table_size>(exp_sum);

  typedef decltype(exp_table_t() * inv_table_t()) product_t;
  // Room for the largest shift (the sum's integer bits) below the product's bits.
  typedef ap_ufixed<product_t::width + accum_t::iwidth, product_t::iwidth> scaled_t;
  for (unsigned i = 0; i < CONFIG_T::n_slice; i++) {
#pragma HLS UNROLL
    scaled_t scaled = exp_values[i] * inverse.mantissa_inverse;
    scaled >>= inverse.shift;
    res[i] = typename CONFIG_T::res_round_t(scaled);
  }
}

template <>
struct SoftmaxImplementation<softmax_implementation::accurate> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res) {
#pragma HLS INLINE
    softmax_accurate<data_T, res_T, CONFIG_T>(data, res);
  }
};

}  // namespace nnet

#endif  // HLSNN_NNET_SOFTMAX_ACCURATE_H_
