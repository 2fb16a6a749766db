#ifndef HLSNN_NNET_BATCHNORM_STREAM_H_
#define HLSNN_NNET_BATCHNORM_STREAM_H_

// BatchNormalization (and ApplyAlpha), io_stream: each word runs through the io_parallel kernel,
// so both IO types compute the same bits. A word is the channel axis, so with one scale per
// channel every word uses the whole scale and bias; with one per element (n_filt = -1) each word
// takes its own slice of them.

#include "nnet_batchnorm.h"
#include "nnet_stream.h"

namespace nnet {

template <class data_T, class res_T, typename CONFIG_T>
void normalize(hls::stream<data_T>& data, hls::stream<res_T>& res,
               const typename CONFIG_T::scale_t scale[CONFIG_T::n_scale_bias],
               const typename CONFIG_T::bias_t bias[CONFIG_T::n_scale_bias]) {
  constexpr bool kPerElement = CONFIG_T::n_filt == static_cast<unsigned>(-1);
  static_assert(data_T::size == res_T::size, "stream normalize: input and output words differ");
  static_assert(kPerElement || CONFIG_T::n_filt == data_T::size,
                "stream normalize: a word must hold one value per channel");
#pragma HLS ARRAY_PARTITION variable = scale complete
#pragma HLS ARRAY_PARTITION variable = bias complete
  typedef word_config<CONFIG_T, data_T::size> word_cfg;
NormalizeWords:
  for (unsigned w = 0; w < CONFIG_T::n_in / data_T::size; w++) {
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor
    const data_T in = data.read();
    res_T out;
    const unsigned first = kPerElement ? w * data_T::size : 0;
    normalize<typename data_T::value_type, typename res_T::value_type, word_cfg>(
        in.data, out.data, scale + first, bias + first);
    res.write(out);
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_BATCHNORM_STREAM_H_
