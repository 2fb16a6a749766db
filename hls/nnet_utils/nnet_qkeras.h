#ifndef HLSNN_NNET_QKERAS_H_
#define HLSNN_NNET_QKERAS_H_

// Activations that compute QKeras quantizers bit for bit with QKeras 0.9.0 (io_parallel):
//  - quantized_relu with a negative slope or an upper bound (clipped_relu);
//  - quantized_po2 / quantized_relu_po2 (po2_activation): powers of two chosen by exact
//    comparisons of x^2 with 2^(2e-1), i.e. rounding half to even in the log domain;
//  - binary, ternary and bernoulli (step_activation): constants selected by comparisons;
//  - quantizers QKeras computes through TensorFlow's float32 functions (quantized_tanh and
//    quantized_sigmoid with use_real_*, quantized_hswish): a table over every code of the input
//    type (qkeras_table_activation), each entry computed with TensorFlow's float32 operations.

#include <cmath>

#include "nnet_common.h"

namespace nnet {

// clip(leaky_relu(x), lower_bound, upper_bound) rounded and saturated by res_T (quantized_relu):
// the slope's product is exact, res_T rounds half to even as QKeras does, and the clip bounds lie
// on res_T's grid, so clipping after the rounding equals QKeras' order.
template <class data_T, class res_T, typename CONFIG_T>
void clipped_relu(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  const typename CONFIG_T::slope_t slope = CONFIG_T::slope;
  const res_T lower_bound = CONFIG_T::lower_bound;
  const res_T upper_bound = CONFIG_T::upper_bound;
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    res_T y = data[i];
    const res_T scaled = slope * data[i];
    if (data[i] < 0) y = scaled;
    if (y < lower_bound) y = lower_bound;
    if (y > upper_bound) y = upper_bound;
    res[i] = y;
  }
}

// The exponent e in (kMin, K] of the largest 2^(2e-1) <= a2 (a2 = a^2), else kMin: a rounded to
// 2^e in the log domain, since log2(a) >= e - 1/2 exactly when a^2 >= 2^(2e-1) (never a tie:
// 2^(e-1/2) is irrational).
template <int K, int kMin>
struct Po2Exponent {
  template <class sq_T>
  static int of(const sq_T& a2) {
#pragma HLS INLINE
    ap_ufixed<1, 2 * K> threshold = 0;  // one bit of weight 2^(2K-1)
    threshold[0] = 1;
    return a2 >= threshold ? K : Po2Exponent<K - 1, kMin>::of(a2);
  }
};
template <int kMin>
struct Po2Exponent<kMin, kMin> {
  template <class sq_T>
  static int of(const sq_T&) {
    return kMin;
  }
};

// The power of two QKeras' _clip_power_of_two gives a >= 0: below epsilon (float32 1e-7) the
// minimum exponent, otherwise min(a, max_value) rounded in the log domain and clipped to
// [min_exponent, max_exponent].
template <class a_T, typename CONFIG_T>
typename CONFIG_T::power_t po2_magnitude(const a_T& a) {
#pragma HLS INLINE
  const ap_ufixed<24, -23> epsilon = 1.00000001168609742e-07;
  const typename CONFIG_T::max_t max_value = CONFIG_T::max_value;
  const bool clamped = CONFIG_T::has_max_value && a >= max_value;
  const int exponent =
      a < epsilon ? CONFIG_T::min_exponent
      : clamped
          ? Po2Exponent<CONFIG_T::max_exponent, CONFIG_T::min_exponent>::of(max_value * max_value)
          : Po2Exponent<CONFIG_T::max_exponent, CONFIG_T::min_exponent>::of(a * a);
  typename CONFIG_T::power_t power = 0;
  power[exponent - CONFIG_T::min_exponent] = 1;
  return power;
}

