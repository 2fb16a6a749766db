#include "frontend/qkeras_code_quantization.h"

#include <algorithm>
#include <cmath>

namespace hlsnn::frontend {

using namespace qkeras_float32;

namespace {

/// The scale of each channel (one entry per layout channel) for a fixed alpha.
std::vector<float> fixed_scales(const QKerasQuantizer& quantizer, const ChannelLayout& layout) {
  const float alpha =
      quantizer.alpha == QKerasAlpha::kNumber ? static_cast<float>(quantizer.alpha_value) : 1.0f;
  return std::vector<float>(layout.channels, alpha);
}

/// values = blend(base, scale * code) per element, plus the codes and scales when QKeras
/// computed the scales from the array.
QKerasQuantizedWeights scaled_codes(const QKerasQuantizer& quantizer,
                                    const std::vector<float>& base, const std::vector<float>& codes,
                                    const std::vector<float>& scales, const ChannelLayout& layout) {
  QKerasQuantizedWeights result;
  result.values.reserve(layout.count);
  for (size_t i = 0; i < layout.count; ++i) {
    result.values.push_back(blend(base[i], scales[i % layout.channels] * codes[i]));
  }
  if (quantizer.has_data_dependent_scale()) {
    result.grid.assign(codes.begin(), codes.end());
    result.scales.assign(scales.begin(), scales.end());
  }
  return result;
}

std::vector<float> as_float(const std::vector<double>& values) {
  return std::vector<float>(values.begin(), values.end());
}

}  // namespace

float qkeras_po2_exponent(float a, const QKerasQuantizer& quantizer) {
  const Po2Exponents range = po2_exponents(quantizer);
  if (a < kEpsilon) {
    return static_cast<float>(range.min);
  }
  float clamped = a;
  if (quantizer.max_value) {
    const auto max_value = static_cast<float>(*quantizer.max_value);
    clamped = clamped >= max_value ? max_value : clamped;
  }
  const float input = range.factor == 2 ? std::sqrt(clamped) : clamped;
  const float log2 = std::log(input) / ln2();
  const float rounded =
      quantizer.log2_floor ? log2 + (-log2 + std::floor(log2)) : round_through(log2);
  return static_cast<float>(range.factor) *
         std::min(std::max(rounded, static_cast<float>(range.min)), static_cast<float>(range.max));
}

QKerasQuantizedWeights quantize_po2(const QKerasQuantizer& quantizer,
                                    const std::vector<double>& values) {
  const auto slope = static_cast<float>(quantizer.negative_slope);
  QKerasQuantizedWeights result;
  result.values.reserve(values.size());
  for (double value : values) {
    const auto x = static_cast<float>(value);
    if (quantizer.name == "quantized_po2") {
      const float xq =
          sign_or_one(x) * std::pow(2.0f, qkeras_po2_exponent(std::fabs(x), quantizer));
      result.values.push_back(blend(x, xq));
      continue;
    }
    // quantized_relu_po2: the leaky base (max_value above it), +2^E of the positive part, or
    // -2^E of the scaled negative part under a negative slope.
    const float leaky = x >= 0 ? x : slope * x;
    float base = leaky;
    if (quantizer.max_value) {
      const auto max_value = static_cast<float>(*quantizer.max_value);
      base = x <= max_value ? leaky : max_value;
    }
    const float xq =
        x >= 0 || slope == 0.0f
            ? std::pow(2.0f, qkeras_po2_exponent(std::max(x, 0.0f), quantizer))
            : -std::pow(2.0f, qkeras_po2_exponent(std::max(-x, 0.0f) * slope, quantizer));
    result.values.push_back(blend(base, xq));
  }
  return result;
}

QKerasQuantizedWeights quantize_binary(const QKerasQuantizer& quantizer,
                                       const std::vector<double>& values,
                                       const ChannelLayout& layout) {
  std::vector<float> base = as_float(values);
  std::vector<float> codes(layout.count);
  for (size_t i = 0; i < layout.count; ++i) {
    const float code = sign_or_one(base[i]);
    codes[i] = quantizer.use_01 || quantizer.is_bernoulli() ? (code + 1.0f) / 2.0f : code;
  }
  // binary's alpha None rounds tanh(x) to the codes, bernoulli's x itself.
  if (quantizer.is_binary() && quantizer.alpha == QKerasAlpha::kNone) {
    for (float& x : base) {
      x = eigen_tanh(x);
    }
  }
  const std::vector<float> scales =
      quantizer.has_data_dependent_scale()
          ? least_squares_scales(base, codes, layout, quantizer.alpha == QKerasAlpha::kAutoPo2)
          : fixed_scales(quantizer, layout);
  return scaled_codes(quantizer, base, codes, scales, layout);
}

QKerasQuantizedWeights quantize_ternary(const QKerasQuantizer& quantizer,
                                        const std::vector<double>& values,
                                        const ChannelLayout& layout) {
  std::vector<float> base = as_float(values);
  std::vector<float> codes(layout.count);
  if (!quantizer.has_data_dependent_scale()) {
    const auto threshold = static_cast<float>(quantizer.threshold.value_or(0.33));
    for (size_t i = 0; i < layout.count; ++i) {
      codes[i] = (std::fabs(base[i]) >= threshold ? 1.0f : 0.0f) * sign(base[i]);
    }
    if (quantizer.alpha == QKerasAlpha::kNone) {
      for (float& x : base) {
        x = eigen_tanh(x);
      }
    }
    return scaled_codes(quantizer, base, codes, fixed_scales(quantizer, layout), layout);
  }
  // 'auto' / 'auto_po2': 2/3 of the largest magnitude per channel (of the whole array at rank
  // 1), then number_of_unrolls least-squares refinements of which values are not zero.
  std::vector<float> scales(layout.channels, 0.0f);
  for (size_t i = 0; i < layout.count; ++i) {
    float& largest = scales[layout.elementwise ? 0 : i % layout.channels];
    largest = std::max(largest, std::fabs(base[i]));
  }
  if (layout.elementwise) {
    std::fill(scales.begin(), scales.end(), scales[0]);
  }
  for (float& s : scales) {
    s = (2.0f * s) / 3.0f;
    if (quantizer.alpha == QKerasAlpha::kAutoPo2) {
      s = nearest_power_of_two(s);
    }
  }
  for (int unroll = 0; unroll < quantizer.number_of_unrolls; ++unroll) {
    for (size_t i = 0; i < layout.count; ++i) {
      const float scale = scales[i % layout.channels];
      const float rounded = scale * round_through(base[i] / scale);
      codes[i] = (std::fabs(rounded) >= scale / 2.0f ? 1.0f : 0.0f) * sign(base[i]);
    }
    scales = least_squares_scales(base, codes, layout, quantizer.alpha == QKerasAlpha::kAutoPo2);
  }
  return scaled_codes(quantizer, base, codes, scales, layout);
}

}  // namespace hlsnn::frontend
