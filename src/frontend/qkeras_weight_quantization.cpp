#include "frontend/qkeras_weight_quantization.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "ir/error.h"

namespace hlsnn::frontend {

namespace {

// Keras' epsilon and ln 2, both as the float32 TensorFlow computes with.
constexpr float kEpsilon = 1e-7f;
const float kLn2 = static_cast<float>(std::log(2.0));

/// tf.round behind QKeras' straight-through trick, `p + ((-p) + round(p))`: half to even.
float round_through(float p) {
  const float rounded = std::nearbyint(p);
  const float step = -p + rounded;
  return p + step;
}

/// The power of two nearest to v in the log domain, `2^round(log(v + eps) / ln 2)`.
float power_of_two(float v) {
  const float exponent = std::nearbyint(std::log(v + kEpsilon) / kLn2);
  return std::pow(2.0f, exponent);
}

/// QKeras' final step `x + ((-x) + xq)` (qnoise_factor 1): usually xq, but not always.
float blend(float x, float xq) {
  const float step = -x + xq;
  return x + step;
}

float sign(float v) { return v > 0 ? 1.0f : (v < 0 ? -1.0f : 0.0f); }

QKerasQuantizedWeights quantize_on_grid(const QKerasQuantizer& quantizer,
                                        const std::vector<double>& values) {
  const int kn = quantizer.keep_negative ? 1 : 0;
  const float m = std::pow(2.0f, static_cast<float>(quantizer.bits - kn));
  const float mi = std::pow(2.0f, static_cast<float>(quantizer.integer));
  const float low = static_cast<float>(kn) * (-m + (quantizer.symmetric ? 1.0f : 0.0f));
  const float high = m - 1.0f;
  const float alpha =
      quantizer.alpha == QKerasAlpha::kNumber ? static_cast<float>(quantizer.alpha_value) : 1.0f;
  QKerasQuantizedWeights result;
  result.values.reserve(values.size());
  for (double value : values) {
    const float x = static_cast<float>(value);
    const float p = (x * m) / mi;
    const float clipped = std::min(std::max(round_through(p), low), high);
    const float xq = alpha * ((mi * clipped) / m);
    result.values.push_back(blend(x, xq));
  }
  return result;
}

/// QKeras' code of one value under scale s: sign · min(floor(|x|/s + 0.5), levels/2), with the
/// comparison written as QKeras writes it (a NaN from an all-zero channel gives the limit).
float scaled_code(float xn, float scale, float half_levels) {
  const float v = std::floor(std::fabs(xn) / scale + 0.5f);
  return sign(xn) * (v < half_levels ? v : half_levels);
}

QKerasQuantizedWeights quantize_scaled(const QKerasQuantizer& quantizer,
                                       const std::vector<double>& values, const ir::Shape& shape) {
  const int kn = quantizer.keep_negative ? 1 : 0;
  const float m = std::pow(2.0f, static_cast<float>(quantizer.bits - kn));
  const float mi = std::pow(2.0f, static_cast<float>(quantizer.integer));
  // Symmetric levels: QKeras' constructor forces symmetric=True for string alphas.
  const float levels = static_cast<float>(((int64_t{1} << (quantizer.bits - 1)) - 1) * 2);
  const float half_levels = levels / 2.0f;
  const size_t count = values.size();
  const bool elementwise = shape.size() <= 1;
  // Rank 1: one initial scale for the whole vector, then one per element.
  const size_t channels = elementwise ? count : static_cast<size_t>(shape.back());
  if (count == 0 || channels == 0) {
    return {};
  }
  // The number of values per channel, the divisor of QKeras' means (count is a multiple of it).
  const auto rows = static_cast<float>(static_cast<double>(count) / static_cast<double>(channels));
  std::vector<float> xn(count);
  for (size_t i = 0; i < count; ++i) {
    xn[i] = static_cast<float>(values[i]) / mi;
  }
  std::vector<float> scale(channels, 0.0f);
  if (elementwise) {
    float largest = 0.0f;
    for (float v : xn) {
      largest = std::max(largest, std::fabs(v));
    }
    std::fill(scale.begin(), scale.end(), (largest * 2.0f) / levels);
  } else {
    for (size_t i = 0; i < count; ++i) {
      scale[i % channels] = std::max(scale[i % channels], std::fabs(xn[i]));
    }
    for (float& s : scale) {
      s = (s * 2.0f) / levels;
    }
  }
  std::vector<float> code(count);
  const auto compute_codes = [&] {
    for (size_t i = 0; i < count; ++i) {
      code[i] = scaled_code(xn[i], scale[i % channels], half_levels);
    }
  };
  if (quantizer.alpha == QKerasAlpha::kAutoPo2) {
    for (float& s : scale) {
      s = power_of_two(s);
    }
    for (int iteration = 0; iteration < 5; ++iteration) {
      compute_codes();
      std::vector<float> projection(channels, 0.0f);
      std::vector<float> norm(channels, 0.0f);
      for (size_t i = 0; i < count; ++i) {
        projection[i % channels] += xn[i] * code[i];
        norm[i % channels] += code[i] * code[i];
      }
      for (size_t c = 0; c < channels; ++c) {
        const float mean_projection = elementwise ? projection[c] : projection[c] / rows;
        const float mean_norm = elementwise ? norm[c] : norm[c] / rows;
        scale[c] = power_of_two(mean_projection / (mean_norm + kEpsilon));
      }
    }
  } else {
    compute_codes();
  }
  QKerasQuantizedWeights result;
  result.values.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const float channel_scale = scale[i % channels] * m;
    const float on_grid = (mi * code[i]) / m;
    result.grid.push_back(on_grid);
    result.values.push_back(blend(mi * xn[i], channel_scale * on_grid));
  }
  for (float s : scale) {
    result.scales.push_back(s * m);
  }
  return result;
}

}  // namespace

