#ifndef HLSNN_NNET_ACTIVATION_ACCURATE_STREAM_H_
#define HLSNN_NNET_ACTIVATION_ACCURATE_STREAM_H_

// hlsnn's own table activations (nnet_activation_accurate.h), io_stream: each word through the
// io_parallel kernel with the config narrowed to one word (nnet_activation_stream.h's
// activation_words), so both IO types compute the same bits.

#include "nnet_activation_accurate.h"
#include "nnet_activation_stream.h"

namespace nnet {
namespace accurate {

#define NNET_ACCURATE_WORD_KERNEL(function)                                    \
  struct function##_word {                                                     \
    template <class data_T, class res_T, typename CONFIG_T>                    \
    void apply(const data_T* data, res_T* res, unsigned) const {               \
      function<data_T, res_T, CONFIG_T>(data, res);                            \
    }                                                                          \
  };                                                                           \
  template <class data_T, class res_T, typename CONFIG_T>                      \
  void function(hls::stream<data_T>& data, hls::stream<res_T>& res) {          \
    activation_words<function##_word, data_T, res_T, CONFIG_T>(data, res, {}); \
  }

NNET_ACCURATE_WORD_KERNEL(sigmoid)
NNET_ACCURATE_WORD_KERNEL(tanh)
NNET_ACCURATE_WORD_KERNEL(softplus)
NNET_ACCURATE_WORD_KERNEL(selu)
NNET_ACCURATE_WORD_KERNEL(softsign)

#undef NNET_ACCURATE_WORD_KERNEL

template <class param_T>
struct elu_word {
  param_T alpha;
  template <class data_T, class res_T, typename CONFIG_T>
  void apply(const data_T* data, res_T* res, unsigned) const {
    elu<data_T, param_T, res_T, CONFIG_T>(data, alpha, res);
  }
};

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void elu(hls::stream<data_T>& data, const param_T alpha, hls::stream<res_T>& res) {
  activation_words<elu_word<param_T>, data_T, res_T, CONFIG_T>(data, res, {alpha});
}

template <class data_T, class res_T, typename CONFIG_T>
void elu(hls::stream<data_T>& data, hls::stream<res_T>& res) {
  elu<data_T, ap_uint<1>, res_T, CONFIG_T>(data, ap_uint<1>(1), res);
}

}  // namespace accurate
}  // namespace nnet

#endif  // HLSNN_NNET_ACTIVATION_ACCURATE_STREAM_H_
