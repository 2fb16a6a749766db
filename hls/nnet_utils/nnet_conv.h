#ifndef HLSNN_NNET_CONV_H_
#define HLSNN_NNET_CONV_H_

// Conv1D and Conv2D, io_parallel, channels last (data[(row * in_width + col) * n_chan + c]); a
// Conv1D is a Conv2D of height 1, so one kernel serves both.
//
// Numerics (bit-identical to hls4ml 1.3's conv_1d/conv_2d and pointwise kernels): each output
// pixel is a Dense over its window, the inputs in (window row, window column, channel) order and
// the weights in Keras' kernel order {filt_height, filt_width, n_chan, n_filt}. Every exact
// product is converted to accum_t and added to an accumulator that starts from the bias; the sum
// is converted to res_T once. The Latency strategy adds in input order, the Resource strategy in
// the order of the folded Dense (nnet_dense.h), which matters only for saturating accum_t. A
// padded position contributes a zero product, which changes no sum: the Latency kernel skips it.
//
// Weight layout: Latency takes Keras order; Resource takes the transposed matrix {n_filt, n_in}
// (the code generator transposes it, as hls4ml does).
//
// Scheduling: the output pixels are computed parallelization_factor at a time, one group per
// step; a Latency step is pipelined with II = reuse_factor, a Resource step folds each pixel's
// multiplications reuse_factor times.

#include "nnet_common.h"
#include "nnet_dense.h"
#include "nnet_window.h"

namespace nnet {

struct conv_config {
  typedef float bias_t;
  typedef float weight_t;
  typedef float accum_t;

  static const unsigned in_height = 1;
  static const unsigned in_width = 10;
  static const unsigned n_chan = 1;
  static const unsigned filt_height = 1;
  static const unsigned filt_width = 1;
  static const unsigned n_filt = 1;
  static const unsigned stride_height = 1;
  static const unsigned stride_width = 1;
  static const unsigned pad_top = 0;
  static const unsigned pad_bottom = 0;
  static const unsigned pad_left = 0;
  static const unsigned pad_right = 0;
  static const unsigned out_height = 1;
  static const unsigned out_width = 10;

  static const unsigned io_type = io_parallel;
  static const unsigned strategy = latency;
  static const unsigned reuse_factor = 1;
  // Output pixels computed in parallel (hls4ml's ParallelizationFactor); divides the pixels.
  static const unsigned parallelization_factor = 1;
  static const conv_implementation implementation = conv_implementation::linebuffer;
  static const bool store_weights_in_bram = false;
  static const unsigned n_zeros = 0;

  // The Dense one pixel is (n_in = filt_height * filt_width * n_chan, n_out = n_filt), which the
  // Resource strategy runs.
  typedef dense_config mult_config;

  template <class x_T, class w_T>
  using product = nnet::product::mult<x_T, w_T>;
};

// The taps of one output pixel of a Latency convolution: each tap's channels against its n_chan x
// n_filt slice of the kernel, added to the pixel's accumulators.
template <class data_T, typename CONFIG_T>
struct ConvTapProducts {
  typedef typename CONFIG_T::accum_t accum_t;
  typedef typename CONFIG_T::weight_t weight_t;
  const data_T* data;
  const weight_t* weights;
  accum_t* acc;

  void tap(unsigned tap, unsigned first) {
#pragma HLS INLINE
    constexpr unsigned kFilt = CONFIG_T::n_filt;
    const weight_t* slice = weights + tap * CONFIG_T::n_chan * kFilt;
  Channels:
    for (unsigned c = 0; c < CONFIG_T::n_chan; c++) {
      const data_T x = data[first + c];
    Filters:
      for (unsigned f = 0; f < kFilt; f++) {
        acc[f] += static_cast<accum_t>(
            CONFIG_T::template product<data_T, weight_t>::product(x, slice[c * kFilt + f]));
      }
    }
  }
};

// One output pixel as n_filt sums that start from the biases and take the products `Taps` forms
// for the window's taps inside the image (padded taps add nothing), converted to res_T once.
template <template <class, typename> class Taps, class data_T, class res_T, typename CONFIG_T>
void window_sums(const data_T* data, res_T* res, unsigned out_row, unsigned out_col,
                 const typename CONFIG_T::weight_t* weights,
                 const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
  typedef typename CONFIG_T::accum_t accum_t;
  constexpr unsigned kFilt = CONFIG_T::n_filt;
  accum_t acc[kFilt];
#pragma HLS ARRAY_PARTITION variable = acc complete
InitAccum:
  for (unsigned f = 0; f < kFilt; f++) {
    acc[f] = static_cast<accum_t>(biases[f]);
  }
  Taps<data_T, CONFIG_T> taps{data, weights, acc};
  for_each_window_tap<CONFIG_T, CONFIG_T::filt_height, CONFIG_T::filt_width>(out_row, out_col,
                                                                             taps);
Result:
  for (unsigned f = 0; f < kFilt; f++) {
    res[f] = static_cast<res_T>(acc[f]);
  }
}

// The taps of one output pixel copied into a patch in window order.
template <class data_T, typename CONFIG_T>
struct PatchFill {
  const data_T* data;
  data_T* patch;

