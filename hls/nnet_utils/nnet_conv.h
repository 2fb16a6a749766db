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

// One output pixel of a Latency convolution: the window's taps inside the image, each tap's
// channels against its n_chan x n_filt slice of the kernel.
template <class data_T, class res_T, typename CONFIG_T>
void conv_window_latency(const data_T* data, res_T* res, unsigned out_row, unsigned out_col,
                         const typename CONFIG_T::weight_t* weights,
                         const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
  typedef typename CONFIG_T::accum_t accum_t;
  typedef typename CONFIG_T::weight_t weight_t;
  constexpr unsigned kFilt = CONFIG_T::n_filt;
  constexpr unsigned kChan = CONFIG_T::n_chan;
  accum_t acc[kFilt];
#pragma HLS ARRAY_PARTITION variable = acc complete
InitAccum:
  for (unsigned f = 0; f < kFilt; f++) {
    acc[f] = static_cast<accum_t>(biases[f]);
  }
WindowRows:
  for (unsigned kh = 0; kh < CONFIG_T::filt_height; kh++) {
    const int row = static_cast<int>(out_row * CONFIG_T::stride_height + kh) -
                    static_cast<int>(CONFIG_T::pad_top);
    if (row < 0 || row >= static_cast<int>(CONFIG_T::in_height)) continue;
  WindowColumns:
    for (unsigned kw = 0; kw < CONFIG_T::filt_width; kw++) {
      const int col = static_cast<int>(out_col * CONFIG_T::stride_width + kw) -
                      static_cast<int>(CONFIG_T::pad_left);
      if (col < 0 || col >= static_cast<int>(CONFIG_T::in_width)) continue;
      const data_T* pixel =
          data +
          (static_cast<unsigned>(row) * CONFIG_T::in_width + static_cast<unsigned>(col)) * kChan;
      const weight_t* tap = weights + (kh * CONFIG_T::filt_width + kw) * kChan * kFilt;
    Channels:
      for (unsigned c = 0; c < kChan; c++) {
        const data_T x = pixel[c];
      Filters:
        for (unsigned f = 0; f < kFilt; f++) {
          acc[f] += static_cast<accum_t>(
              CONFIG_T::template product<data_T, weight_t>::product(x, tap[c * kFilt + f]));
        }
      }
    }
  }
Result:
  for (unsigned f = 0; f < kFilt; f++) {
    res[f] = static_cast<res_T>(acc[f]);
  }
}

// One output pixel of a Resource convolution: the window copied into a patch (zeros where it
// hangs over the border), then the folded Dense of nnet_dense.h on it.
template <class data_T, class res_T, typename CONFIG_T>
void conv_window_resource(const data_T* data, res_T* res, unsigned out_row, unsigned out_col,
                          const typename CONFIG_T::weight_t* weights,
                          const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
  constexpr unsigned kChan = CONFIG_T::n_chan;
  data_T patch[CONFIG_T::filt_height * CONFIG_T::filt_width * kChan];
#pragma HLS ARRAY_PARTITION variable = patch complete
FillRows:
  for (unsigned kh = 0; kh < CONFIG_T::filt_height; kh++) {
    const int row = static_cast<int>(out_row * CONFIG_T::stride_height + kh) -
                    static_cast<int>(CONFIG_T::pad_top);
  FillColumns:
    for (unsigned kw = 0; kw < CONFIG_T::filt_width; kw++) {
      const int col = static_cast<int>(out_col * CONFIG_T::stride_width + kw) -
                      static_cast<int>(CONFIG_T::pad_left);
      const bool inside = row >= 0 && row < static_cast<int>(CONFIG_T::in_height) && col >= 0 &&
                          col < static_cast<int>(CONFIG_T::in_width);
      const unsigned first =
          inside ? (static_cast<unsigned>(row) * CONFIG_T::in_width + static_cast<unsigned>(col)) *
                       kChan
                 : 0;
    FillChannels:
      for (unsigned c = 0; c < kChan; c++) {
        patch[(kh * CONFIG_T::filt_width + kw) * kChan + c] =
            inside ? data[first + c] : static_cast<data_T>(0);
      }
    }
  }
  dense_resource<data_T, res_T, typename CONFIG_T::mult_config>(patch, res, weights, biases);
}

