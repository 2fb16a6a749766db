#ifndef HLSNN_NNET_DEPTHWISE_CONV_STREAM_H_
#define HLSNN_NNET_DEPTHWISE_CONV_STREAM_H_

// DepthwiseConv1D/2D and SeparableConv1D/2D, io_stream: each output pixel's window from the line
// buffer (nnet_window_stream.h) through the io_parallel pixel kernels of nnet_depthwise_conv.h
// and nnet_conv.h, so both IO types give the same bits. A separable layer is one process: the
// depthwise step's pixel (without bias, in dw_res_T) goes straight into the pointwise step.

#include "nnet_conv_stream.h"
#include "nnet_depthwise_conv.h"

namespace nnet {

template <class data_T, class res_T, typename CONFIG_T>
void depthwise_conv(hls::stream<data_T>& data, hls::stream<res_T>& res,
                    const typename CONFIG_T::weight_t
                        weights[CONFIG_T::filt_height * CONFIG_T::filt_width * CONFIG_T::n_filt],
                    const typename CONFIG_T::bias_t biases[CONFIG_T::n_filt]) {
#pragma HLS function_instantiate variable = weights, biases
#pragma HLS ARRAY_PARTITION variable = biases complete
  slide_pixel_kernel<DepthwisePixel, data_T, res_T, CONFIG_T>(data, res, weights, biases);
}

// The pointwise step's config read on one pixel.
template <typename CONFIG_T>
struct pixel_conv_config : window_conv_config<CONFIG_T> {
  static const unsigned in_height = 1;
  static const unsigned in_width = 1;
};

template <class dw_res_T, class res_T, typename CONFIG_T>
struct separable_window_compute {
  typedef typename CONFIG_T::depthwise_config depthwise_config;
  typedef typename CONFIG_T::pointwise_config pointwise_config;
  hls::stream<res_T>& res;
  const typename depthwise_config::weight_t* depthwise_weights;
  const typename pointwise_config::weight_t* pointwise_weights;
  const typename pointwise_config::bias_t* biases;
  const typename depthwise_config::bias_t* no_bias;

  template <class value_T>
  void window(const value_T* window, unsigned, unsigned) {
#pragma HLS INLINE
    dw_res_T intermediate[depthwise_config::n_filt];
#pragma HLS ARRAY_PARTITION variable = intermediate complete
    DepthwisePixel::run<value_T, dw_res_T, window_conv_config<depthwise_config>>(
        window, intermediate, 0, 0, depthwise_weights, no_bias);
    res_T out;
    ConvPixel<pointwise_config::strategy == resource, true>::type::template run<
        dw_res_T, typename res_T::value_type, pixel_conv_config<pointwise_config>>(
        intermediate, out.data, 0, 0, pointwise_weights, biases);
    res.write(out);
  }
};

template <class data_T, class dw_res_T, class res_T, typename CONFIG_T>
void separable_conv(
    hls::stream<data_T>& data, hls::stream<res_T>& res,
    const typename CONFIG_T::depthwise_config::weight_t
        depthwise_weights[CONFIG_T::depthwise_config::filt_height *
                          CONFIG_T::depthwise_config::filt_width *
                          CONFIG_T::depthwise_config::n_filt],
    const typename CONFIG_T::pointwise_config::weight_t
        pointwise_weights[CONFIG_T::pointwise_config::n_chan * CONFIG_T::pointwise_config::n_filt],
    const typename CONFIG_T::pointwise_config::bias_t biases[CONFIG_T::pointwise_config::n_filt]) {
  typedef typename CONFIG_T::depthwise_config depthwise_config;
  typedef typename CONFIG_T::pointwise_config pointwise_config;
  static_assert(res_T::size == pointwise_config::n_filt,
                "stream separable conv: an output word is one pixel");
  typename depthwise_config::bias_t no_bias[depthwise_config::n_filt];
#pragma HLS ARRAY_PARTITION variable = no_bias complete
  for (unsigned o = 0; o < depthwise_config::n_filt; o++) {
    no_bias[o] = 0;
  }
  typedef window_shape<depthwise_config, depthwise_config::filt_height,
                       depthwise_config::filt_width>
      shape;
  separable_window_compute<dw_res_T, res_T, CONFIG_T> compute{res, depthwise_weights,
                                                              pointwise_weights, biases, no_bias};
  slide_window<data_T, depthwise_config, shape>(data, compute);
}

}  // namespace nnet

#endif  // HLSNN_NNET_DEPTHWISE_CONV_STREAM_H_
