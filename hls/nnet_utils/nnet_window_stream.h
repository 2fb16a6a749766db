#ifndef HLSNN_NNET_WINDOW_STREAM_H_
#define HLSNN_NNET_WINDOW_STREAM_H_

// The line buffer of io_stream convolutions and pooling: a stream of pixels (one word of n_chan
// values each, row-major) in, each output pixel's window out, as soon as its last pixel arrived.
//
// The kernel walks the padded image (pad_top + in_height + pad_bottom rows of pad_left +
// in_width + pad_right columns), one position per step: a position inside the image reads the
// next word of the stream, a padded one stands in zeros. The last window_height - 1 rows live in
// line buffers (one value per padded column and channel), the window in a shift register of
// window_height x window_width pixels that moves one column per step. The window is complete at
// the bottom-right position of each output pixel (every stride-th row and column once it holds
// window_height rows and window_width columns), when the layer's `Compute` runs on it.
//
// The window is laid out like the io_parallel kernels' patches: (window row, window column,
// channel), so a convolution runs the io_parallel pixel kernel on it unchanged. Padded positions
// hold zero, which adds nothing to a convolution's sums; pooling skips them by position. All state
// is local to one call (one sample), so threads running samples at once share nothing.

#include "nnet_stream.h"

namespace nnet {

// Compile-time sizes of a layer's sliding window: CONFIG_T holds the in_/out_/stride_/pad_ members
// of conv_config and pooling_config; the window's own size is given (filt_* or pool_*).
template <typename CONFIG_T, unsigned kWindowHeight, unsigned kWindowWidth>
struct window_shape {
  static const unsigned chan = CONFIG_T::n_chan;
  static const unsigned height = kWindowHeight;
  static const unsigned width = kWindowWidth;
  static const unsigned padded_height =
      CONFIG_T::pad_top + CONFIG_T::in_height + CONFIG_T::pad_bottom;
  static const unsigned padded_width =
      CONFIG_T::pad_left + CONFIG_T::in_width + CONFIG_T::pad_right;
  // Rows kept besides the one being read (at least one array, unused for one-row windows).
  static const unsigned line_rows = kWindowHeight > 1 ? kWindowHeight - 1 : 1;
  static const unsigned values = kWindowHeight * kWindowWidth * CONFIG_T::n_chan;
};

// Runs compute.template window<...>(window, out_row, out_col) for every output pixel, in
// row-major order, reading every word of `data` once.
template <class data_T, typename CONFIG_T, class shape, class Compute>
void slide_window(hls::stream<data_T>& data, Compute& compute) {
#pragma HLS INLINE
  typedef typename data_T::value_type value_T;
  static_assert(data_T::size == shape::chan, "stream window: a word must hold one pixel");
  value_T window[shape::values];
#pragma HLS ARRAY_PARTITION variable = window complete
  value_T lines[shape::line_rows][shape::padded_width * shape::chan];
#pragma HLS ARRAY_PARTITION variable = lines complete dim = 1
ClearWindow:
  for (unsigned i = 0; i < shape::values; i++) {
    window[i] = 0;
  }
ClearLines:
  for (unsigned r = 0; r < shape::line_rows; r++) {
    for (unsigned i = 0; i < shape::padded_width * shape::chan; i++) {
      lines[r][i] = 0;
    }
  }
  const unsigned last_row = shape::height - 1;
  const unsigned last_col = shape::width - 1;
PaddedRows:
  for (unsigned row = 0; row < shape::padded_height; row++) {
  PaddedColumns:
    for (unsigned col = 0; col < shape::padded_width; col++) {
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor
      const bool inside =
          row >= CONFIG_T::pad_top && row < CONFIG_T::pad_top + CONFIG_T::in_height &&
          col >= CONFIG_T::pad_left && col < CONFIG_T::pad_left + CONFIG_T::in_width;
      const data_T pixel = inside ? data.read() : zero_word<data_T>();
    ShiftWindow:
      for (unsigned wr = 0; wr < shape::height; wr++) {
        for (unsigned wc = 0; wc < last_col; wc++) {
          for (unsigned c = 0; c < shape::chan; c++) {
            window[(wr * shape::width + wc) * shape::chan + c] =
                window[(wr * shape::width + wc + 1) * shape::chan + c];
          }
        }
      }
    NewColumn:
      for (unsigned c = 0; c < shape::chan; c++) {
        // The column's rows above come out of the line buffers, which move up by one.
        for (unsigned wr = 0; wr < last_row; wr++) {
          window[(wr * shape::width + last_col) * shape::chan + c] =
              lines[wr][col * shape::chan + c];
        }
        for (unsigned wr = 0; wr + 1 < last_row; wr++) {
          lines[wr][col * shape::chan + c] = lines[wr + 1][col * shape::chan + c];
        }
        if (last_row > 0) lines[last_row - 1][col * shape::chan + c] = pixel[c];
        window[(last_row * shape::width + last_col) * shape::chan + c] = pixel[c];
      }
      if (row >= last_row && col >= last_col && (row - last_row) % CONFIG_T::stride_height == 0 &&
          (col - last_col) % CONFIG_T::stride_width == 0) {
        const unsigned out_row = (row - last_row) / CONFIG_T::stride_height;
        const unsigned out_col = (col - last_col) / CONFIG_T::stride_width;
        if (out_row < CONFIG_T::out_height && out_col < CONFIG_T::out_width) {
          compute.template window<value_T>(window, out_row, out_col);
        }
      }
    }
  }
}

// A conv_config narrowed to one window: the io_parallel pixel kernels run on the window as on an
// image of the window's size, without padding, at output pixel (0, 0).
template <typename CONFIG_T>
struct window_conv_config : CONFIG_T {
  static const unsigned in_height = CONFIG_T::filt_height;
  static const unsigned in_width = CONFIG_T::filt_width;
  static const unsigned stride_height = 1;
  static const unsigned stride_width = 1;
  static const unsigned pad_top = 0;
  static const unsigned pad_bottom = 0;
  static const unsigned pad_left = 0;
  static const unsigned pad_right = 0;
  static const unsigned out_height = 1;
  static const unsigned out_width = 1;
  static const unsigned parallelization_factor = 1;
};

}  // namespace nnet

#endif  // HLSNN_NNET_WINDOW_STREAM_H_
