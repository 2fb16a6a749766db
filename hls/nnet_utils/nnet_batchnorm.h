#ifndef HLSNN_NNET_BATCHNORM_H_
#define HLSNN_NNET_BATCHNORM_H_

// BatchNormalization at inference in scale/bias form, y = x*scale + bias, io_parallel. Also the
// kernel for QKeras ApplyAlpha (a per-channel scale and bias after a quantized layer).
//
// Numerics (bit-identical to hls4ml 1.3): the product by CONFIG_T::product and the addition of the
// bias are exact; only the sum is converted to res_T.

#include "nnet_common.h"

namespace nnet {

struct batchnorm_config {
  typedef float bias_t;
  typedef float scale_t;

  static const unsigned n_in = 10;
  // Number of channels the scale and bias repeat over (element i uses channel i % n_filt);
  // -1 (as unsigned) means one scale and bias per element.
  static const unsigned n_filt = -1;
  static const unsigned n_scale_bias = 10;

  static const unsigned io_type = io_parallel;
  static const unsigned reuse_factor = 1;
  static const bool store_weights_in_bram = false;
  static const unsigned n_zeros = 0;

  template <class x_T, class y_T>
  using product = nnet::product::mult<x_T, y_T>;
};

template <class data_T, class res_T, typename CONFIG_T>
void normalize(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_in],
               const typename CONFIG_T::scale_t scale[CONFIG_T::n_scale_bias],
               const typename CONFIG_T::bias_t bias[CONFIG_T::n_scale_bias]) {
  constexpr bool kPerElement = CONFIG_T::n_filt == static_cast<unsigned>(-1);
#pragma HLS function_instantiate variable = scale, bias
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor
#pragma HLS ARRAY_PARTITION variable = scale complete
#pragma HLS ARRAY_PARTITION variable = bias complete
#pragma HLS ALLOCATION operation instances = mul limit = CONFIG_T::multiplier_limit

Normalize:
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    const unsigned channel = kPerElement ? i : i % CONFIG_T::n_filt;
    res[i] = CONFIG_T::template product<data_T, typename CONFIG_T::scale_t>::product(
                 data[i], scale[channel]) +
             bias[channel];
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_BATCHNORM_H_
