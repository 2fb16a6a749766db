#ifndef HLSNN_NNET_POOLING_STREAM_H_
#define HLSNN_NNET_POOLING_STREAM_H_

// MaxPooling, AveragePooling and their Global forms, io_stream, with the reductions of
// nnet_pooling.h in the same order (the window's positions row-major, each channel on its own),
// so both IO types give the same bits. A window over part of the image comes out of the line
// buffer (nnet_window_stream.h), padded positions skipped as io_parallel skips them; a window
// over the whole image (global pooling) needs no buffer: each channel's reduction takes the pixels
// as they arrive and the one output word leaves after the last.

#include "nnet_pooling.h"
#include "nnet_window_stream.h"

namespace nnet {

template <class res_T, typename CONFIG_T>
struct pooling_window_compute {
  hls::stream<res_T>& res;

  template <class value_T>
  void window(const value_T* window, unsigned out_row, unsigned out_col) {
#pragma HLS INLINE
    res_T out;
    pool_window<true, value_T, typename res_T::value_type, CONFIG_T>(window, out.data, out_row,
                                                                     out_col);
    res.write(out);
  }
};

// A window sliding over the image, through the line buffer.
template <bool kWholeImage>
struct PoolingStream {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(hls::stream<data_T>& data, hls::stream<res_T>& res) {
#pragma HLS INLINE
    typedef window_shape<CONFIG_T, CONFIG_T::pool_height, CONFIG_T::pool_width> shape;
    pooling_window_compute<res_T, CONFIG_T> compute{res};
    slide_window<data_T, CONFIG_T, shape>(data, compute);
  }
};

// One window over the whole unpadded image: a running reduction per channel.
template <>
struct PoolingStream<true> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(hls::stream<data_T>& data, hls::stream<res_T>& res) {
#pragma HLS INLINE
    constexpr unsigned kChan = CONFIG_T::n_chan;
    typedef typename data_T::value_type value_T;
    typedef PoolReduction<CONFIG_T::op, value_T, typename CONFIG_T::accum_t> reduction;
    reduction reductions[kChan];
#pragma HLS ARRAY_PARTITION variable = reductions complete
  Pixels:
    for (unsigned p = 0; p < CONFIG_T::in_height * CONFIG_T::in_width; p++) {
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor
      const data_T pixel = data.read();
      for (unsigned c = 0; c < kChan; c++) {
#pragma HLS UNROLL
        reductions[c].add(pixel[c], p == 0);
      }
    }
    res_T out;
    for (unsigned c = 0; c < kChan; c++) {
#pragma HLS UNROLL
      out[c] = reductions[c].template result<typename res_T::value_type>(CONFIG_T::in_height *
                                                                         CONFIG_T::in_width);
    }
    res.write(out);
  }
};

template <class data_T, class res_T, typename CONFIG_T>
void pooling(hls::stream<data_T>& data, hls::stream<res_T>& res) {
  static_assert(data_T::size == CONFIG_T::n_chan && res_T::size == CONFIG_T::n_chan,
                "stream pooling: a word must hold one pixel");
  constexpr bool kWholeImage =
      CONFIG_T::pool_height == CONFIG_T::in_height && CONFIG_T::pool_width == CONFIG_T::in_width &&
      CONFIG_T::out_height == 1 && CONFIG_T::out_width == 1 && CONFIG_T::pad_top == 0 &&
      CONFIG_T::pad_bottom == 0 && CONFIG_T::pad_left == 0 && CONFIG_T::pad_right == 0;
  PoolingStream<kWholeImage>::template run<data_T, res_T, CONFIG_T>(data, res);
}

}  // namespace nnet

#endif  // HLSNN_NNET_POOLING_STREAM_H_
