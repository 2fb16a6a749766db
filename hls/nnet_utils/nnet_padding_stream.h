#ifndef HLSNN_NNET_PADDING_STREAM_H_
#define HLSNN_NNET_PADDING_STREAM_H_

// ZeroPadding1D and ZeroPadding2D, io_stream: the padded image written pixel by pixel (one word
// of n_chan values each), a zero word at a padded position, else the next input word with each
// value converted to res_T as io_parallel converts it. One word per cycle, no buffer.

#include "nnet_padding.h"
#include "nnet_stream.h"

namespace nnet {

template <class data_T, class res_T, unsigned kRows, unsigned kColumns, unsigned kTop,
          unsigned kBottom, unsigned kLeft, unsigned kRight>
void zero_pad_pixels(hls::stream<data_T>& data, hls::stream<res_T>& res) {
#pragma HLS INLINE
  static_assert(data_T::size == res_T::size, "stream padding: a word must hold one pixel");
PaddedRows:
  for (unsigned row = 0; row < kTop + kRows + kBottom; row++) {
  PaddedColumns:
    for (unsigned col = 0; col < kLeft + kColumns + kRight; col++) {
#pragma HLS PIPELINE
      const bool inside =
          row >= kTop && row < kTop + kRows && col >= kLeft && col < kLeft + kColumns;
      res.write(inside ? convert_word<res_T>(data.read()) : zero_word<res_T>());
    }
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void zeropad1d_cl(hls::stream<data_T>& data, hls::stream<res_T>& res) {
  zero_pad_pixels<data_T, res_T, 1, CONFIG_T::in_width, 0, 0, CONFIG_T::pad_left,
                  CONFIG_T::pad_right>(data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void zeropad2d_cl(hls::stream<data_T>& data, hls::stream<res_T>& res) {
  zero_pad_pixels<data_T, res_T, CONFIG_T::in_height, CONFIG_T::in_width, CONFIG_T::pad_top,
                  CONFIG_T::pad_bottom, CONFIG_T::pad_left, CONFIG_T::pad_right>(data, res);
}

}  // namespace nnet

#endif  // HLSNN_NNET_PADDING_STREAM_H_
