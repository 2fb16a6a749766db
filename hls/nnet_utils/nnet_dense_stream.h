#ifndef HLSNN_NNET_DENSE_STREAM_H_
#define HLSNN_NNET_DENSE_STREAM_H_

// Dense, io_stream: for each of the n_positions rows, the n_in inputs are gathered from the words
// of the input stream (whatever their size: a row of features, or the pixels of a flattened image),
// the io_parallel kernel computes the n_out results, which leave as words of the output stream.
// The same numerics as io_parallel, bit for bit.

#include "nnet_dense.h"
#include "nnet_stream.h"

namespace nnet {

template <class data_T, class res_T, typename CONFIG_T>
void dense(hls::stream<data_T>& data, hls::stream<res_T>& res,
           const typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
           const typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
  static_assert(CONFIG_T::n_in % data_T::size == 0,
                "stream dense: n_in is not a whole number of input words");
  static_assert(CONFIG_T::n_out % res_T::size == 0,
                "stream dense: n_out is not a whole number of output words");
DenseRows:
  for (unsigned p = 0; p < CONFIG_T::n_positions; p++) {
    typename data_T::value_type row_in[CONFIG_T::n_in];
#pragma HLS ARRAY_PARTITION variable = row_in complete
    typename res_T::value_type row_out[CONFIG_T::n_out];
#pragma HLS ARRAY_PARTITION variable = row_out complete
    read_tensor<data_T, CONFIG_T::n_in>(data, row_in);
    dense<typename data_T::value_type, typename res_T::value_type, CONFIG_T>(row_in, row_out,
                                                                             weights, biases);
    write_tensor<res_T, CONFIG_T::n_out>(row_out, res);
  }
}

// The spelling the code generator uses for inputs of several rows: the same kernel.
template <class data_T, class res_T, typename CONFIG_T>
void dense_positions(hls::stream<data_T>& data, hls::stream<res_T>& res,
                     const typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
                     const typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
#pragma HLS INLINE
  dense<data_T, res_T, CONFIG_T>(data, res, weights, biases);
}

}  // namespace nnet

#endif  // HLSNN_NNET_DENSE_STREAM_H_
