#ifndef HLSNN_NNET_POOLING_H_
#define HLSNN_NNET_POOLING_H_

// MaxPooling, AveragePooling and their Global forms, 1-D and 2-D, io_parallel, channels last. A
// 1-D layer is an image of height 1, a global one a window covering the whole image.
//
// Numerics (bit-identical to hls4ml 1.3's pooling1d_cl, pooling2d_cl and global_pooling*_cl for
// signed inputs): per channel, over the window's positions inside the image (row-major; Keras
// ignores padding),
//   max:     the largest value in data_T, converted to accum_t and then to res_T;
//   average: accum_t y = 0; y += x for each value (each sum converted to accum_t); y /= the
//            number of positions (an unsigned); converted to res_T.
// Padding: the reference stands a value with only the top bit set in for padded positions, the
// most negative value of a signed type and so ignored, but a large one for an unsigned type; here
// padded positions are skipped, as Keras does, for every type.

#include "nnet_common.h"
#include "nnet_window.h"

namespace nnet {

enum pool_op { pool_max = 0, pool_average };

struct pooling_config {
  typedef float accum_t;

  static const unsigned in_height = 1;
  static const unsigned in_width = 10;
  static const unsigned n_chan = 1;
  static const unsigned pool_height = 1;
  static const unsigned pool_width = 2;
  static const unsigned stride_height = 1;
  static const unsigned stride_width = 2;
  static const unsigned pad_top = 0;
  static const unsigned pad_bottom = 0;
  static const unsigned pad_left = 0;
  static const unsigned pad_right = 0;
  static const unsigned out_height = 1;
  static const unsigned out_width = 5;

  static const pool_op op = pool_max;
  static const unsigned io_type = io_parallel;
  static const unsigned reuse_factor = 1;
  static const conv_implementation implementation = conv_implementation::linebuffer;
};

// The reduction of one window for one operation: add() per position inside the image, the first
// one marked (every window holds at least one), result() at the end. The first position marked
// instead of a flag kept per channel, and the value updated in a local and stored back, leave a
// loop over the channels that the C++ compiler vectorizes (a conditional store to the member, or a
// conditional between two objects, it does not).
template <pool_op kOp, class data_T, class accum_t>
struct PoolReduction {
  typedef data_T data_type;
  data_T best;
  void add(const data_T& x, bool first) {
    data_T largest = best;
    if (first || x > largest) largest = x;
    best = largest;
  }
  template <class res_T>
  res_T result(unsigned) const {
    return static_cast<res_T>(static_cast<accum_t>(best));
  }
};
template <class data_T, class accum_t>
struct PoolReduction<pool_average, data_T, accum_t> {
  typedef data_T data_type;
  accum_t sum;
  // Starting from 0 at the first position is the reference's sum = 0 before the window.
  void add(const data_T& x, bool first) {
    accum_t running = sum;
    if (first) running = 0;
    running += x;
    sum = running;
  }
  template <class res_T>
  res_T result(unsigned count) const {
    accum_t mean = sum;
    mean /= count;
    return static_cast<res_T>(mean);
  }
};

// The taps of one window added to each channel's reduction. A tap's values are read from `source`
// at the tap's input pixel (kFromWindow false: `source` is the image) or at its place in the
// window (kFromWindow true: `source` is a stream's window, padded taps included).
template <class reduction, typename CONFIG_T, bool kFromWindow>
struct PoolTaps {
  const typename reduction::data_type* source;
  reduction* reductions;
  unsigned count;

  void tap(unsigned tap, unsigned first) {
#pragma HLS INLINE
    const typename reduction::data_type* pixel =
        source + (kFromWindow ? tap * CONFIG_T::n_chan : first);
    const bool first_tap = count == 0;
  Channels:
    for (unsigned c = 0; c < CONFIG_T::n_chan; c++) {
      reductions[c].add(pixel[c], first_tap);
    }
    count++;
  }
};

// One output pixel of a pooling layer in both IO types: the window's positions inside the image,
// row-major, reduced per channel.
template <bool kFromWindow, class data_T, class res_T, typename CONFIG_T>
void pool_window(const data_T* source, res_T* out, unsigned out_row, unsigned out_col) {
#pragma HLS INLINE
  constexpr unsigned kChan = CONFIG_T::n_chan;
  typedef PoolReduction<CONFIG_T::op, data_T, typename CONFIG_T::accum_t> reduction;
  reduction reductions[kChan];
#pragma HLS ARRAY_PARTITION variable = reductions complete
  PoolTaps<reduction, CONFIG_T, kFromWindow> taps{source, reductions, 0};
  for_each_window_tap<CONFIG_T, CONFIG_T::pool_height, CONFIG_T::pool_width>(out_row, out_col,
                                                                             taps);
Result:
  for (unsigned c = 0; c < kChan; c++) {
    out[c] = reductions[c].template result<res_T>(taps.count);
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void pooling(const data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_chan],
             res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_chan]) {
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor
OutputRows:
  for (unsigned out_row = 0; out_row < CONFIG_T::out_height; out_row++) {
  OutputColumns:
    for (unsigned out_col = 0; out_col < CONFIG_T::out_width; out_col++) {
      pool_window<false, data_T, res_T, CONFIG_T>(
          data, res + (out_row * CONFIG_T::out_width + out_col) * CONFIG_T::n_chan, out_row,
          out_col);
    }
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_POOLING_H_