  void tap(unsigned tap, unsigned first) {
#pragma HLS INLINE
  FillChannels:
    for (unsigned c = 0; c < CONFIG_T::n_chan; c++) {
      patch[tap * CONFIG_T::n_chan + c] = data[first + c];
    }
  }
};

// The pixel kernels, one per (strategy, window shape). Latency: the window's sums in input order.
struct ConvLatencyPixel {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, unsigned out_row, unsigned out_col,
                  const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
    window_sums<ConvTapProducts, data_T, res_T, CONFIG_T>(data, res, out_row, out_col, weights,
                                                          biases);
  }
};

// Resource: the window copied into a patch (zeros where it hangs over the border), then the
// folded Dense of nnet_dense.h on it.
struct ConvResourcePixel {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, unsigned out_row, unsigned out_col,
                  const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
    constexpr unsigned kPatch = CONFIG_T::filt_height * CONFIG_T::filt_width * CONFIG_T::n_chan;
    data_T patch[kPatch];
#pragma HLS ARRAY_PARTITION variable = patch complete
  ClearPatch:
    for (unsigned i = 0; i < kPatch; i++) {
      patch[i] = 0;
    }
    PatchFill<data_T, CONFIG_T> fill{data, patch};
    for_each_window_tap<CONFIG_T, CONFIG_T::filt_height, CONFIG_T::filt_width>(out_row, out_col,
                                                                               fill);
    dense_resource<data_T, res_T, typename CONFIG_T::mult_config>(patch, res, weights, biases);
  }
};

// Resource on a 1x1 window without padding (pointwise): the Dense on the input pixel's channels
// in place.
struct ConvResourcePointwisePixel {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, unsigned out_row, unsigned out_col,
                  const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
    dense_resource<data_T, res_T, typename CONFIG_T::mult_config>(
        data + (out_row * CONFIG_T::stride_height * CONFIG_T::in_width +
                out_col * CONFIG_T::stride_width) *
                   CONFIG_T::n_chan,
        res, weights, biases);
  }
};

template <typename CONFIG_T>
struct conv_is_pointwise {
  static const bool value = CONFIG_T::filt_height == 1 && CONFIG_T::filt_width == 1 &&
                            CONFIG_T::pad_top == 0 && CONFIG_T::pad_left == 0;
};

// The pixel kernel for (strategy, window shape), chosen at compile time so that only it is
// instantiated.
template <bool kResource, bool kPointwise>
struct ConvPixel {
  typedef ConvLatencyPixel type;
};
template <>
struct ConvPixel<true, false> {
  typedef ConvResourcePixel type;
};
template <>
struct ConvPixel<true, true> {
  typedef ConvResourcePointwisePixel type;
};

// Latency: the steps pipelined, every weight in registers. Resource: the steps one after another,
// each pixel's Dense folded reuse_factor times (its reuse loop is the pipelined one).
template <bool kResource>
struct ConvSteps {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS ARRAY_PARTITION variable = weights complete
#pragma HLS ALLOCATION operation instances = mul limit = CONFIG_T::multiplier_limit
    conv_pipelined_steps<ConvLatencyPixel, data_T, res_T, CONFIG_T>(data, res, weights, biases);
  }
};
template <>
struct ConvSteps<true> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
    conv_sequential_steps<typename ConvPixel<true, conv_is_pointwise<CONFIG_T>::value>::type,
                          data_T, res_T, CONFIG_T>(data, res, weights, biases);
  }
};

template <class data_T, class res_T, typename CONFIG_T>
void conv(const data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_chan],
          res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_filt],
          const typename CONFIG_T::weight_t weights[CONFIG_T::filt_height * CONFIG_T::filt_width *
                                                    CONFIG_T::n_chan * CONFIG_T::n_filt],
          const typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
#pragma HLS function_instantiate variable = weights, biases
#pragma HLS ARRAY_PARTITION variable = biases complete
  ConvSteps<CONFIG_T::strategy == resource>::template run<data_T, res_T, CONFIG_T>(data, res,
                                                                                   weights, biases);
}

}  // namespace nnet

#endif  // HLSNN_NNET_CONV_H_
