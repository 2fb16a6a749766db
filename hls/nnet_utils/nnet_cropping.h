#ifndef HLSNN_NNET_CROPPING_H_
#define HLSNN_NNET_CROPPING_H_

// Cropping1D and Cropping2D, io_parallel, channels last: the window of the input that the crop
// leaves, each value converted to res_T. Only values move, so the result is the reference's
// whatever the types.

#include "nnet_common.h"

namespace nnet {

struct cropping1d_config {
  static const unsigned n_chan = 10;
  static const unsigned in_width = 10;
  static const unsigned out_width = 10;
  static const unsigned crop_left = 0;
  static const unsigned crop_right = 0;
};

struct cropping2d_config {
  static const unsigned n_chan = 10;
  static const unsigned in_height = 10;
  static const unsigned in_width = 10;
  static const unsigned out_height = 10;
  static const unsigned out_width = 10;
  static const unsigned crop_top = 0;
  static const unsigned crop_bottom = 0;
  static const unsigned crop_left = 0;
  static const unsigned crop_right = 0;
};

// kOutRows rows of kOutRow values, row r read from the input row r + kTop starting at value
// kLeft, input rows being kInRow values long (width * channels in channels-last order).
template <class data_T, class res_T, unsigned kOutRows, unsigned kOutRow, unsigned kInRow,
          unsigned kTop, unsigned kLeft>
void crop_rows(const data_T* data, res_T* res) {
#pragma HLS INLINE
  for (unsigned row = 0; row < kOutRows; row++) {
    const data_T* in = data + (row + kTop) * kInRow + kLeft;
    for (unsigned i = 0; i < kOutRow; i++) {
      res[row * kOutRow + i] = static_cast<res_T>(in[i]);
    }
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void cropping1d_cl(const data_T data[CONFIG_T::in_width * CONFIG_T::n_chan],
                   res_T res[CONFIG_T::out_width * CONFIG_T::n_chan]) {
#pragma HLS PIPELINE
  crop_rows<data_T, res_T, 1, CONFIG_T::out_width * CONFIG_T::n_chan,
            CONFIG_T::in_width * CONFIG_T::n_chan, 0, CONFIG_T::crop_left * CONFIG_T::n_chan>(data,
                                                                                              res);
}

template <class data_T, class res_T, typename CONFIG_T>
void cropping2d_cl(const data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_chan],
                   res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_chan]) {
#pragma HLS PIPELINE
  crop_rows<data_T, res_T, CONFIG_T::out_height, CONFIG_T::out_width * CONFIG_T::n_chan,
            CONFIG_T::in_width * CONFIG_T::n_chan, CONFIG_T::crop_top,
            CONFIG_T::crop_left * CONFIG_T::n_chan>(data, res);
}

}  // namespace nnet

#endif  // HLSNN_NNET_CROPPING_H_
