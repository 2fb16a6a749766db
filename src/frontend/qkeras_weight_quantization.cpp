#include "frontend/qkeras_weight_quantization.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "frontend/qkeras_code_quantization.h"
#include "frontend/qkeras_float32.h"
#include "ir/error.h"

namespace hlsnn::frontend {

namespace qkeras_float32 {

float eigen_tanh(float a_x) {
  // Eigen's constants, for the build without FMA that TensorFlow's CPU kernels use.
  const float x = std::max(std::min(a_x, 7.90531110763549805f), -7.90531110763549805f);
  if (std::fabs(a_x) < 0.0004f) {
    return x;
  }
  const float x2 = x * x;
  float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
  p = x2 * p + -8.60467152213735e-11f;
  p = x2 * p + 5.12229709037114e-08f;
  p = x2 * p + 1.48572235717979e-05f;
  p = x2 * p + 6.37261928875436e-04f;
  p = x2 * p + 4.89352455891786e-03f;
  p = x * p;
  float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
  q = x2 * q + 2.26843463243900e-03f;
  q = x2 * q + 4.89352518554385e-03f;
  return p / q;
}

namespace {

/// TensorFlow's float32 sum of a whole vector (Eigen's full reduction on one thread): four
/// 8-lane accumulators over blocks of 32, then 8-lane packets, the rest one by one, and the lanes
/// added as its AVX horizontal sum does.
float full_sum(const std::vector<float>& values) {
  constexpr size_t kLanes = 8;
  const size_t count = values.size();
  float lanes[4][kLanes] = {};
  size_t start = 0;
  if (count >= 4 * kLanes) {
    start = count / (4 * kLanes) * (4 * kLanes);
    for (size_t j = 0; j < start; j += 4 * kLanes) {
      for (size_t packet = 0; packet < 4; ++packet) {
        for (size_t lane = 0; lane < kLanes; ++lane) {
          lanes[packet][lane] += values[j + packet * kLanes + lane];
        }
      }
    }
    for (size_t packet = 1; packet < 4; ++packet) {
      for (size_t lane = 0; lane < kLanes; ++lane) {
        lanes[0][lane] += lanes[packet][lane];
      }
    }
  }
  if (start + kLanes <= count) {
    const size_t vectorized = count / kLanes * kLanes;
    for (; start < vectorized; start += kLanes) {
      for (size_t lane = 0; lane < kLanes; ++lane) {
        lanes[0][lane] += values[start + lane];
      }
    }
  }
  float rest = 0.0f;
  for (size_t j = start; j < count; ++j) {
    rest += values[j];
  }
  float halves[4];
  for (size_t lane = 0; lane < 4; ++lane) {
    halves[lane] = lanes[0][lane] + lanes[0][lane + 4];
  }
  const float even = halves[0] + halves[2];
  const float odd = halves[1] + halves[3];
  return rest + (even + odd);
}

/// TensorFlow's float32 sums over the rows of a row-major (rows, columns) array, one per column,
/// in the order its CPU kernel adds them: columns in full 8-lane packets over at least 16 rows
/// take four interleaved accumulators (rows 4k, 4k+1, ...), the others add row by row; a single
/// column is a whole-vector sum.
std::vector<float> column_sums(const std::vector<float>& values, const ChannelLayout& layout) {
  const size_t columns = layout.channels;
  const size_t rows = layout.count / columns;
  if (columns == 1) {
    return {full_sum(values)};
  }
  const size_t packet_columns = columns / 8 * 8;
  std::vector<float> sums(columns, 0.0f);
  for (size_t c = 0; c < columns; ++c) {
    if (c < packet_columns && rows >= 16) {
      float accumulators[4] = {};
      const size_t unrolled = rows / 4 * 4;
      for (size_t row = 0; row < unrolled; ++row) {
        accumulators[row % 4] += values[row * columns + c];
      }
      float sum = ((accumulators[0] + accumulators[1]) + accumulators[2]) + accumulators[3];
      for (size_t row = unrolled; row < rows; ++row) {
        sum += values[row * columns + c];
      }
      sums[c] = sum;
    } else {
      for (size_t row = 0; row < rows; ++row) {
        sums[c] += values[row * columns + c];
      }
    }
  }
  return sums;
}

}  // namespace

std::vector<float> least_squares_scales(const std::vector<float>& x, const std::vector<float>& k,
                                        const ChannelLayout& layout, bool power_of_two) {
  std::vector<float> projection(layout.count);
  std::vector<float> norm(layout.count);
  for (size_t i = 0; i < layout.count; ++i) {
    projection[i] = x[i] * k[i];
    norm[i] = k[i] * k[i];
  }
  if (!layout.elementwise) {
    // reduce_mean: TensorFlow's sum, then one division by the row count.
    projection = column_sums(projection, layout);
    norm = column_sums(norm, layout);
    for (size_t c = 0; c < layout.channels; ++c) {
      projection[c] = projection[c] / layout.rows();
      norm[c] = norm[c] / layout.rows();
    }
  }
  std::vector<float> scales(layout.channels);
  for (size_t c = 0; c < layout.channels; ++c) {
    scales[c] = projection[c] / (norm[c] + kEpsilon);
    if (power_of_two) {
      scales[c] = nearest_power_of_two(scales[c]);
    }
  }
  return scales;
}

ChannelLayout channel_layout(size_t count, const ir::Shape& shape) {
  ChannelLayout layout;
  layout.count = count;
  layout.elementwise = shape.size() <= 1;
  layout.channels = layout.elementwise ? count : static_cast<size_t>(shape.back());
  return layout;
}

}  // namespace qkeras_float32

namespace {

using namespace qkeras_float32;

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
  // Rank 1: one initial scale for the whole vector, then one per element.
  const ChannelLayout layout = channel_layout(values.size(), shape);
  if (layout.count == 0 || layout.channels == 0) {
    return {};
  }
  std::vector<float> xn(layout.count);
  for (size_t i = 0; i < layout.count; ++i) {
    xn[i] = static_cast<float>(values[i]) / mi;
  }
  std::vector<float> scale(layout.channels, 0.0f);
  for (size_t i = 0; i < layout.count; ++i) {
    const size_t channel = layout.elementwise ? 0 : i % layout.channels;
    scale[channel] = std::max(scale[channel], std::fabs(xn[i]));
  }
  if (layout.elementwise) {
    std::fill(scale.begin(), scale.end(), scale[0]);
  }
  for (float& s : scale) {
    s = (s * 2.0f) / levels;
  }
  std::vector<float> code(layout.count);
  const auto compute_codes = [&] {
    for (size_t i = 0; i < layout.count; ++i) {
      code[i] = scaled_code(xn[i], scale[i % layout.channels], half_levels);
    }
  };
  if (quantizer.alpha == QKerasAlpha::kAutoPo2) {
    for (float& s : scale) {
      s = nearest_power_of_two(s);
    }
    for (int iteration = 0; iteration < 5; ++iteration) {
      compute_codes();
      scale = least_squares_scales(xn, code, layout, true);
    }
  } else {
    compute_codes();
  }
  QKerasQuantizedWeights result;
  result.values.reserve(layout.count);
  for (size_t i = 0; i < layout.count; ++i) {
    const float channel_scale = scale[i % layout.channels] * m;
    const float on_grid = (mi * code[i]) / m;
    result.grid.push_back(on_grid);
    result.values.push_back(blend(mi * xn[i], channel_scale * on_grid));
  }
  for (float s : scale) {
    result.scales.push_back(s * m);
  }
  return result;
}

/// quantized_relu on weights: the grid mi/m from 0 (from -negative_slope*mi with a slope) to
/// mi - mi/m, from the leaky base clipped at the grid's top.
QKerasQuantizedWeights quantize_relu(const QKerasQuantizer& quantizer,
                                     const std::vector<double>& values) {
  const float slope = static_cast<float>(quantizer.negative_slope);
  const int bits = quantizer.bits - (slope != 0.0f ? 1 : 0);
  const float m = std::pow(2.0f, static_cast<float>(bits));
  const float mi = std::pow(2.0f, static_cast<float>(quantizer.integer));
  const float top = mi - std::pow(2.0f, static_cast<float>(quantizer.integer - bits));
  QKerasQuantizedWeights result;
  for (double value : values) {
    const float x = static_cast<float>(value);
    const float leaky = x >= 0 ? x : slope * x;
    float base = x <= top ? leaky : top;
    if (quantizer.relu_upper_bound) {
      const auto bound = static_cast<float>(*quantizer.relu_upper_bound);
      base = x <= bound ? leaky : bound;
    }
    const float p = (x * m) / mi;
    float xq = mi * std::min(std::max(round_through(p) / m, 0.0f), 1.0f - 1.0f / m);
    if (slope > 0) {
      const float negative_factor = 1.0f / (slope * m);
      xq = xq + (mi * slope) *
                    std::min(std::max(round_through(p * slope) * negative_factor, -1.0f), 0.0f);
    }
    if (quantizer.relu_upper_bound) {
      xq = std::min(xq, static_cast<float>(*quantizer.relu_upper_bound));
    }
    result.values.push_back(blend(base, xq));
  }
  return result;
}

}  // namespace

QKerasQuantizedWeights quantize_qkeras_weights(const QKerasQuantizer& quantizer,
                                               const std::vector<double>& values,
                                               const ir::Shape& shape, const std::string& where) {
  if (quantizer.is_quantized_bits()) {
    if (quantizer.has_data_dependent_scale()) {
      return quantize_scaled(quantizer, values, shape);
    }
    return quantize_on_grid(quantizer, values);
  }
  if (quantizer.is_quantized_relu()) {
    return quantize_relu(quantizer, values);
  }
  if (quantizer.is_po2()) {
    return quantize_po2(quantizer, values);
  }
  if (quantizer.is_binary() || quantizer.is_bernoulli()) {
    return quantize_binary(quantizer, values, channel_layout(values.size(), shape));
  }
  if (quantizer.is_ternary()) {
    return quantize_ternary(quantizer, values, channel_layout(values.size(), shape));
  }
  throw Error("the quantizer " + quantizer.to_string() + " quantizes activations, not weights",
              where,
              "quantize weights with quantized_bits, quantized_po2, quantized_relu_po2, "
              "binary, ternary or bernoulli");
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
