#ifndef HLSNN_NNET_ACTIVATION_TABLE_H_
#define HLSNN_NNET_ACTIVATION_TABLE_H_

// Table-based activations, io_parallel: sigmoid, tanh, softplus, softsign, elu, selu.
//
// Numerics (bit-identical to hls4ml 1.3): a table of CONFIG_T::table_size entries of
// CONFIG_T::table_t samples the function at evenly spaced points of a fixed range (sigmoid,
// softplus, softsign: [-8, 8); tanh: [-4, 4); elu, selu: the negative branch over (-8, 0]).
// Entry values are computed in single precision the way the reference computes them (the
// samplers below), then converted to table_t. The input selects an entry by
// index = trunc(x * table_size / range) + offset, evaluated in the input's fixed-point
// arithmetic, then clamped to the table; the entry is converted to res_T.

#include <cmath>

#include "nnet_common.h"

namespace nnet {

// Sample point of entry i of n spread over [-span/2, span/2), rounded to float.
template <int kSpan>
inline float symmetric_sample_point(unsigned i, unsigned n) {
  const float nf = static_cast<float>(n);
  return static_cast<float>(kSpan * (static_cast<double>(i) - nf / 2.0) / nf);
}

// Sample point of entry i of n spread over (-8, 0], rounded to float.
inline float negative_sample_point(unsigned i, unsigned n) {
  return static_cast<float>(-8.0 * i / static_cast<float>(n));
}

struct SigmoidSampler {
  static float value(unsigned i, unsigned n) {
    const float x = symmetric_sample_point<16>(i, n);
    return static_cast<float>(1.0 / (1 + std::exp(-x)));
  }
};
struct TanhSampler {
  static float value(unsigned i, unsigned n) { return std::tanh(symmetric_sample_point<8>(i, n)); }
};
struct SoftplusSampler {
  static float value(unsigned i, unsigned n) {
    return static_cast<float>(std::log(std::exp(symmetric_sample_point<16>(i, n)) + 1.0));
  }
};
struct SoftsignSampler {
  static float value(unsigned i, unsigned n) {
    const float x = symmetric_sample_point<16>(i, n);
    return static_cast<float>(x / (std::fabs(x) + 1.0));
  }
};
struct ExpMinusOneSampler {  // the negative branch of elu (before alpha)
  static float value(unsigned i, unsigned n) {
    return static_cast<float>(std::exp(negative_sample_point(i, n)) - 1.0);
  }
};
struct SeluSampler {  // the negative branch of selu: lambda * alpha * (e^x - 1)
  static float value(unsigned i, unsigned n) {
    const double kLambda = 1.0507009873554805;
    const double kAlpha = 1.6732632423543772;
    return static_cast<float>(kLambda * (kAlpha * (std::exp(negative_sample_point(i, n)) - 1.0)));
  }
};

// Index of x in a table of kSize entries spanning [-span/2, span/2), clamped to the table.
// `x * kSize / kSpan` keeps the reference's fixed-point arithmetic: an exact product, a quotient
// truncated toward zero, and a conversion to int that truncates toward zero.
template <unsigned kSize, int kSpan, class data_T>
inline unsigned symmetric_table_index(data_T x) {
#pragma HLS INLINE
  int index = x * kSize / kSpan;
  index += kSpan / 2 * kSize / kSpan;
  if (index < 0) return 0;
  if (index > static_cast<int>(kSize - 1)) return kSize - 1;
  return index;
}

// Index of a negative x in a table of kSize entries spanning (-8, 0].
template <unsigned kSize, class data_T>
inline unsigned negative_table_index(data_T x) {
#pragma HLS INLINE
  int index = x * kSize / -8;
  if (index < 0) return 0;
  if (index > static_cast<int>(kSize - 1)) return kSize - 1;
  return index;
}

// Shared body of the activations that look up a symmetric table for every input.
template <class Sampler, int kSpan, class data_T, class res_T, typename CONFIG_T>
void symmetric_table_activation(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
  typedef LookupTable<typename CONFIG_T::table_t, CONFIG_T::table_size, Sampler> Table;
  NNET_CONST_TABLE(Table, table);
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    res[i] = static_cast<res_T>(
        table.entry[symmetric_table_index<CONFIG_T::table_size, kSpan>(data[i])]);
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void sigmoid(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS INLINE
  symmetric_table_activation<SigmoidSampler, 16, data_T, res_T, CONFIG_T>(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void tanh(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS INLINE
  symmetric_table_activation<TanhSampler, 8, data_T, res_T, CONFIG_T>(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void softplus(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS INLINE
  symmetric_table_activation<SoftplusSampler, 16, data_T, res_T, CONFIG_T>(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void softsign(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS INLINE
  symmetric_table_activation<SoftsignSampler, 16, data_T, res_T, CONFIG_T>(data, res);
}

// x for x >= 0, alpha * (e^x - 1) below; the product with the table entry is exact.
template <class data_T, class param_T, class res_T, typename CONFIG_T>
void elu(const data_T data[CONFIG_T::n_in], const param_T alpha, res_T res[CONFIG_T::n_in]) {
  typedef LookupTable<typename CONFIG_T::table_t, CONFIG_T::table_size, ExpMinusOneSampler> Table;
  NNET_CONST_TABLE(Table, table);
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    if (data[i] >= 0) {
      res[i] = data[i];
    } else {
      res[i] = alpha * table.entry[negative_table_index<CONFIG_T::table_size>(data[i])];
    }
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void elu(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS INLINE
  elu<data_T, ap_uint<1>, res_T, CONFIG_T>(data, ap_uint<1>(1), res);
}

// lambda * x for x >= 0 (lambda held as ap_ufixed<16,1>, the product exact), the table below.
template <class data_T, class res_T, typename CONFIG_T>
void selu(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
  typedef LookupTable<typename CONFIG_T::table_t, CONFIG_T::table_size, SeluSampler> Table;
  NNET_CONST_TABLE(Table, table);
  const ap_ufixed<16, 1> lambda = 1.0507009873554805;
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    if (data[i] >= 0) {
      res[i] = lambda * data[i];
    } else {
      res[i] = table.entry[negative_table_index<CONFIG_T::table_size>(data[i])];
    }
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_ACTIVATION_TABLE_H_
