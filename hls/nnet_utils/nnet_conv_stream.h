#ifndef HLSNN_NNET_CONV_STREAM_H_
#define HLSNN_NNET_CONV_STREAM_H_

// Conv1D and Conv2D, io_stream: the line buffer of nnet_window_stream.h builds each output pixel's
// window, and the io_parallel pixel kernel of nnet_conv.h (Latency or Resource, pointwise for 1x1
// windows) computes it, so both IO types give the same bits: padded taps hold zeros, whose
// products add nothing to the sums io_parallel forms without them. One output word (n_filt values)
// per output pixel, in row-major order. ParallelizationFactor does not apply: the stream brings
// one pixel per step.

#include "nnet_conv.h"
#include "nnet_window_stream.h"

namespace nnet {

// Runs Pixel's io_parallel kernel (nnet_conv.h, nnet_depthwise_conv.h) on each window of the
// line buffer, as on an image of the window's size: one output word per window.
template <class Pixel, class res_T, typename CONFIG_T>
struct window_pixel_compute {
  hls::stream<res_T>& res;
  const typename CONFIG_T::weight_t* weights;
  const typename CONFIG_T::bias_t* biases;

  template <class value_T>
  void window(const value_T* window, unsigned, unsigned) {
#pragma HLS INLINE
    res_T out;
    Pixel::template run<value_T, typename res_T::value_type, window_conv_config<CONFIG_T>>(
        window, out.data, 0, 0, weights, biases);
    res.write(out);
  }
};

// An io_stream convolution of the family whose pixel kernel is Pixel.
template <class Pixel, class data_T, class res_T, typename CONFIG_T>
void slide_pixel_kernel(hls::stream<data_T>& data, hls::stream<res_T>& res,
                        const typename CONFIG_T::weight_t* weights,
                        const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
  static_assert(res_T::size == CONFIG_T::n_filt, "stream conv: an output word is one pixel");
  typedef window_shape<CONFIG_T, CONFIG_T::filt_height, CONFIG_T::filt_width> shape;
  window_pixel_compute<Pixel, res_T, CONFIG_T> compute{res, weights, biases};
  slide_window<data_T, CONFIG_T, shape>(data, compute);
}

template <class data_T, class res_T, typename CONFIG_T>
void conv(hls::stream<data_T>& data, hls::stream<res_T>& res,
          const typename CONFIG_T::weight_t weights[CONFIG_T::filt_height * CONFIG_T::filt_width *
                                                    CONFIG_T::n_chan * CONFIG_T::n_filt],
          const typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
#pragma HLS function_instantiate variable = weights, biases
#pragma HLS ARRAY_PARTITION variable = biases complete
  typedef typename ConvPixel<CONFIG_T::strategy == resource,
                             conv_is_pointwise<window_conv_config<CONFIG_T>>::value>::type Pixel;
  slide_pixel_kernel<Pixel, data_T, res_T, CONFIG_T>(data, res, weights, biases);
}

}  // namespace nnet

#endif  // HLSNN_NNET_CONV_STREAM_H_
