#ifndef HLSNN_NNET_DENSE_H_
#define HLSNN_NNET_DENSE_H_

// Dense (fully connected) layer, io_parallel.
//
// Numerics (both strategies, bit-identical to hls4ml 1.3): every product x[i]*w is formed exactly
// by CONFIG_T::product, converted to accum_t and added to an accum_t accumulator that starts from
// bias[j] converted to accum_t; the final sum is converted to res_T. The order of the additions
// per output is the reference's for each strategy, which matters only for saturating or rounding
// accum_t types.
//
// Weight layout: Latency strategy takes Keras order weights[i * n_out + j]; Resource strategy takes
// the transposed matrix weights[j * n_in + i] (the code generator transposes it, as hls4ml does).

#include "nnet_common.h"

namespace nnet {

struct dense_config {
  typedef float bias_t;
  typedef float weight_t;
  typedef float accum_t;

  static const unsigned n_in = 10;
  static const unsigned n_out = 10;
  // Rows of n_in the input holds: a Dense over (..., n_in) applies the kernel to each row.
  static const unsigned n_positions = 1;

  static const unsigned io_type = io_parallel;
  static const unsigned strategy = latency;
  static const unsigned reuse_factor = 1;
  static const bool store_weights_in_bram = false;
  static const unsigned n_zeros = 0;

  template <class x_T, class w_T>
  using product = nnet::product::mult<x_T, w_T>;
};

// Reuse factors the Resource kernel folds correctly (hls4ml 1.3's rule, which its converter
// enforces by moving to the closest valid value): rf divides n_in, or rf is n_in times a divisor of
// n_out.
constexpr bool dense_resource_reuse_factor_is_valid(unsigned n_in, unsigned n_out, unsigned rf) {
  return rf >= 1 && (rf <= n_in ? n_in % rf == 0 : rf % n_in == 0 && n_out % (rf / n_in) == 0);
}

// All products in one pipeline stage group; reuse_factor only sets the initiation interval and
// multiplier_limit caps the multipliers, neither changes the numerics.
template <class data_T, class res_T, typename CONFIG_T>
void dense_latency(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_out],
                   const typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
                   const typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
  typedef typename CONFIG_T::accum_t accum_t;
  static_assert(CONFIG_T::multiplier_limit <= CONFIG_T::n_in * CONFIG_T::n_out,
                "dense config: multiplier_limit (used by the ALLOCATION pragma) is out of range");
#pragma HLS function_instantiate variable = weights, biases
#pragma HLS PIPELINE II = CONFIG_T::reuse_factor
#pragma HLS ARRAY_PARTITION variable = biases complete
#pragma HLS ALLOCATION operation instances = mul limit = CONFIG_T::multiplier_limit

  accum_t acc[CONFIG_T::n_out];
#pragma HLS ARRAY_PARTITION variable = acc complete

InitAccum:
  for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
    acc[j] = static_cast<accum_t>(biases[j]);
  }
Accumulate:
  for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
    const data_T x = data[i];
    for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
      acc[j] += static_cast<accum_t>(
          CONFIG_T::template product<data_T, typename CONFIG_T::weight_t>::product(
              x, weights[i * CONFIG_T::n_out + j]));
    }
  }
Result:
  for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
    res[j] = static_cast<res_T>(acc[j]);
  }
}

// Folds the n_in*n_out multiplications onto n_in*n_out/rf multipliers that are reused rf times.
// Step `ir` (0 <= ir < rf) handles the transposed weights w = ir + rf*m for m = 0 .. block-1; the
// weight with flat index w belongs to output w / n_in and input w % n_in. The steps are written as
// (group, input) loops so that no division by a non-power of two is left for the hardware.
template <class data_T, class res_T, typename CONFIG_T>
void dense_resource(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_out],
                    const typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
                    const typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
  typedef typename CONFIG_T::accum_t accum_t;
  constexpr unsigned kIn = CONFIG_T::n_in;
  constexpr unsigned kReuse = CONFIG_T::reuse_factor;
  static_assert(
      dense_resource_reuse_factor_is_valid(CONFIG_T::n_in, CONFIG_T::n_out, kReuse),
      "dense Resource strategy: reuse_factor must divide n_in, or be n_in times a divisor "
      "of n_out");
  constexpr unsigned kBlock = CONFIG_T::n_in * CONFIG_T::n_out / kReuse;
  // rf <= n_in: each output spans kInputSlices multipliers, one step feeds inputs ir + k*rf.
  // rf > n_in: each multiplier sees one input per step and kOutputStride outputs apart.
  constexpr unsigned kInputSlices = kReuse <= kIn ? kIn / kReuse : 1;
  constexpr unsigned kOutputStride = kReuse <= kIn ? 1 : kReuse / kIn;
  constexpr unsigned kInputSteps = kReuse <= kIn ? kReuse : kIn;
