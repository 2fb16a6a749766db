#ifndef HLSNN_NNET_ACTIVATION_STREAM_H_
#define HLSNN_NNET_ACTIVATION_STREAM_H_

// Activations and softmax, io_stream: each word runs through the io_parallel kernel (with the
// config narrowed to one word), so both IO types compute the same bits. Softmax normalizes over
// the last axis, which is exactly one word.

#include "nnet_activation.h"
#include "nnet_stream.h"

namespace nnet {

// Runs `kernel` (one of the structs below) on every word of the stream, one word per cycle.
template <class Kernel, class data_T, class res_T, typename CONFIG_T>
void activation_words(hls::stream<data_T>& data, hls::stream<res_T>& res, const Kernel& kernel) {
  static_assert(data_T::size == res_T::size, "stream activation: input and output words differ");
  static_assert(CONFIG_T::n_in % data_T::size == 0,
                "stream activation: n_in is not a whole number of words");
  typedef word_config<CONFIG_T, data_T::size> word_cfg;
ActivationWords:
  for (unsigned w = 0; w < CONFIG_T::n_in / data_T::size; w++) {
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor
    const data_T in = data.read();
    res_T out;
    kernel.template apply<typename data_T::value_type, typename res_T::value_type, word_cfg>(
        in.data, out.data, w * data_T::size);
    res.write(out);
  }
}

// The io_stream form of an io_parallel kernel `function` without a parameter: a struct that
// activation_words calls, and the stream overload. Kept defined for the table activations of
// nnet_activation_accurate_stream.h, which take the same form in their own namespace.
#define NNET_STREAM_WORD_KERNEL(function)                                      \
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

// The same for a kernel with one scalar parameter (alpha, theta), given to every word.
#define NNET_STREAM_SCALAR_PARAM_KERNEL(function)                                            \
  template <class param_T>                                                                   \
  struct function##_word {                                                                   \
    param_T param;                                                                           \
    template <class data_T, class res_T, typename CONFIG_T>                                  \
    void apply(const data_T* data, res_T* res, unsigned) const {                             \
      function<data_T, param_T, res_T, CONFIG_T>(data, param, res);                          \
    }                                                                                        \
  };                                                                                         \
  template <class data_T, class param_T, class res_T, typename CONFIG_T>                     \
  void function(hls::stream<data_T>& data, const param_T param, hls::stream<res_T>& res) {   \
    activation_words<function##_word<param_T>, data_T, res_T, CONFIG_T>(data, res, {param}); \
  }

NNET_STREAM_WORD_KERNEL(linear)
NNET_STREAM_WORD_KERNEL(relu)
NNET_STREAM_WORD_KERNEL(relu6)
NNET_STREAM_WORD_KERNEL(relu1)
NNET_STREAM_WORD_KERNEL(hard_sigmoid)
NNET_STREAM_WORD_KERNEL(hard_tanh)
NNET_STREAM_WORD_KERNEL(sigmoid)
NNET_STREAM_WORD_KERNEL(tanh)
NNET_STREAM_WORD_KERNEL(softplus)
NNET_STREAM_WORD_KERNEL(softsign)
NNET_STREAM_WORD_KERNEL(selu)
NNET_STREAM_SCALAR_PARAM_KERNEL(leaky_relu)
NNET_STREAM_SCALAR_PARAM_KERNEL(thresholded_relu)
NNET_STREAM_SCALAR_PARAM_KERNEL(elu)

// PReLU's alpha has one value per element of the tensor: each word takes its own slice.
template <class param_T>
struct prelu_word {
  const param_T* alpha;
  template <class data_T, class res_T, typename CONFIG_T>
  void apply(const data_T* data, res_T* res, unsigned first) const {
    prelu<data_T, param_T, res_T, CONFIG_T>(data, alpha + first, res);
  }
};

template <class data_T, class res_T, typename CONFIG_T>
void elu(hls::stream<data_T>& data, hls::stream<res_T>& res) {
  elu<data_T, ap_uint<1>, res_T, CONFIG_T>(data, ap_uint<1>(1), res);
}

template <class data_T, class param_T, class res_T, typename CONFIG_T>
void prelu(hls::stream<data_T>& data, const param_T alpha[CONFIG_T::n_in],
           hls::stream<res_T>& res) {
#pragma HLS ARRAY_PARTITION variable = alpha complete
  activation_words<prelu_word<param_T>, data_T, res_T, CONFIG_T>(data, res, {alpha});
}

// Softmax over the last axis: each word is one slice of n_slice values.
template <class data_T, class res_T, typename CONFIG_T>
void softmax(hls::stream<data_T>& data, hls::stream<res_T>& res) {
  static_assert(data_T::size == CONFIG_T::n_slice && res_T::size == CONFIG_T::n_slice,
                "stream softmax: a word must be one slice (the last axis)");
SoftmaxWords:
  for (unsigned w = 0; w < CONFIG_T::n_in / CONFIG_T::n_slice; w++) {
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor
    const data_T in = data.read();
    res_T out;
    softmax<typename data_T::value_type, typename res_T::value_type, CONFIG_T>(in.data, out.data);
    res.write(out);
  }
}

// The multi-dimensional spelling the code generator uses for tensors of several slices: the same
// kernel, since slices arrive one word at a time.
template <class data_T, class res_T, typename CONFIG_T>
void softmax_multidim(hls::stream<data_T>& data, hls::stream<res_T>& res) {
#pragma HLS INLINE
  softmax<data_T, res_T, CONFIG_T>(data, res);
}

}  // namespace nnet

#endif  // HLSNN_NNET_ACTIVATION_STREAM_H_
