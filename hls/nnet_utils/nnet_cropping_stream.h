#ifndef HLSNN_NNET_CROPPING_STREAM_H_
#define HLSNN_NNET_CROPPING_STREAM_H_

// Cropping1D and Cropping2D, io_stream: every input pixel (one word of n_chan values) read, those
// inside the crop written with each value converted to res_T as io_parallel converts it. One word
// per cycle, no buffer.

#include "nnet_cropping.h"
#include "nnet_stream.h"

namespace nnet {

template <class data_T, class res_T, unsigned kRows, unsigned kColumns, unsigned kTop,
          unsigned kOutRows, unsigned kLeft, unsigned kOutColumns>
void crop_pixels(hls::stream<data_T>& data, hls::stream<res_T>& res) {
#pragma HLS INLINE
  static_assert(data_T::size == res_T::size, "stream cropping: a word must hold one pixel");
Rows:
  for (unsigned row = 0; row < kRows; row++) {
  Columns:
    for (unsigned col = 0; col < kColumns; col++) {
#pragma HLS PIPELINE
      const data_T in = data.read();
      if (row >= kTop && row < kTop + kOutRows && col >= kLeft && col < kLeft + kOutColumns) {
        res.write(convert_word<res_T>(in));
      }
    }
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void cropping1d_cl(hls::stream<data_T>& data, hls::stream<res_T>& res) {
  crop_pixels<data_T, res_T, 1, CONFIG_T::in_width, 0, 1, CONFIG_T::crop_left, CONFIG_T::out_width>(
      data, res);
}

template <class data_T, class res_T, typename CONFIG_T>
void cropping2d_cl(hls::stream<data_T>& data, hls::stream<res_T>& res) {
  crop_pixels<data_T, res_T, CONFIG_T::in_height, CONFIG_T::in_width, CONFIG_T::crop_top,
              CONFIG_T::out_height, CONFIG_T::crop_left, CONFIG_T::out_width>(data, res);
}

}  // namespace nnet

#endif  // HLSNN_NNET_CROPPING_STREAM_H_
