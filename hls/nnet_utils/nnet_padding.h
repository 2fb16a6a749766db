#ifndef HLSNN_NNET_PADDING_H_
#define HLSNN_NNET_PADDING_H_

// ZeroPadding1D and ZeroPadding2D, io_parallel, channels last: the input, each value converted
// to res_T, in the middle of an output of zeros. Only values move, so the result is the
// reference's whatever the types (hls4ml 1.3 gives the output the input's type).

#include "nnet_common.h"

namespace nnet {

struct padding1d_config {
  static const unsigned n_chan = 10;
  static const unsigned in_width = 10;
  static const unsigned out_width = 10;
  static const unsigned pad_left = 0;
  static const unsigned pad_right = 0;
};

struct padding2d_config {
  static const unsigned n_chan = 10;
  static const unsigned in_height = 10;
  static const unsigned in_width = 10;
  static const unsigned out_height = 10;
  static const unsigned out_width = 10;
  static const unsigned pad_top = 0;
  static const unsigned pad_bottom = 0;
  static const unsigned pad_left = 0;
  static const unsigned pad_right = 0;
};

// An image of kRows rows of kRow values (a row being width * channels in channels-last order)
// padded with kTop zero rows above, kBottom below, and kLeft / kRight zeros on each row. Both
// padding layers are this with their sizes folded into rows; a 1D layer is one image row.
template <class data_T, class res_T, unsigned kRows, unsigned kRow, unsigned kTop, unsigned kBottom,
          unsigned kLeft, unsigned kRight>
void zero_pad_rows(const data_T* data, res_T* res) {
#pragma HLS INLINE
  const unsigned kOutRow = kLeft + kRow + kRight;
  for (unsigned i = 0; i < kTop * kOutRow; i++) {
    *res++ = 0;
  }
  for (unsigned row = 0; row < kRows; row++) {
    for (unsigned i = 0; i < kLeft; i++) {
      *res++ = 0;
    }
    for (unsigned i = 0; i < kRow; i++) {
      *res++ = static_cast<res_T>(*data++);
    }
    for (unsigned i = 0; i < kRight; i++) {
      *res++ = 0;
    }
  }
  for (unsigned i = 0; i < kBottom * kOutRow; i++) {
    *res++ = 0;
  }
}

template <class data_T, class res_T, typename CONFIG_T>
void zeropad1d_cl(const data_T data[CONFIG_T::in_width * CONFIG_T::n_chan],
                  res_T res[CONFIG_T::out_width * CONFIG_T::n_chan]) {
#pragma HLS PIPELINE
  zero_pad_rows<data_T, res_T, 1, CONFIG_T::in_width * CONFIG_T::n_chan, 0, 0,
                CONFIG_T::pad_left * CONFIG_T::n_chan, CONFIG_T::pad_right * CONFIG_T::n_chan>(data,
                                                                                               res);
}

template <class data_T, class res_T, typename CONFIG_T>
void zeropad2d_cl(const data_T data[CONFIG_T::in_height * CONFIG_T::in_width * CONFIG_T::n_chan],
                  res_T res[CONFIG_T::out_height * CONFIG_T::out_width * CONFIG_T::n_chan]) {
#pragma HLS PIPELINE
  zero_pad_rows<data_T, res_T, CONFIG_T::in_height, CONFIG_T::in_width * CONFIG_T::n_chan,
                CONFIG_T::pad_top, CONFIG_T::pad_bottom, CONFIG_T::pad_left * CONFIG_T::n_chan,
                CONFIG_T::pad_right * CONFIG_T::n_chan>(data, res);
}

}  // namespace nnet

#endif  // HLSNN_NNET_PADDING_H_
