#ifndef HLSNN_NNET_WINDOW_H_
#define HLSNN_NNET_WINDOW_H_

// The sliding window of convolutions and pooling, written once for every layer family and both IO
// types: which taps of an output pixel's window lie inside the image, and the walk over the output
// pixels. CONFIG_T holds the in_/out_/stride_/pad_ members of conv_config and pooling_config; the
// window's own size (filt_* or pool_*) is given. Images are channels last.

#include "nnet_common.h"

namespace nnet {

// Whether a window can hang over the image's top/bottom (rows) or left/right (columns) edge: only
// then does a tap need a bounds check. Without padding every window of a valid layer fits, and the
// checks would only cost time.
template <typename CONFIG_T, unsigned kWindowHeight, unsigned kWindowWidth>
struct window_overhang {
  static const bool rows =
      CONFIG_T::pad_top != 0 ||
      (CONFIG_T::out_height - 1) * CONFIG_T::stride_height + kWindowHeight > CONFIG_T::in_height;
  static const bool columns =
      CONFIG_T::pad_left != 0 ||
      (CONFIG_T::out_width - 1) * CONFIG_T::stride_width + kWindowWidth > CONFIG_T::in_width;
};

// Calls visit.tap(tap, first) for every tap of output pixel (out_row, out_col)'s window that lies
// inside the image, in row-major order: `tap` is the position in the window (kh * kWindowWidth +
// kw), `first` the index of that input pixel's first channel. Padded taps are skipped.
template <typename CONFIG_T, unsigned kWindowHeight, unsigned kWindowWidth, class Visit>
void for_each_window_tap(unsigned out_row, unsigned out_col, Visit& visit) {
#pragma HLS INLINE
  typedef window_overhang<CONFIG_T, kWindowHeight, kWindowWidth> overhang;
WindowRows:
  for (unsigned kh = 0; kh < kWindowHeight; kh++) {
    const int row = static_cast<int>(out_row * CONFIG_T::stride_height + kh) -
                    static_cast<int>(CONFIG_T::pad_top);
    if (overhang::rows && (row < 0 || row >= static_cast<int>(CONFIG_T::in_height))) continue;
  WindowColumns:
    for (unsigned kw = 0; kw < kWindowWidth; kw++) {
      const int col = static_cast<int>(out_col * CONFIG_T::stride_width + kw) -
                      static_cast<int>(CONFIG_T::pad_left);
      if (overhang::columns && (col < 0 || col >= static_cast<int>(CONFIG_T::in_width))) continue;
      visit.tap(kh * kWindowWidth + kw,
                (static_cast<unsigned>(row) * CONFIG_T::in_width + static_cast<unsigned>(col)) *
                    CONFIG_T::n_chan);
    }
  }
}

// One step of an io_parallel convolution: Pixel::run<data_T, res_T, CONFIG_T>(data, out, out_row,
// out_col, weights, biases) for the step's parallelization_factor output pixels, all at once;
// `out` is the pixel's n_filt results.
template <class Pixel, class data_T, class res_T, typename CONFIG_T>
void conv_step(unsigned step, const data_T* data, res_T* res,
               const typename CONFIG_T::weight_t* weights,
               const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
Pixels:
  for (unsigned p = 0; p < CONFIG_T::parallelization_factor; p++) {
#pragma HLS UNROLL
    const unsigned pixel = step * CONFIG_T::parallelization_factor + p;
    Pixel::template run<data_T, res_T, CONFIG_T>(data, res + pixel * CONFIG_T::n_filt,
                                                 pixel / CONFIG_T::out_width,
                                                 pixel % CONFIG_T::out_width, weights, biases);
  }
}

template <typename CONFIG_T>
struct conv_steps {
  static const unsigned pixels = CONFIG_T::out_height * CONFIG_T::out_width;
  static_assert(CONFIG_T::parallelization_factor >= 1 &&
                    pixels % CONFIG_T::parallelization_factor == 0,
                "conv config: parallelization_factor must divide out_height * out_width");
  static const unsigned count = pixels / CONFIG_T::parallelization_factor;
};

// Every output pixel of an io_parallel convolution, one step after another, each step one
// pipeline stage group started every reuse_factor cycles.
template <class Pixel, class data_T, class res_T, typename CONFIG_T>
void conv_pipelined_steps(const data_T* data, res_T* res,
                          const typename CONFIG_T::weight_t* weights,
                          const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
Steps:
  for (unsigned step = 0; step < conv_steps<CONFIG_T>::count; step++) {
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor rewind
    conv_step<Pixel, data_T, res_T, CONFIG_T>(step, data, res, weights, biases);
  }
}

// The same walk not pipelined, for pixel kernels whose own inner loop is the pipelined one (the
// Resource strategy's folded Dense).
template <class Pixel, class data_T, class res_T, typename CONFIG_T>
void conv_sequential_steps(const data_T* data, res_T* res,
                           const typename CONFIG_T::weight_t* weights,
                           const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
Steps:
  for (unsigned step = 0; step < conv_steps<CONFIG_T>::count; step++) {
    conv_step<Pixel, data_T, res_T, CONFIG_T>(step, data, res, weights, biases);
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_WINDOW_H_
