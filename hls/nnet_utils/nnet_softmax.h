#ifndef HLSNN_NNET_SOFTMAX_H_
#define HLSNN_NNET_SOFTMAX_H_

// Softmax, io_parallel, in the four implementations hls4ml 1.3 offers (bit-identical to it), and
// hlsnn's accurate one (nnet_softmax_accurate.h, included at the end):
//
// latency  exp_table[top bits of x] per element (accum_t), summed by a balanced adder tree in
//          accum_t, the sum stored in inv_inp_t, inv_table[top bits of the sum], and each result
//          exp * inverse (exact) converted to res_T.
// stable   as latency, but looks up e^-(max - x): the difference max - x is stored in inp_norm_t
//          (by default unsigned, one bit narrower than the input, wrapping) before its top bits
//          address the table. The default implementation.
// argmax   one-hot of the first maximum.
// legacy   sum over j of e^(x_j - x_i) from a [-8, 8) table, accumulated in table_t, then 1/sum
//          from a [0, 64) table.
//
// Known reference behaviour kept for bit-exactness (users of hls4ml get it by default):
// table entries are sampled at the low end of each address bucket, not its centre; the inverse
// table's entry 0 holds 1/0 converted to inv_table_t; a wrapped max - x (when it does not fit
// inp_norm_t) looks up a large exponential, so outputs can exceed 1 and the argmax can move.
//
// The exp and inverse tables are addressed by the top log2(size) bits of their input, so their
// sizes must be powers of two (the reference reads out of bounds otherwise; here it fails to
// compile).

#include <cmath>

#include "nnet_common.h"

