// The hls4ml dense-layer numeric contract (nnet_dense_latency.h semantics), written once against
// the ap-type API so the vendor build and our build compile the very same source.
#ifndef HLSNN_BENCH_AP_TYPES_DENSE_KERNEL_H_
#define HLSNN_BENCH_AP_TYPES_DENSE_KERNEL_H_

namespace bench {

// Config mirrors the struct hls4ml generates per layer: n_in, n_out, weight_t, bias_t, accum_t.
// Weights are row-major [n_in][n_out] like hls4ml's flattened w[i * n_out + j].
template <class InputT, class ResultT, class Config>
inline void Dense(const InputT input[Config::n_in], ResultT result[Config::n_out],
                  const typename Config::weight_t weights[Config::n_in * Config::n_out],
                  const typename Config::bias_t biases[Config::n_out]) {
  using Accum = typename Config::accum_t;
  Accum accum[Config::n_out];
  for (int j = 0; j < Config::n_out; ++j) accum[j] = static_cast<Accum>(biases[j]);
  // Input-major order as in hls4ml: each exact product is converted to accum_t, then added in
  // accum_t (wrapping at accum_t's width).
  for (int i = 0; i < Config::n_in; ++i) {
    for (int j = 0; j < Config::n_out; ++j) {
      accum[j] += static_cast<Accum>(input[i] * weights[i * Config::n_out + j]);
    }
  }
  for (int j = 0; j < Config::n_out; ++j) result[j] = static_cast<ResultT>(accum[j]);
}

// hls4ml's relu: copy positive values (converted to the result type), zero the rest.
template <class InputT, class ResultT, int kSize>
inline void Relu(const InputT input[kSize], ResultT result[kSize]) {
  for (int i = 0; i < kSize; ++i) {
    if (input[i] > 0) {
      result[i] = input[i];
    } else {
      result[i] = 0;
    }
  }
}

}  // namespace bench

#endif  // HLSNN_BENCH_AP_TYPES_DENSE_KERNEL_H_
