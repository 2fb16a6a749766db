#ifndef HLSNN_NNET_TRANSPOSE_H_
#define HLSNN_NNET_TRANSPOSE_H_

// Permute (a transpose of the axes of a tensor), io_parallel: the output is written in order
// as a nest of up to six loops, loop k running over out_dim_k values and stepping
// in_stride_k through the input. The code generator merges axes that stay neighbours, so any
// rank fits unless the permutation leaves more than six separate runs (absent loops have
// out_dim 1). Each value is converted to res_T; only values move, so the result is the
// reference's whatever the types.
//
// The loop bounds and strides are compile-time constants (no index arrays, no division), which
// keeps both the C simulation and the synthesized address logic to plain counters.

#include "nnet_common.h"

namespace nnet {

struct transpose_config {
  static const unsigned N = 1;
  static const unsigned out_dim_0 = 1;
  static const unsigned out_dim_1 = 1;
  static const unsigned out_dim_2 = 1;
  static const unsigned out_dim_3 = 1;
  static const unsigned out_dim_4 = 1;
  static const unsigned out_dim_5 = 1;
  static const unsigned in_stride_0 = 0;
  static const unsigned in_stride_1 = 0;
  static const unsigned in_stride_2 = 0;
  static const unsigned in_stride_3 = 0;
  static const unsigned in_stride_4 = 0;
  static const unsigned in_stride_5 = 0;
};

template <class data_T, class res_T, typename CONFIG_T>
void transpose(const data_T data[CONFIG_T::N], res_T res[CONFIG_T::N]) {
#pragma HLS PIPELINE
  res_T* out = res;
  for (unsigned i0 = 0; i0 < CONFIG_T::out_dim_0; i0++) {
    const data_T* in0 = data + i0 * CONFIG_T::in_stride_0;
    for (unsigned i1 = 0; i1 < CONFIG_T::out_dim_1; i1++) {
      const data_T* in1 = in0 + i1 * CONFIG_T::in_stride_1;
      for (unsigned i2 = 0; i2 < CONFIG_T::out_dim_2; i2++) {
        const data_T* in2 = in1 + i2 * CONFIG_T::in_stride_2;
        for (unsigned i3 = 0; i3 < CONFIG_T::out_dim_3; i3++) {
          const data_T* in3 = in2 + i3 * CONFIG_T::in_stride_3;
          for (unsigned i4 = 0; i4 < CONFIG_T::out_dim_4; i4++) {
            const data_T* in4 = in3 + i4 * CONFIG_T::in_stride_4;
            for (unsigned i5 = 0; i5 < CONFIG_T::out_dim_5; i5++) {
              *out++ = static_cast<res_T>(in4[i5 * CONFIG_T::in_stride_5]);
            }
          }
        }
      }
    }
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_TRANSPOSE_H_