namespace nnet {

enum class softmax_implementation { latency = 0, legacy = 1, stable = 2, argmax = 3, accurate = 4 };

// e^(sign * x * exp_scale) at each address value x of addr_T (sign -1 for the stable variant,
// whose addresses hold max - x).
template <class addr_T, typename CONFIG_T, int kSign>
struct SoftmaxExpSampler {
  static float value(unsigned i, unsigned n) {
    (void)n;
    float x = table_address_value<addr_T, CONFIG_T::exp_table_size>(i) * CONFIG_T::exp_scale;
    if (kSign < 0) x = -x;
    return std::exp(x);
  }
};

template <class addr_T, typename CONFIG_T>
struct SoftmaxInverseSampler {
  static float value(unsigned i, unsigned n) {
    (void)n;
    return 1 / table_address_value<addr_T, CONFIG_T::inv_table_size>(i);
  }
};

// Shared tail of latency and stable: sum the exponentials, invert the sum, scale each one.
template <class res_T, typename CONFIG_T>
void softmax_normalize(const typename CONFIG_T::accum_t exp_values[CONFIG_T::n_slice],
                       res_T res[CONFIG_T::n_slice]) {
#pragma HLS INLINE
  typedef typename CONFIG_T::inv_inp_t inv_inp_t;
  typedef LookupTable<typename CONFIG_T::inv_table_t, CONFIG_T::inv_table_size,
                      SoftmaxInverseSampler<inv_inp_t, CONFIG_T>>
      InverseTable;
  NNET_CONST_TABLE(InverseTable, inverse_table);

  const inv_inp_t exp_sum =
      BalancedTree<CONFIG_T::n_slice>::reduce(exp_values, SumOp<typename CONFIG_T::accum_t>());
  const typename CONFIG_T::inv_table_t inverse =
      inverse_table.entry[table_address<CONFIG_T::inv_table_size>(exp_sum)];
  for (unsigned i = 0; i < CONFIG_T::n_slice; i++) {
#pragma HLS UNROLL
    res[i] = exp_values[i] * inverse;
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void softmax_latency(const data_T data[CONFIG_T::n_slice], res_T res[CONFIG_T::n_slice]) {
#pragma HLS PIPELINE
  typedef LookupTable<typename CONFIG_T::exp_table_t, CONFIG_T::exp_table_size,
                      SoftmaxExpSampler<data_T, CONFIG_T, 1>>
      ExpTable;
  NNET_CONST_TABLE(ExpTable, exp_table);

  typename CONFIG_T::accum_t exp_values[CONFIG_T::n_slice];
#pragma HLS ARRAY_PARTITION variable = exp_values complete
  for (unsigned i = 0; i < CONFIG_T::n_slice; i++) {
#pragma HLS UNROLL
    exp_values[i] = exp_table.entry[table_address<CONFIG_T::exp_table_size>(data[i])];
  }
  softmax_normalize<res_T, CONFIG_T>(exp_values, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void softmax_stable(const data_T data[CONFIG_T::n_slice], res_T res[CONFIG_T::n_slice]) {
#pragma HLS PIPELINE
  typedef typename CONFIG_T::inp_norm_t inp_norm_t;
  typedef LookupTable<typename CONFIG_T::exp_table_t, CONFIG_T::exp_table_size,
                      SoftmaxExpSampler<inp_norm_t, CONFIG_T, -1>>
      ExpTable;
  NNET_CONST_TABLE(ExpTable, exp_table);

  const data_T x_max = BalancedTree<CONFIG_T::n_slice>::reduce(data, MaxOp<data_T>());
  typename CONFIG_T::accum_t exp_values[CONFIG_T::n_slice];
#pragma HLS ARRAY_PARTITION variable = exp_values complete
  for (unsigned i = 0; i < CONFIG_T::n_slice; i++) {
#pragma HLS UNROLL
    const inp_norm_t distance_to_max = x_max - data[i];
    exp_values[i] = exp_table.entry[table_address<CONFIG_T::exp_table_size>(distance_to_max)];
  }
  softmax_normalize<res_T, CONFIG_T>(exp_values, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void softmax_argmax(const data_T data[CONFIG_T::n_slice], res_T res[CONFIG_T::n_slice]) {
  unsigned best = 0;
  for (unsigned i = 1; i < CONFIG_T::n_slice; i++) {
#pragma HLS PIPELINE
    if (data[i] > data[best]) best = i;
  }
  for (unsigned i = 0; i < CONFIG_T::n_slice; i++) {
#pragma HLS UNROLL
    res[i] = static_cast<res_T>(i == best ? 1 : 0);
  }
}

// e^x sampled over [-8, 8) (float), and 1/x over [0, 64) (double; entry 0 holds 0).
struct LegacyExpSampler {
  static float value(unsigned i, unsigned n) {
    const float nf = static_cast<float>(n);
    const float x = static_cast<float>(16.0 * (static_cast<double>(i) - nf / 2.0) / nf);
    return std::exp(x);
  }
};
struct LegacyInverseSampler {
  static double value(unsigned i, unsigned n) {
    const float x = static_cast<float>(64.0 * i / static_cast<float>(n));
    return x > 0 ? 1.0 / x : 0.0;
  }
};

// Clamps an int to a table of kSize entries.
template <unsigned kSize>
inline unsigned clamp_to_table(int index) {
  if (index < 0) return 0;
  if (index > static_cast<int>(kSize - 1)) return kSize - 1;
  return index;
}

template <class data_T, class res_T, typename CONFIG_T>
void softmax_legacy(const data_T data[CONFIG_T::n_slice], res_T res[CONFIG_T::n_slice]) {
  typedef typename CONFIG_T::table_t table_t;
  typedef LookupTable<table_t, CONFIG_T::exp_table_size, LegacyExpSampler> ExpTable;
  typedef LookupTable<table_t, CONFIG_T::inv_table_size, LegacyInverseSampler> InverseTable;
  NNET_CONST_TABLE(ExpTable, exp_table);
  NNET_CONST_TABLE(InverseTable, inverse_table);
#pragma HLS PIPELINE
  constexpr unsigned kExpSize = CONFIG_T::exp_table_size;
  constexpr unsigned kInvSize = CONFIG_T::inv_table_size;
  for (unsigned i = 0; i < CONFIG_T::n_slice; i++) {
    table_t exp_sum = 0;
    for (unsigned j = 0; j < CONFIG_T::n_slice; j++) {
      if (i == j) {
        exp_sum += table_t(1);
      } else {
        const int offset = (data[j] - data[i]) * kExpSize / 16;
        exp_sum += exp_table.entry[clamp_to_table<kExpSize>(offset + 8 * kExpSize / 16)];
      }
    }
    const int inverse_index = exp_sum * kInvSize / 64;
    res[i] = static_cast<res_T>(inverse_table.entry[clamp_to_table<kInvSize>(inverse_index)]);
  }
}

// Selects the implementation at compile time so that only the chosen one is instantiated: the
// config members of the others (e.g. inp_norm_t = ap_fixed<1,0> outside `stable`) need not fit.
template <softmax_implementation kImplementation>
struct SoftmaxImplementation;

template <>
struct SoftmaxImplementation<softmax_implementation::latency> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res) {
#pragma HLS INLINE
    softmax_latency<data_T, res_T, CONFIG_T>(data, res);
  }
};
template <>
struct SoftmaxImplementation<softmax_implementation::stable> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res) {
#pragma HLS INLINE
    softmax_stable<data_T, res_T, CONFIG_T>(data, res);
  }
};
template <>
struct SoftmaxImplementation<softmax_implementation::legacy> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res) {
#pragma HLS INLINE
    softmax_legacy<data_T, res_T, CONFIG_T>(data, res);
  }
};
template <>
struct SoftmaxImplementation<softmax_implementation::argmax> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res) {
#pragma HLS INLINE
    softmax_argmax<data_T, res_T, CONFIG_T>(data, res);
  }
};

template <class data_T, class res_T, typename CONFIG_T>
void softmax(const data_T data[CONFIG_T::n_slice], res_T res[CONFIG_T::n_slice]) {
#pragma HLS INLINE
  SoftmaxImplementation<CONFIG_T::implementation>::template run<data_T, res_T, CONFIG_T>(data, res);
}

// Softmax over one axis of a tensor laid out as [n_outer][n_slice][n_inner].
template <class data_T, class res_T, typename CONFIG_T>
void softmax_multidim(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS INLINE
  constexpr unsigned kSlice = CONFIG_T::n_slice;
  constexpr unsigned kInner = CONFIG_T::n_inner;
  data_T slice_in[kSlice];
  res_T slice_out[kSlice];
  for (unsigned outer = 0; outer < CONFIG_T::n_outer; outer++) {
#pragma HLS UNROLL
    for (unsigned inner = 0; inner < kInner; inner++) {
#pragma HLS UNROLL
      const unsigned base = outer * kSlice * kInner + inner;
      for (unsigned k = 0; k < kSlice; k++) slice_in[k] = data[base + k * kInner];
      softmax<data_T, res_T, CONFIG_T>(slice_in, slice_out);
      for (unsigned k = 0; k < kSlice; k++) res[base + k * kInner] = slice_out[k];
    }
  }
}

}  // namespace nnet

#include "nnet_softmax_accurate.h"

#endif  // HLSNN_NNET_SOFTMAX_H_