// quantized_po2 (signed: zero counts as positive) and quantized_relu_po2 (the negative side 0,
// i.e. 2^min_exponent, or -2^e of |x| * negative_slope under a slope).
template <class data_T, class res_T, typename CONFIG_T>
void po2_activation(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  const typename CONFIG_T::slope_t slope = CONFIG_T::slope;
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    const data_T x = data[i];
    const bool negative = x < 0;
    typedef decltype(-x) magnitude_t;
    const magnitude_t magnitude = negative ? static_cast<magnitude_t>(-x) : magnitude_t(x);
    res_T y;
    if (!negative) {
      y = po2_magnitude<magnitude_t, CONFIG_T>(magnitude);
    } else if (CONFIG_T::is_signed) {
      y = -po2_magnitude<magnitude_t, CONFIG_T>(magnitude);
    } else if (CONFIG_T::has_slope) {
      y = -po2_magnitude<decltype(magnitude * slope), CONFIG_T>(magnitude * slope);
    } else {
      y = po2_magnitude<magnitude_t, CONFIG_T>(0);
    }
    res[i] = y;
  }
}

// binary (x >= 0: high, else low), bernoulli's most likely code (the same with low = 0) and
// ternary (x >= threshold and x > 0: high, x <= -threshold and x < 0: low, else 0).
template <class data_T, class res_T, typename CONFIG_T>
void step_activation(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  const typename CONFIG_T::threshold_t threshold = CONFIG_T::threshold;
  const res_T high = CONFIG_T::high;
  const res_T low = CONFIG_T::low;
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    res_T y = 0;
    if (CONFIG_T::ternary) {
      if (data[i] > 0 && data[i] >= threshold) y = high;
      if (data[i] < 0 && data[i] <= -threshold) y = low;
    } else {
      y = data[i] >= 0 ? high : low;
    }
    res[i] = y;
  }
}

// TensorFlow's float32 functions as its CPU kernels compute them (Eigen, built without FMA), one
// rounding per operation: the compiler must not fuse a multiply and an add here.
#pragma GCC push_options
#pragma GCC optimize("fp-contract=off")
namespace qkeras_float32 {

inline float madd(float a, float b, float c) {
#pragma STDC FP_CONTRACT OFF
  const float product = a * b;
  return product + c;
}

// Eigen's generic_fast_tanh_float: a 13/6-degree rational function of x clamped to ±7.9053111.
inline float tanh(float input) {
#pragma STDC FP_CONTRACT OFF
  const float x = input > 7.90531110763549805f    ? 7.90531110763549805f
                  : input < -7.90531110763549805f ? -7.90531110763549805f
                                                  : input;
  if ((input < 0 ? -input : input) < 0.0004f) return x;
  const float x2 = x * x;
  float p = madd(x2, -2.76076847742355e-16f, 2.00018790482477e-13f);
  p = madd(x2, p, -8.60467152213735e-11f);
  p = madd(x2, p, 5.12229709037114e-08f);
  p = madd(x2, p, 1.48572235717979e-05f);
  p = madd(x2, p, 6.37261928875436e-04f);
  p = madd(x2, p, 4.89352455891786e-03f);
  p = x * p;
  float q = madd(x2, 1.19825839466702e-06f, 1.18534705686654e-04f);
  q = madd(x2, q, 2.26843463243900e-03f);
  q = madd(x2, q, 4.89352518554385e-03f);
  return p / q;
}

// Eigen's pexp_float (Cephes): 2^m * a degree-6 polynomial of the reduced argument; results
// below float32's normal range are flushed to zero, as TensorFlow runs with denormals off.
inline float exp(float input) {
#pragma STDC FP_CONTRACT OFF
  if (input < -104.0f) return 0.0f;
  const float x = input < 88.723f ? input : 88.723f;
  const float m = std::floor(madd(x, 1.44269504088896341f, 0.5f));
  float r = madd(m, -0.693359375f, x);
  r = madd(m, 2.12194440e-4f, r);
  const float r2 = r * r;
  float p_even = madd(r2, 1.37449637986719608306884765625e-3f, 4.166965186595916748046875e-2f);
  const float p_odd = madd(r2, 8.36894474923610687255859375e-3f, 0.16666518151760101318359375f);
  p_even = madd(r2, p_even, 0.49999988079071044921875f);
  const float p_low = r + 1.0f;
  float y = madd(r, p_odd, p_even);
  y = madd(r2, y, p_low);
  const float result = std::ldexp(y, static_cast<int>(m));
  if (result < 1.17549435e-38f) return 0.0f;
  return result > input ? result : input;
}

// Eigen's scalar_logistic_op on packets: e / (1 + e), e = exp(x).
inline float sigmoid(float x) {
#pragma STDC FP_CONTRACT OFF
  const float e = exp(x);
  return e / (1.0f + e);
}

// QKeras' p + (-p + round(p)) with tf.round's half-to-even rounding.
inline float round_through(float p) {
#pragma STDC FP_CONTRACT OFF
  const float step = -p + std::nearbyint(p);
  return p + step;
}

inline float clip(float v, float low, float high) { return v < low ? low : (v > high ? high : v); }

}  // namespace qkeras_float32
#pragma GCC pop_options

