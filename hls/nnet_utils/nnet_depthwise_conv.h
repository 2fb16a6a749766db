#ifndef HLSNN_NNET_DEPTHWISE_CONV_H_
#define HLSNN_NNET_DEPTHWISE_CONV_H_

// DepthwiseConv1D/2D and SeparableConv1D/2D, io_parallel, channels last; 1-D layers are images of
// height 1.
//
// Depthwise numerics (bit-identical to hls4ml 1.3's depthwise_conv_*_latency_cl for a depth
// multiplier of 1, the only one it computes): output channel o = c * depth_multiplier + m sums
// input channel c over the window, in window order, each exact product converted to accum_t,
// starting from the bias; the sum is converted to res_T once. Weights in Keras order
// {filt_height, filt_width, n_chan, depth_multiplier}. Both strategies add in that order; the
// Resource one keeps the weights in memory and shares multipliers.
//
// SeparableConv is the reference's split: the depthwise convolution without a bias into the
// intermediate type dw_res_T, then a pointwise (1x1) convolution of nnet_conv.h with the bias.

#include "nnet_common.h"
#include "nnet_conv.h"

namespace nnet {

struct depthwise_conv_config : conv_config {
  // n_filt = n_chan * depth_multiplier
  static const unsigned depth_multiplier = 1;
};

// The taps of one output pixel of a depthwise convolution: output channel o = c *
// depth_multiplier + m takes input channel c times its weight of the tap.
template <class data_T, typename CONFIG_T>
struct DepthwiseTapProducts {
  typedef typename CONFIG_T::accum_t accum_t;
  typedef typename CONFIG_T::weight_t weight_t;
  const data_T* data;
  const weight_t* weights;
  accum_t* acc;

  void tap(unsigned tap, unsigned first) {
#pragma HLS INLINE
    constexpr unsigned kMultiplier = CONFIG_T::depth_multiplier;
    static_assert(CONFIG_T::n_filt == CONFIG_T::n_chan * kMultiplier,
                  "depthwise config: n_filt must be n_chan * depth_multiplier");
    const weight_t* slice = weights + tap * CONFIG_T::n_filt;
  Channels:
    for (unsigned c = 0; c < CONFIG_T::n_chan; c++) {
      const data_T x = data[first + c];
    Multiples:
      for (unsigned m = 0; m < kMultiplier; m++) {
        const unsigned o = c * kMultiplier + m;
        acc[o] += static_cast<accum_t>(
            CONFIG_T::template product<data_T, weight_t>::product(x, slice[o]));
      }
    }
  }
};

struct DepthwisePixel {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, unsigned out_row, unsigned out_col,
                  const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
    window_sums<DepthwiseTapProducts, data_T, res_T, CONFIG_T>(data, res, out_row, out_col, weights,
                                                               biases);
  }
};

// Latency holds every weight in registers; Resource keeps them in a ROM read reuse_factor words
// at a time. Both cap the multipliers at multiplier_limit.
template <bool kResource>
struct DepthwiseStrategy {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS ARRAY_PARTITION variable = weights complete
#pragma HLS ALLOCATION operation instances = mul limit = CONFIG_T::multiplier_limit
    conv_pipelined_steps<DepthwisePixel, data_T, res_T, CONFIG_T>(data, res, weights, biases);
  }
};
template <>
struct DepthwiseStrategy<true> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
    constexpr unsigned kBlock = DIV_ROUNDUP(
        CONFIG_T::filt_height * CONFIG_T::filt_width * CONFIG_T::n_filt, CONFIG_T::reuse_factor);
#pragma HLS ARRAY_RESHAPE variable = weights block factor = kBlock
#pragma HLS ALLOCATION operation instances = mul limit = CONFIG_T::multiplier_limit
    conv_pipelined_steps<DepthwisePixel, data_T, res_T, CONFIG_T>(data, res, weights, biases);
  }
};

template <class data_T, class res_T, typename CONFIG_T>
void depthwise_conv(const data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_chan],
                    res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_filt],
                    const typename CONFIG_T::weight_t
                        weights[CONFIG_T::filt_height * CONFIG_T::filt_width * CONFIG_T::n_filt],
                    const typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
#pragma HLS function_instantiate variable = weights, biases
#pragma HLS ARRAY_PARTITION variable = biases complete
  DepthwiseStrategy<CONFIG_T::strategy == resource>::template run<data_T, res_T, CONFIG_T>(
      data, res, weights, biases);
}

// CONFIG_T holds depthwise_config (a depthwise_conv_config whose bias_t holds 0) and
// pointwise_config (a 1x1 conv_config over the depthwise output).
template <class data_T, class dw_res_T, class res_T, typename CONFIG_T>
void separable_conv(
    const data_T data[CONFIG_T::depthwise_config::in_height * CONFIG_T::depthwise_config::in_width *
                      CONFIG_T::depthwise_config::n_chan],
    res_T res[CONFIG_T::pointwise_config::out_height * CONFIG_T::pointwise_config::out_width *
              CONFIG_T::pointwise_config::n_filt],
    const typename CONFIG_T::depthwise_config::weight_t
        depthwise_weights[CONFIG_T::depthwise_config::filt_height *
                          CONFIG_T::depthwise_config::filt_width *
                          CONFIG_T::depthwise_config::n_filt],
    const typename CONFIG_T::pointwise_config::weight_t
        pointwise_weights[CONFIG_T::pointwise_config::n_chan * CONFIG_T::pointwise_config::n_filt],
    const typename CONFIG_T::pointwise_config::bias_t biases[CONFIG_T::pointwise_config::n_filt]) {
#pragma HLS INLINE
  typedef typename CONFIG_T::depthwise_config depthwise_config;
  typedef typename CONFIG_T::pointwise_config pointwise_config;
  static_assert(depthwise_config::out_height * depthwise_config::out_width ==
                        pointwise_config::in_height * pointwise_config::in_width &&
                    depthwise_config::n_filt == pointwise_config::n_chan,
                "separable config: the pointwise step must read the depthwise step's output");
  dw_res_T intermediate[depthwise_config::out_height * depthwise_config::out_width *
                        depthwise_config::n_filt];
#pragma HLS ARRAY_PARTITION variable = intermediate complete
  typename depthwise_config::bias_t no_bias[depthwise_config::n_filt];
#pragma HLS ARRAY_PARTITION variable = no_bias complete
  for (unsigned o = 0; o < depthwise_config::n_filt; o++) {
    no_bias[o] = 0;
  }
  depthwise_conv<data_T, dw_res_T, depthwise_config>(data, intermediate, depthwise_weights,
                                                     no_bias);
  conv<dw_res_T, res_T, pointwise_config>(intermediate, res, pointwise_weights, biases);
}

}  // namespace nnet

#endif  // HLSNN_NNET_DEPTHWISE_CONV_H_
