#ifndef HLSNN_NNET_RESAMPLE_STREAM_H_
#define HLSNN_NNET_RESAMPLE_STREAM_H_

// UpSampling1D and UpSampling2D (nearest), io_stream: each input row (width pixels, one word of
// n_chan values each) read into a row buffer, then written new_height / height times, each pixel
// new_width / width times in a row, each value converted to res_T as io_parallel converts it. The
// buffer holds one input row; its contents live for one call (one sample).

#include "nnet_resample.h"
#include "nnet_stream.h"

namespace nnet {

template <class data_T, class res_T, typename CONFIG_T>
void resize_nearest(hls::stream<data_T>& image, hls::stream<res_T>& resized) {
  static_assert(data_T::size == CONFIG_T::n_chan && res_T::size == CONFIG_T::n_chan,
                "stream resize: a word must hold one pixel");
  const unsigned kHeightFactor = CONFIG_T::new_height / CONFIG_T::height;
  const unsigned kWidthFactor = CONFIG_T::new_width / CONFIG_T::width;
  res_T row[CONFIG_T::width];
InputRows:
  for (unsigned y = 0; y < CONFIG_T::height; y++) {
  ReadRow:
    for (unsigned x = 0; x < CONFIG_T::width; x++) {
#pragma HLS PIPELINE
      row[x] = convert_word<res_T>(image.read());
    }
  WriteRows:
    for (unsigned copy = 0; copy < kHeightFactor; copy++) {
      for (unsigned x = 0; x < CONFIG_T::width * kWidthFactor; x++) {
#pragma HLS PIPELINE
        resized.write(row[x / kWidthFactor]);
      }
    }
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_RESAMPLE_STREAM_H_