QKerasQuantizedWeights quantize_qkeras_weights(const QKerasQuantizer& quantizer,
                                               const std::vector<double>& values,
                                               const ir::Shape& shape) {
  if (quantizer.alpha == QKerasAlpha::kAutoPo2 || quantizer.alpha == QKerasAlpha::kAuto) {
    return quantize_scaled(quantizer, values, shape);
  }
  return quantize_on_grid(quantizer, values);
}

ir::PrecisionType exact_fixed_type(const std::vector<double>& values, const std::string& where) {
  // The LSB: the smallest power of two every value is a multiple of, read from each value's
  // lowest set mantissa bit (one pass: the values come from a file and may be many and extreme).
  int fractional_bits = 0;
  bool negative = false;
  bool any_nonzero = false;
  double largest = 0.0;
  int lowest_bit = 0;
  for (double value : values) {
    if (!std::isfinite(value)) {
      throw Error("the quantized value " + std::to_string(value) + " is not finite", where,
                  "check the layer's weights");
    }
    negative = negative || value < 0;
    largest = std::max(largest, std::fabs(value));
    if (value == 0) continue;
    int exponent = 0;
    const auto mantissa =
        static_cast<uint64_t>(std::ldexp(std::frexp(std::fabs(value), &exponent), 53));
    const int value_lowest_bit = exponent - 53 + __builtin_ctzll(mantissa);
    lowest_bit = any_nonzero ? std::min(lowest_bit, value_lowest_bit) : value_lowest_bit;
    any_nonzero = true;
  }
  if (any_nonzero) fractional_bits = std::max(-1000, -lowest_bit);
  // Magnitude bits of the largest code, plus a sign bit when any value is negative.
  int magnitude_bits = 1;
  const double largest_code = largest * std::ldexp(1.0, fractional_bits);
  while (std::ldexp(1.0, magnitude_bits) <= largest_code && magnitude_bits <= 64) {
    ++magnitude_bits;
  }
  int width = magnitude_bits + (negative ? 1 : 0);
  if (width > 64) {
    throw Error("the quantized values need " + std::to_string(width) + " bits to be held exactly",
                where, "use a quantizer with a fixed grid (alpha=1) or 'auto_po2'");
  }
  return ir::PrecisionType::fixed(width, width - fractional_bits, negative);
}

}  // namespace hlsnn::frontend
