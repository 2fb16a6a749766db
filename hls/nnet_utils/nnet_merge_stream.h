#ifndef HLSNN_NNET_MERGE_STREAM_H_
#define HLSNN_NNET_MERGE_STREAM_H_

// Two-input merges, io_stream, word by word through the io_parallel kernels (the same bits):
// element-wise add, subtract, multiply, average, maximum and minimum of two tensors of one shape,
// and concatenation of two tensors along any axis (in the row order of io_parallel's kernel).
// The code generator runs everything else (broadcasting merges, three or more inputs, dot) as a
// whole tensor through the io_parallel kernel.

#include "nnet_merge.h"
#include "nnet_stream.h"

namespace nnet {

template <class Op, class input1_T, class input2_T, class res_T, typename CONFIG_T>
void elementwise_merge_words(hls::stream<input1_T>& data1, hls::stream<input2_T>& data2,
                             hls::stream<res_T>& res) {
  static_assert(input1_T::size == res_T::size && input2_T::size == res_T::size,
                "stream merge: the two inputs and the output must have words of one size");
  static_assert(CONFIG_T::n_elem1 == CONFIG_T::n_elem && CONFIG_T::n_elem2 == CONFIG_T::n_elem,
                "stream merge: the two inputs must have one shape");
  typedef word_config<CONFIG_T, res_T::size> word_cfg;
MergeWords:
  for (unsigned w = 0; w < CONFIG_T::n_elem / res_T::size; w++) {
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor
    const input1_T in1 = data1.read();
    const input2_T in2 = data2.read();
    res_T out;
    elementwise_merge<Op, typename input1_T::value_type, typename input2_T::value_type,
                      typename res_T::value_type, word_cfg>(in1.data, in2.data, out.data);
    res.write(out);
  }
}

#define NNET_STREAM_MERGE(function, Op)                                                  \
  template <class input1_T, class input2_T, class res_T, typename CONFIG_T>              \
  void function(hls::stream<input1_T>& data1, hls::stream<input2_T>& data2,              \
                hls::stream<res_T>& res) {                                               \
    elementwise_merge_words<Op, input1_T, input2_T, res_T, CONFIG_T>(data1, data2, res); \
  }

NNET_STREAM_MERGE(add, AddOp)
NNET_STREAM_MERGE(subtract, SubtractOp)
NNET_STREAM_MERGE(multiply, MultiplyOp)
NNET_STREAM_MERGE(average, AverageOp)
NNET_STREAM_MERGE(maximum, MaximumOp)
NNET_STREAM_MERGE(minimum, MinimumOp)

#undef NNET_STREAM_MERGE

// Concatenation as io_parallel's concatenate_rows sees it: kRows rows, each kCols1 values of the
// first input then kCols2 of the second. Along the last axis a row is one word of each, and the
// output word holds the two side by side; along another axis the words (one pixel each) pass
// whole, the first input's row of words then the second's. Each value converted to res_T.
// One row of the concatenation: the two words side by side (kSideBySide), or the words passed
// whole. A class per case, so that only the case a layer uses is instantiated (the other does not
// compile for its word sizes).
template <bool kSideBySide>
struct ConcatenateRow {
  template <class input1_T, class input2_T, class res_T, unsigned kCols1, unsigned kCols2>
  static void run(hls::stream<input1_T>& data1, hls::stream<input2_T>& data2,
                  hls::stream<res_T>& res) {
#pragma HLS INLINE
#pragma HLS PIPELINE
    const input1_T in1 = data1.read();
    const input2_T in2 = data2.read();
    res_T out;
    concatenate_rows<typename input1_T::value_type, typename input2_T::value_type,
                     typename res_T::value_type, 1, input1_T::size, input2_T::size>(
        in1.data, in2.data, out.data);
    res.write(out);
  }
};
template <>
struct ConcatenateRow<false> {
  template <class input1_T, class input2_T, class res_T, unsigned kCols1, unsigned kCols2>
  static void run(hls::stream<input1_T>& data1, hls::stream<input2_T>& data2,
                  hls::stream<res_T>& res) {
#pragma HLS INLINE
    convert_words<input1_T, res_T, kCols1 / res_T::size>(data1, res);
    convert_words<input2_T, res_T, kCols2 / res_T::size>(data2, res);
  }
};

template <class input1_T, class input2_T, class res_T, unsigned kRows, unsigned kCols1,
          unsigned kCols2>
void concatenate_stream_rows(hls::stream<input1_T>& data1, hls::stream<input2_T>& data2,
                             hls::stream<res_T>& res) {
  constexpr bool kSideBySide = input1_T::size + input2_T::size == res_T::size;
  static_assert(kSideBySide ? kCols1 == input1_T::size && kCols2 == input2_T::size
                            : input1_T::size == res_T::size && input2_T::size == res_T::size &&
                                  kCols1 % res_T::size == 0 && kCols2 % res_T::size == 0,
                "stream concatenate: the words do not split along the axis");
ConcatenateRows:
  for (unsigned r = 0; r < kRows; r++) {
    ConcatenateRow<kSideBySide>::template run<input1_T, input2_T, res_T, kCols1, kCols2>(
        data1, data2, res);
  }
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate1d(hls::stream<input1_T>& data1, hls::stream<input2_T>& data2,
                   hls::stream<res_T>& res) {
  concatenate_stream_rows<input1_T, input2_T, res_T, 1, CONFIG_T::n_elem1_0, CONFIG_T::n_elem2_0>(
      data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate2d(hls::stream<input1_T>& data1, hls::stream<input2_T>& data2,
                   hls::stream<res_T>& res) {
  typedef concatenate2d_rows<CONFIG_T> layout;
  concatenate_stream_rows<input1_T, input2_T, res_T, layout::rows, layout::cols1, layout::cols2>(
      data1, data2, res);
}

template <class input1_T, class input2_T, class res_T, typename CONFIG_T>
void concatenate3d(hls::stream<input1_T>& data1, hls::stream<input2_T>& data2,
                   hls::stream<res_T>& res) {
  typedef concatenate3d_rows<CONFIG_T> layout;
  concatenate_stream_rows<input1_T, input2_T, res_T, layout::rows, layout::cols1, layout::cols2>(
      data1, data2, res);
}

}  // namespace nnet

#endif  // HLSNN_NNET_MERGE_STREAM_H_
