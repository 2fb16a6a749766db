#ifndef HLSNN_NNET_ACTIVATION_ACCURATE_STREAM_H_
#define HLSNN_NNET_ACTIVATION_ACCURATE_STREAM_H_

// hlsnn's own table activations (nnet_activation_accurate.h), io_stream: each word through the
// io_parallel kernel with the config narrowed to one word (nnet_activation_stream.h's
// activation_words, through the same word-kernel macros), so both IO types compute the same bits.

#include "nnet_activation_accurate.h"
#include "nnet_activation_stream.h"

namespace nnet {
namespace accurate {

NNET_STREAM_WORD_KERNEL(sigmoid)
NNET_STREAM_WORD_KERNEL(tanh)
NNET_STREAM_WORD_KERNEL(softplus)
NNET_STREAM_WORD_KERNEL(selu)
NNET_STREAM_WORD_KERNEL(softsign)
NNET_STREAM_SCALAR_PARAM_KERNEL(elu)

template <class data_T, class res_T, typename CONFIG_T>
void elu(hls::stream<data_T>& data, hls::stream<res_T>& res) {
  elu<data_T, ap_uint<1>, res_T, CONFIG_T>(data, ap_uint<1>(1), res);
}

}  // namespace accurate
}  // namespace nnet

#endif  // HLSNN_NNET_ACTIVATION_ACCURATE_STREAM_H_
