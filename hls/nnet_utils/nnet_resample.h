#ifndef HLSNN_NNET_RESAMPLE_H_
#define HLSNN_NNET_RESAMPLE_H_

// UpSampling1D and UpSampling2D with nearest interpolation, io_parallel, channels last: every
// pixel repeated height_factor x width_factor times (new_height = height * height_factor, and
// the same for the width; a 1D layer has height 1), each value converted to res_T. This is
// Keras' nearest upsampling by whole factors, and the same values as hls4ml 1.3's
// resize_nearest, which keeps the input's type.

#include "nnet_common.h"

namespace nnet {

struct resize_config {
  static const unsigned height = 10;
  static const unsigned width = 10;
  static const unsigned n_chan = 10;
  static const unsigned new_height = 10;
  static const unsigned new_width = 10;
};

template <class data_T, class res_T, typename CONFIG_T>
void resize_nearest(const data_T image[CONFIG_T::height * CONFIG_T::width * CONFIG_T::n_chan],
                    res_T resized[CONFIG_T::new_height * CONFIG_T::new_width * CONFIG_T::n_chan]) {
#pragma HLS PIPELINE
  const unsigned kHeightFactor = CONFIG_T::new_height / CONFIG_T::height;
  const unsigned kWidthFactor = CONFIG_T::new_width / CONFIG_T::width;
  // Written in order and read from the input only: the output may be a top-level port, which
  // synthesis does not let the design read back.
  res_T* out = resized;
  for (unsigned y = 0; y < CONFIG_T::new_height; y++) {
    const data_T* row = image + (y / kHeightFactor) * CONFIG_T::width * CONFIG_T::n_chan;
    for (unsigned x = 0; x < CONFIG_T::width; x++) {
      for (unsigned copy = 0; copy < kWidthFactor; copy++) {
        for (unsigned c = 0; c < CONFIG_T::n_chan; c++) {
          *out++ = static_cast<res_T>(row[x * CONFIG_T::n_chan + c]);
        }
      }
    }
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_RESAMPLE_H_
