#ifndef HLSNN_NNET_ACTIVATION_H_
#define HLSNN_NNET_ACTIVATION_H_

// Element-wise activations, io_parallel: the piecewise-linear ones here, the table-based ones in
// nnet_activation_table.h and softmax in nnet_softmax.h (both included at the end, so that a
// generated project includes this one header for every activation).
//
// Numerics (bit-identical to hls4ml 1.3): comparisons are made on the input value, products with a
// parameter (alpha, slope) are exact and the result is converted once to res_T.

#include "nnet_common.h"

namespace nnet {

struct activ_config {
  static const unsigned n_in = 10;
  static const unsigned table_size = 1024;
  static const unsigned io_type = io_parallel;
  static const unsigned reuse_factor = 1;
  typedef ap_fixed<18, 8> table_t;
};

template <class data_T, class res_T, typename CONFIG_T>
void linear(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    res[i] = data[i];
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void relu(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    // One conditional assignment and one store: the C simulation compiles it without a branch
    // (a data-dependent branch here costs half of an MLP's predict time on mispredictions).
    data_T kept = data[i];
    if (kept < 0) kept = 0;
    res[i] = kept;
  }
}

// ReLU clipped to [0, kMax] (Keras ReLU(max_value=kMax)).
template <class data_T, class res_T, int kMax, typename CONFIG_T>
void relu_max(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    // Each candidate is converted to res_T, then one is selected (branch-free, as in relu).
    res_T clipped = data[i];
    if (data[i] < 0) clipped = 0;
    if (data[i] > kMax) clipped = kMax;
    res[i] = clipped;
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void relu6(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS INLINE
  relu_max<data_T, res_T, 6, CONFIG_T>(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void relu1(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS INLINE
  relu_max<data_T, res_T, 1, CONFIG_T>(data, res);
}

// alpha is the layer's parameter already converted to param_T by the caller (a generated call
// passes a literal, e.g. `leaky_relu<in_t, param_t, out_t, cfg>(x, 0.3, y)`).
template <class data_T, class param_T, class res_T, typename CONFIG_T>
void leaky_relu(const data_T data[CONFIG_T::n_in], const param_T alpha, res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    res_T selected = data[i];  // both candidates in res_T, then one selected (as in relu)
    const res_T scaled = alpha * data[i];
    if (!(data[i] > 0)) selected = scaled;
    res[i] = selected;
  }
}

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void thresholded_relu(const data_T data[CONFIG_T::n_in], const param_T theta,
                      res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    res_T selected = data[i];  // converted, then selected (branch-free, as in relu)
    if (!(data[i] > theta)) selected = 0;
    res[i] = selected;
  }
}

// Parametric ReLU with one learned alpha per element.
template <class data_T, class param_T, class res_T, typename CONFIG_T>
void prelu(const data_T data[CONFIG_T::n_in], const param_T alpha[CONFIG_T::n_in],
           res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    res_T selected = data[i];  // both candidates in res_T, then one selected (as in relu)
    const res_T scaled = alpha[i] * data[i];
    if (!(data[i] > 0)) selected = scaled;
    res[i] = selected;
  }
}

// clip(slope*x + shift, 0, 1). The config carries `static const slope_t slope; static const
// shift_t shift;` (defined out of line): Keras 2 and QKeras use 0.2 and 0.5, Keras 3 uses 1/6 and
// 0.5. The affine value keeps its exact type; the clip constants are stored into that type.
template <class data_T, typename CONFIG_T>
inline auto hard_sigmoid_value(data_T x) -> decltype(CONFIG_T::slope * x + CONFIG_T::shift) {
#pragma HLS INLINE
  auto y = CONFIG_T::slope * x + CONFIG_T::shift;
  if (y > 1) {
    y = 1;
  } else if (y < 0) {
    y = 0;
  }
  return y;
}

template <class data_T, class res_T, typename CONFIG_T>
void hard_sigmoid(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    res[i] = hard_sigmoid_value<data_T, CONFIG_T>(data[i]);
  }
}

// 2*hard_sigmoid(x) - 1, formed exactly before the conversion to res_T.
template <class data_T, class res_T, typename CONFIG_T>
void hard_tanh(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in]) {
#pragma HLS PIPELINE
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    res[i] = 2 * hard_sigmoid_value<data_T, CONFIG_T>(data[i]) - 1;
  }
}

}  // namespace nnet

#include "nnet_activation_table.h"
#include "nnet_softmax.h"

#endif  // HLSNN_NNET_ACTIVATION_H_
