#ifndef HLSNN_FRONTEND_QKERAS_FLOAT32_H
#define HLSNN_FRONTEND_QKERAS_FLOAT32_H

// The float32 operations QKeras' quantizers are made of, each rounded as TensorFlow rounds it
// (the frontend is compiled with -ffp-contract=off, so no multiply-add is fused), and the
// channel layout of the weight arrays they scale. Shared by the weight quantizers.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hlsnn::frontend::qkeras_float32 {

// Keras' epsilon and ln 2, both as the float32 TensorFlow computes with (a Python double meets a
// float32 tensor as float32).
constexpr float kEpsilon = 1e-7f;
inline float ln2() { return static_cast<float>(std::log(2.0)); }

/// tf.round: half to even.
inline float round_half_even(float v) { return std::nearbyint(v); }

/// QKeras' straight-through rounding `p + (-p + round(p))`.
inline float round_through(float p) {
  const float step = -p + round_half_even(p);
  return p + step;
}

/// QKeras' final step `x + ((-x) + xq)` (qnoise_factor 1): usually xq, but not always.
inline float blend(float x, float xq) {
  const float step = -x + xq;
  return x + step;
}

/// tf.sign: -1, 0 or +1.
inline float sign(float v) { return v > 0 ? 1.0f : (v < 0 ? -1.0f : 0.0f); }

/// QKeras' sign with zero mapped to +1: sign(v) + (1 - |sign(v)|).
inline float sign_or_one(float v) { return v < 0 ? -1.0f : 1.0f; }

/// The power of two nearest to v in the log domain, `2^round(log(v + eps) / ln 2)`.
inline float nearest_power_of_two(float v) {
  const float exponent = round_half_even(std::log(v + kEpsilon) / ln2());
  return std::pow(2.0f, exponent);
}

/// Eigen's float tanh as TensorFlow's CPU kernels compute it (generic_fast_tanh_float, built
/// without FMA): a 13/6-degree rational function of the input clamped to ±7.9053111, the input
/// itself below 0.0004 in magnitude. Not libm's tanh: the last bits differ.
float eigen_tanh(float x);

/// How a weight array's channels lie: QKeras scales per entry of the last axis, and a rank-1
/// array per element after its first (whole-array) estimate.
struct ChannelLayout {
  size_t count = 0;     ///< values in the array
  size_t channels = 0;  ///< entries of the last axis (count for a rank-1 array)
  bool elementwise = false;
  /// The number of values per channel, the divisor of QKeras' means.
  float rows() const {
    return static_cast<float>(static_cast<double>(count) / static_cast<double>(channels));
  }
};

/// The layout of an array of `count` values of the given shape.
ChannelLayout channel_layout(size_t count, const std::vector<int64_t>& shape);

/// QKeras' _get_scale for alpha 'auto' / 'auto_po2': per channel mean(x*k) / (mean(k*k) + eps),
/// each mean TensorFlow's float32 column sum (in the order its CPU kernel adds) divided by the
/// row count (a rank-1 array: elementwise, no mean), rounded to a power of two for 'auto_po2'.
std::vector<float> least_squares_scales(const std::vector<float>& x, const std::vector<float>& k,
                                        const ChannelLayout& layout, bool power_of_two);

}  // namespace hlsnn::frontend::qkeras_float32

#endif  // HLSNN_FRONTEND_QKERAS_FLOAT32_H
