#ifndef HLSNN_NNET_MERGE_H_
#define HLSNN_NNET_MERGE_H_

// Two-input merge layers, io_parallel (the code generator chains them, with exact intermediate
// types, for three or more inputs): element-wise add, subtract, multiply, average, maximum,
// minimum (input k is read at i % n_elemk, so a smaller input broadcasts cyclically), the 1D dot
// product and concatenation of 1D, 2D and 3D tensors along an axis (the code generator folds
// tensors of higher rank into 3D ones: the axes before the concatenation axis, it, those after).
//
// Numerics (bit-identical to hls4ml 1.3): element-wise results are formed exactly from the two
// inputs and converted once to res_T (average halves the exact sum); maximum and minimum convert
// the chosen input (the second one on ties); dot converts each product to accum_t and adds them in
// order into an accum_t that starts at 0.

#include "nnet_common.h"

namespace nnet {

struct merge_config {
  static const unsigned n_elem = 10;
  static const unsigned n_elem1 = 10;
  static const unsigned n_elem2 = 10;
  static const unsigned reuse_factor = 1;
};

struct dot_config {
  static const unsigned n_in = 10;
  static const unsigned n_out = 1;
  static const unsigned reuse_factor = 1;
  typedef float accum_t;
  template <class x_T, class y_T>
  using product = nnet::product::mult<x_T, y_T>;
};

// n_elemK_D is the size of dimension D of input K (0 for absent dimensions). axis is the Keras
// axis, counting the batch dimension: 1 .. rank, or negative from the end.
struct concat_config {
  static const unsigned n_elem1_0 = 10;
  static const unsigned n_elem1_1 = 10;
  static const unsigned n_elem1_2 = 10;
  static const unsigned n_elem2_0 = 10;
  static const unsigned n_elem2_1 = 10;
  static const unsigned n_elem2_2 = 10;
  static const int axis = -1;
};

// The element-wise operations. Each returns the exact result (or, for maximum and minimum, the
// chosen input already converted to res_T), which the shared loop stores into res_T.
struct AddOp {
  template <class res_T, class A, class B>
  static auto apply(A a, B b) -> decltype(a + b) {
    return a + b;
  }
};
struct SubtractOp {
  template <class res_T, class A, class B>
  static auto apply(A a, B b) -> decltype(a - b) {
    return a - b;
  }
};
struct MultiplyOp {
  template <class res_T, class A, class B>
  static auto apply(A a, B b) -> decltype(a * b) {
    return a * b;
  }
};
struct AverageOp {
  template <class res_T, class A, class B>
  static auto apply(A a, B b) -> decltype((a + b) * ap_ufixed<1, 0>(0.5)) {
    return (a + b) * ap_ufixed<1, 0>(0.5);
  }
};
struct MaximumOp {
  template <class res_T, class A, class B>
  static res_T apply(A a, B b) {
    return a > b ? static_cast<res_T>(a) : static_cast<res_T>(b);
  }
};
struct MinimumOp {
  template <class res_T, class A, class B>
  static res_T apply(A a, B b) {
    return a < b ? static_cast<res_T>(a) : static_cast<res_T>(b);
  }
};

template <class Op, class input1_T, class input2_T, class res_T, typename CONFIG_T>
void elementwise_merge(const input1_T data1[CONFIG_T::n_elem1],
                       const input2_T data2[CONFIG_T::n_elem2], res_T res[CONFIG_T::n_elem]) {
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_elem; i++) {
    res[i] = Op::template apply<res_T>(data1[i % CONFIG_T::n_elem1], data2[i % CONFIG_T::n_elem2]);
  }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void add(const input1_T data1[CONFIG_T::n_elem1], const input2_T data2[CONFIG_T::n_elem2],
         res_T res[CONFIG_T::n_elem]) {
#pragma HLS INLINE
  elementwise_merge<AddOp, input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void subtract(const input1_T data1[CONFIG_T::n_elem1], const input2_T data2[CONFIG_T::n_elem2],
              res_T res[CONFIG_T::n_elem]) {
#pragma HLS INLINE
  elementwise_merge<SubtractOp, input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void multiply(const input1_T data1[CONFIG_T::n_elem1], const input2_T data2[CONFIG_T::n_elem2],
              res_T res[CONFIG_T::n_elem]) {
#pragma HLS INLINE
  elementwise_merge<MultiplyOp, input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void average(const input1_T data1[CONFIG_T::n_elem1], const input2_T data2[CONFIG_T::n_elem2],
             res_T res[CONFIG_T::n_elem]) {
#pragma HLS INLINE
  elementwise_merge<AverageOp, input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
}

// The last step of a mean of CONFIG_T::n_inputs (> 2) tensors: data1 holds the exact sum of
// the first n_inputs - 1 (the code generator chains `add` into an exact type), and each result is
// (data1 + data2) * reciprocal_t(1 / n_inputs), formed exactly and converted once to res_T.
// reciprocal_t holds 1/n exactly when n is a power of two (the generator picks it).
template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void average_of_sum(const input1_T data1[CONFIG_T::n_elem1],
                    const input2_T data2[CONFIG_T::n_elem2], res_T res[CONFIG_T::n_elem]) {
#pragma HLS PIPELINE
  typedef typename CONFIG_T::reciprocal_t reciprocal_t;
  const reciprocal_t reciprocal = 1.0 / CONFIG_T::n_inputs;
  for (unsigned i = 0; i < CONFIG_T::n_elem; i++) {
    res[i] = static_cast<res_T>((data1[i % CONFIG_T::n_elem1] + data2[i % CONFIG_T::n_elem2]) *
                                reciprocal);
  }
}

// The mean of CONFIG_T::n_inputs tensors when n is not a power of two (1/n has no exact binary
// form): each result is the exact quotient sum / n converted once to res_T, as for a power of
// two. With G = CONFIG_T::fraction_bits (res_T's fractional bits + 2; every rounding boundary of
// res_T, its grid and its half-grid, is a multiple of 2^-G):
//  - z = floor(sum / n) on the 2^-G grid: sum times 1/n truncated to enough bits that the
//    product is off by less than 2^-G, truncated, then corrected by at most one step in either
//    direction with exact comparisons of z * n against the sum;
//  - the value converted is z, plus half a step when the division left a remainder. It lies
//    between the same boundaries as sum / n, and on one exactly when sum / n does, so every
//    quantization and overflow mode of res_T gives the same result for it as for the quotient.
template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void mean_of_sum(const input1_T data1[CONFIG_T::n_elem1], const input2_T data2[CONFIG_T::n_elem2],
                 res_T res[CONFIG_T::n_elem]) {
#pragma HLS PIPELINE
  typedef typename CONFIG_T::sum_t sum_t;
  typedef typename CONFIG_T::quotient_t quotient_t;       // G fractional bits
  typedef typename CONFIG_T::sticky_quotient_t sticky_t;  // G + 1 fractional bits
  const typename CONFIG_T::reciprocal_t reciprocal(CONFIG_T::reciprocal_text());
  quotient_t step = 0;
  step[0] = 1;  // 2^-G
  sticky_t half_step = 0;
  half_step[0] = 1;
  for (unsigned i = 0; i < CONFIG_T::n_elem; i++) {
    const sum_t sum = data1[i % CONFIG_T::n_elem1] + data2[i % CONFIG_T::n_elem2];
    quotient_t quotient = sum * reciprocal;
    if (quotient * CONFIG_T::n_inputs > sum) {
      quotient -= step;
    } else if ((quotient + step) * CONFIG_T::n_inputs <= sum) {
      quotient += step;
    }
    sticky_t exact_or_inside = quotient;
    if (quotient * CONFIG_T::n_inputs != sum) exact_or_inside += half_step;
    res[i] = static_cast<res_T>(exact_or_inside);
  }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void maximum(const input1_T data1[CONFIG_T::n_elem1], const input2_T data2[CONFIG_T::n_elem2],
             res_T res[CONFIG_T::n_elem]) {
#pragma HLS INLINE
  elementwise_merge<MaximumOp, input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void minimum(const input1_T data1[CONFIG_T::n_elem1], const input2_T data2[CONFIG_T::n_elem2],
             res_T res[CONFIG_T::n_elem]) {
#pragma HLS INLINE
  elementwise_merge<MinimumOp, input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void dot1d(const input1_T data1[CONFIG_T::n_in], const input2_T data2[CONFIG_T::n_in],
           res_T res[CONFIG_T::n_out]) {
  typedef typename CONFIG_T::accum_t accum_t;
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor
#pragma HLS ALLOCATION operation instances = mul limit = CONFIG_T::multiplier_limit
  accum_t acc = 0;
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
#pragma HLS UNROLL
    acc += static_cast<accum_t>(
        CONFIG_T::template product<input1_T, input2_T>::product(data1[i], data2[i]));
  }
  res[0] = static_cast<res_T>(acc);
}

// Concatenation of a [rows][cols1] and a [rows][cols2] block into [rows][cols1 + cols2]; every
// concatenation below is this copy with the dimensions before the axis folded into rows and the
// axis and the dimensions after it folded into cols.
template <class input1_T, class input2_T, class res_T, unsigned kRows, unsigned kCols1,
          unsigned kCols2>
void concatenate_rows(const input1_T* data1, const input2_T* data2, res_T* res) {
#pragma HLS INLINE
  for (unsigned r = 0; r < kRows; r++) {
#pragma HLS UNROLL
    for (unsigned c = 0; c < kCols1; c++) {
      res[r * (kCols1 + kCols2) + c] = data1[r * kCols1 + c];
    }
    for (unsigned c = 0; c < kCols2; c++) {
      res[r * (kCols1 + kCols2) + kCols1 + c] = data2[r * kCols2 + c];
    }
  }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate1d(const input1_T data1[CONFIG_T::n_elem1_0],
                   const input2_T data2[CONFIG_T::n_elem2_0],
                   res_T res[CONFIG_T::n_elem1_0 + CONFIG_T::n_elem2_0]) {
#pragma HLS PIPELINE
  concatenate_rows<input1_T, input2_T, res_T, 1, CONFIG_T::n_elem1_0, CONFIG_T::n_elem2_0>(
      data1, data2, res);
}

// Every concatenation as rows of [cols1 | cols2] (see concatenate_rows), for both IO types.
// 2-D: axis 2 or -1 is the last dimension, otherwise the first.
template <typename CONFIG_T>
struct concatenate2d_rows {
  static const bool last = CONFIG_T::axis == 2 || CONFIG_T::axis == -1;
  static const unsigned rows = last ? CONFIG_T::n_elem1_0 : 1;
  static const unsigned cols1 = CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 / rows;
  static const unsigned cols2 = CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1 / rows;
};

// 3-D: axis 3 or -1 is the last dimension, 2 or -2 the middle one, otherwise the first.
template <typename CONFIG_T>
struct concatenate3d_rows {
  static const bool last = CONFIG_T::axis == 3 || CONFIG_T::axis == -1;
  static const bool middle = CONFIG_T::axis == 2 || CONFIG_T::axis == -2;
  static const unsigned rows = last     ? CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1
                               : middle ? CONFIG_T::n_elem1_0
                                        : 1;
  static const unsigned cols1 =
      CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 * CONFIG_T::n_elem1_2 / rows;
  static const unsigned cols2 =
      CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1 * CONFIG_T::n_elem2_2 / rows;
};

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate2d(const input1_T data1[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1],
                   const input2_T data2[CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1],
                   res_T res[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 +
                             CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1]) {
#pragma HLS PIPELINE
  typedef concatenate2d_rows<CONFIG_T> layout;
  concatenate_rows<input1_T, input2_T, res_T, layout::rows, layout::cols1, layout::cols2>(
      data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate3d(
    const input1_T data1[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 * CONFIG_T::n_elem1_2],
    const input2_T data2[CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1 * CONFIG_T::n_elem2_2],
    res_T res[CONFIG_T::n_elem1_0 * CONFIG_T::n_elem1_1 * CONFIG_T::n_elem1_2 +
              CONFIG_T::n_elem2_0 * CONFIG_T::n_elem2_1 * CONFIG_T::n_elem2_2]) {
#pragma HLS PIPELINE
  typedef concatenate3d_rows<CONFIG_T> layout;
  concatenate_rows<input1_T, input2_T, res_T, layout::rows, layout::cols1, layout::cols2>(
      data1, data2, res);
}

}  // namespace nnet

#endif  // HLSNN_NNET_MERGE_H_