#pragma HLS function_instantiate variable = weights, biases
#pragma HLS ARRAY_RESHAPE variable = weights block factor = kBlock
#pragma HLS ARRAY_PARTITION variable = biases complete
  if (kReuse > 1) {
#pragma HLS RESOURCE variable = weights core = ROM_nP_BRAM
  }

  accum_t acc[CONFIG_T::n_out];
#pragma HLS ARRAY_PARTITION variable = acc complete

InitAccum:
  for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
#pragma HLS UNROLL
    acc[j] = static_cast<accum_t>(biases[j]);
  }
ReuseGroups:
  for (unsigned group = 0; group < kOutputStride; group++) {
  ReuseSteps:
    for (unsigned step = 0; step < kInputSteps; step++) {
#pragma HLS PIPELINE II = 1 rewind
      const unsigned reuse_index = group * kIn + step;
    Multipliers:
      for (unsigned m = 0; m < kBlock; m++) {
#pragma HLS UNROLL
        const unsigned in = step + (m % kInputSlices) * kReuse;
        const unsigned out = group + (m / kInputSlices) * kOutputStride;
        acc[out] += static_cast<accum_t>(
            CONFIG_T::template product<data_T, typename CONFIG_T::weight_t>::product(
                data[in], weights[reuse_index + m * kReuse]));
      }
    }
  }
Result:
  for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
#pragma HLS UNROLL
    res[j] = static_cast<res_T>(acc[j]);
  }
}

// Picks the kernel from CONFIG_T::strategy at compile time, so only the chosen one is
// instantiated (and only Resource configs must satisfy the reuse-factor rule).
template <bool kResource>
struct DenseStrategy {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
    dense_latency<data_T, res_T, CONFIG_T>(data, res, weights, biases);
  }
};
template <>
struct DenseStrategy<true> {
  template <class data_T, class res_T, typename CONFIG_T>
  static void run(const data_T* data, res_T* res, const typename CONFIG_T::weight_t* weights,
                  const typename CONFIG_T::bias_t* biases) {
#pragma HLS INLINE
    dense_resource<data_T, res_T, CONFIG_T>(data, res, weights, biases);
  }
};

template <class data_T, class res_T, typename CONFIG_T>
void dense(const data_T data[CONFIG_T::n_in], res_T res[CONFIG_T::n_out],
           const typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
           const typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
#pragma HLS INLINE
  DenseStrategy<CONFIG_T::strategy == resource>::template run<data_T, res_T, CONFIG_T>(
      data, res, weights, biases);
}

// A Dense over an input of more than one dimension, (..., n_in) -> (..., n_out) as Keras
// applies it: the kernel above on each of the n_positions rows, with the same numerics. The rows
// are copied into partitioned arrays so that each kernel instance sees whole arrays; under the
// top function's PIPELINE the rows run in parallel.
template <class data_T, class res_T, typename CONFIG_T>
void dense_positions(const data_T data[CONFIG_T::n_positions * CONFIG_T::n_in],
                     res_T res[CONFIG_T::n_positions * CONFIG_T::n_out],
                     const typename CONFIG_T::weight_t weights[CONFIG_T::n_in * CONFIG_T::n_out],
                     const typename CONFIG_T::bias_t biases[CONFIG_T::n_out]) {
Positions:
  for (unsigned p = 0; p < CONFIG_T::n_positions; p++) {
    data_T row_in[CONFIG_T::n_in];
#pragma HLS ARRAY_PARTITION variable = row_in complete
    res_T row_out[CONFIG_T::n_out];
#pragma HLS ARRAY_PARTITION variable = row_out complete
    for (unsigned i = 0; i < CONFIG_T::n_in; i++) {
      row_in[i] = data[p * CONFIG_T::n_in + i];
    }
    dense<data_T, res_T, CONFIG_T>(row_in, row_out, weights, biases);
    for (unsigned j = 0; j < CONFIG_T::n_out; j++) {
      res[p * CONFIG_T::n_out + j] = row_out[j];
    }
  }
}

}  // namespace nnet

#endif  // HLSNN_NNET_DENSE_H_
