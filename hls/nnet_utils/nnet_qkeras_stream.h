#ifndef HLSNN_NNET_QKERAS_STREAM_H_
#define HLSNN_NNET_QKERAS_STREAM_H_

// The QKeras activation quantizers (nnet_qkeras.h), io_stream: each word through the io_parallel
// kernel with the config narrowed to one word (nnet_activation_stream.h's activation_words), so
// both IO types compute the same bits.

#include "nnet_activation_stream.h"
#include "nnet_qkeras.h"

namespace nnet {

#define NNET_QKERAS_WORD_KERNEL(function)                                      \
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

NNET_QKERAS_WORD_KERNEL(clipped_relu)
NNET_QKERAS_WORD_KERNEL(po2_activation)
NNET_QKERAS_WORD_KERNEL(step_activation)
NNET_QKERAS_WORD_KERNEL(qkeras_table_activation)

#undef NNET_QKERAS_WORD_KERNEL

}  // namespace nnet

#endif  // HLSNN_NNET_QKERAS_STREAM_H_