// A 1x1 convolution (pointwise) reads one input pixel per output pixel, with no padding: the
// Dense runs on that pixel's channels in place.
template <class data_T, class res_T, typename CONFIG_T>
void conv_pointwise_latency(const data_T* data, res_T* res, unsigned out_row, unsigned out_col,
                            const typename CONFIG_T::weight_t* weights,
                            const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
  typedef typename CONFIG_T::accum_t accum_t;
  typedef typename CONFIG_T::weight_t weight_t;
  constexpr unsigned kFilt = CONFIG_T::n_filt;
  const data_T* pixel = data + (out_row * CONFIG_T::stride_height * CONFIG_T::in_width +
                                out_col * CONFIG_T::stride_width) *
                                   CONFIG_T::n_chan;
  accum_t acc[kFilt];
#pragma HLS ARRAY_PARTITION variable = acc complete
InitAccum:
  for (unsigned f = 0; f < kFilt; f++) {
    acc[f] = static_cast<accum_t>(biases[f]);
  }
Channels:
  for (unsigned c = 0; c < CONFIG_T::n_chan; c++) {
    const data_T x = pixel[c];
  Filters:
    for (unsigned f = 0; f < kFilt; f++) {
      acc[f] += static_cast<accum_t>(
          CONFIG_T::template product<data_T, weight_t>::product(x, weights[c * kFilt + f]));
    }
  }
Result:
  for (unsigned f = 0; f < kFilt; f++) {
    res[f] = static_cast<res_T>(acc[f]);
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void conv_pointwise_resource(const data_T* data, res_T* res, unsigned out_row, unsigned out_col,
                             const typename CONFIG_T::weight_t* weights,
                             const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
  dense_resource<data_T, res_T, typename CONFIG_T::mult_config>(
      data + (out_row * CONFIG_T::stride_height * CONFIG_T::in_width +
              out_col * CONFIG_T::stride_width) *
                 CONFIG_T::n_chan,
      res, weights, biases);
}

// The pixel kernel for (strategy, window shape), chosen at compile time so that only it is
// instantiated.
template <bool kResource, bool kPointwise>
struct ConvPixel {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, unsigned row, unsigned col,
                  const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
    conv_window_latency<data_T, res_T, CONFIG_T>(data, res, row, col, weights, biases);
  }
};
template <>
struct ConvPixel<true, false> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, unsigned row, unsigned col,
                  const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
    conv_window_resource<data_T, res_T, CONFIG_T>(data, res, row, col, weights, biases);
  }
};
template <>
struct ConvPixel<false, true> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, unsigned row, unsigned col,
                  const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
    conv_pointwise_latency<data_T, res_T, CONFIG_T>(data, res, row, col, weights, biases);
  }
};
template <>
struct ConvPixel<true, true> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, unsigned row, unsigned col,
                  const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
    conv_pointwise_resource<data_T, res_T, CONFIG_T>(data, res, row, col, weights, biases);
  }
};

template <typename CONFIG_T>
struct ConvShape {
  static constexpr unsigned kPixels = CONFIG_T::out_height * CONFIG_T::out_width;
  static constexpr unsigned kParallel = CONFIG_T::parallelization_factor;
  static constexpr bool kPointwise = CONFIG_T::filt_height == 1 && CONFIG_T::filt_width == 1 &&
                                     CONFIG_T::pad_top == 0 && CONFIG_T::pad_left == 0;
  static_assert(kParallel >= 1 && kPixels % kParallel == 0,
                "conv config: parallelization_factor must divide out_height * out_width");
};

// Latency: each step of parallelization_factor pixels is one pipeline stage group, started every
// reuse_factor cycles, with all its multiplications unrolled.
template <bool kResource>
struct ConvSteps {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
    typedef ConvShape<CONFIG_T> shape;
#pragma HLS ARRAY_PARTITION variable = weights complete
#pragma HLS ALLOCATION operation instances = mul limit = CONFIG_T::multiplier_limit
  Steps:
    for (unsigned step = 0; step < shape::kPixels / shape::kParallel; step++) {
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor rewind
    Pixels:
      for (unsigned p = 0; p < shape::kParallel; p++) {
#pragma HLS UNROLL
        const unsigned pixel = step * shape::kParallel + p;
        ConvPixel<false, shape::kPointwise>::template run<data_T, res_T, CONFIG_T>(
            data, res + pixel * CONFIG_T::n_filt, pixel / CONFIG_T::out_width,
            pixel % CONFIG_T::out_width, weights, biases);
      }
    }
  }
};
// Resource: the steps run one after another, each pixel's Dense folded reuse_factor times (its
// reuse loop is the pipelined one).
template <>
struct ConvSteps<true> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
    typedef ConvShape<CONFIG_T> shape;
  Steps:
    for (unsigned step = 0; step < shape::kPixels / shape::kParallel; step++) {
    Pixels:
      for (unsigned p = 0; p < shape::kParallel; p++) {
#pragma HLS UNROLL
        const unsigned pixel = step * shape::kParallel + p;
        ConvPixel<true, shape::kPointwise>::template run<data_T, res_T, CONFIG_T>(
            data, res + pixel * CONFIG_T::n_filt, pixel / CONFIG_T::out_width,
            pixel % CONFIG_T::out_width, weights, biases);
      }
    }
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