// The input value whose raw bits are `code` (table entry `code`), exact for at most 24 bits.
template <class data_T>
float value_of_code(unsigned code) {
  data_T x = 0;
  x.range(data_T::width - 1, 0) = code;
  return static_cast<float>(x.to_double());
}

// One table entry: Function::value of the input value whose raw bits are the entry's index.
template <class data_T, class Function>
struct CodeSampler {
  static float value(unsigned i, unsigned) { return Function::value(value_of_code<data_T>(i)); }
};

// The result for every code of data_T, indexed by the input's raw bits: exact whatever the
// function, at the price of 2^W entries (the code generator keeps W small).
template <class data_T, class res_T, typename CONFIG_T>
void qkeras_table_activation(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  typedef LookupTable<res_T, (1u << data_T::width),
                      CodeSampler<data_T, typename CONFIG_T::function>>
      Table;
  NNET_CONST_TABLE(Table, table);
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    const ap_uint<data_T::width> code = data[i].range(data_T::width - 1, 0);
    res[i] = table.entry[code.to_uint()];
  }
}

// The functions of the table activation, each QKeras' float32 computation of one value.
// quantized_tanh(bits, symmetric, use_real_tanh=True): clip(round(tanh(x) * m) / m, ...).
template <int kBits, bool kSymmetric>
struct QKerasRealTanh {
  static float value(float x) {
    const float m = static_cast<float>(1u << (kBits - 1));
    const float p = qkeras_float32::tanh(x);
    return qkeras_float32::clip(qkeras_float32::round_through(p * m) / m,
                                -1.0f + (kSymmetric ? 1.0f : 0.0f) / m, 1.0f - 1.0f / m);
  }
};

// quantized_sigmoid(bits, use_real_sigmoid=True): clip(round(sigmoid(x) * m) / m, 0, 1 - 1/m).
template <int kBits>
struct QKerasRealSigmoid {
  static float value(float x) {
    const float m = static_cast<float>(1u << kBits);
    const float p = qkeras_float32::sigmoid(x);
    return qkeras_float32::clip(qkeras_float32::round_through(p * m) / m, 0.0f, 1.0f - 1.0f / m);
  }
};

// quantized_hswish(bits, integer, symmetric): quantized_bits of x * relu6-like(x + shift) / bound.
template <int kBits, int kInteger, bool kSymmetric, typename Shape>
struct QKerasHswish {
  static float value(float x) {
#pragma STDC FP_CONTRACT OFF
    const float shift = Shape::relu_shift;
    const float bound = Shape::relu_upper_bound;
    const float shifted = x + shift;
    const float relu = shifted <= bound ? (shifted > 0 ? shifted : 0.0f) : bound;
    const float product = x * relu;
    const float h = product / bound;
    const float m = static_cast<float>(1u << (kBits - 1));
    const float mi = static_cast<float>(1u << kInteger);
    const float p = (h * m) / mi;
    const float xq = mi *
                     qkeras_float32::clip(qkeras_float32::round_through(p),
                                          -m + (kSymmetric ? 1.0f : 0.0f), m - 1.0f) /
                     m;
    const float step = -h + xq;
    return h + step;
  }
};

}  // namespace nnet

#endif  // HLSNN_NNET_QKERAS_H_
