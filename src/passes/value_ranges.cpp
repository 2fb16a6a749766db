#include "passes/value_ranges.h"

#include <algorithm>
#include <cfenv>
#include <cmath>

#include "ir/error.h"
#include "ir/names.h"

// This file is compiled with -frounding-math: the bounds below switch the FPU rounding direction
// and must not be folded or reordered across the switch.

namespace hlsnn::passes {

namespace {

using ir::OverflowMode;
using ir::PrecisionType;
using ir::RoundingMode;

/// Runs `compute` with the FPU rounding in `direction` (FE_DOWNWARD, FE_UPWARD), then restores
/// the caller's; the direction is per thread.
template <typename Compute>
double rounded(int direction, const Compute& compute) {
  const int previous = std::fegetround();
  std::fesetround(direction);
  const double value = compute();
  std::fesetround(previous);
  return value;
}

/// The largest value of the type, rounded toward zero when it has more bits than a double.
double largest_value(const PrecisionType& type, int direction) {
  const int top_exponent = type.is_signed() ? type.integer_bits() - 1 : type.integer_bits();
  return rounded(direction, [&] { return std::ldexp(1.0, top_exponent) - type.lsb(); });
}

/// `value` rounded to a multiple of 2^-fractional_bits as the mode rounds (all modes are
/// monotone, so the rounded ends of an interval bound the rounded interval).
double round_to_grid(double value, int fractional_bits, RoundingMode mode) {
  const double scaled = std::ldexp(value, fractional_bits);
  if (!std::isfinite(scaled) || std::fabs(scaled) >= 0x1p52) return value;  // already on the grid
  const double below = std::floor(scaled);
  const double fraction = scaled - below;
  double integer = below;
  switch (mode) {
    case RoundingMode::kTrn:
      break;
    case RoundingMode::kTrnZero:
      integer = std::trunc(scaled);
      break;
    case RoundingMode::kRnd:  // half up
      integer = fraction >= 0.5 ? below + 1 : below;
      break;
    case RoundingMode::kRndMinInf:  // half down
      integer = fraction > 0.5 ? below + 1 : below;
      break;
    case RoundingMode::kRndZero:  // half toward zero
      integer = fraction > 0.5 || (fraction == 0.5 && scaled < 0) ? below + 1 : below;
      break;
    case RoundingMode::kRndInf:  // half away from zero
      integer = fraction > 0.5 || (fraction == 0.5 && scaled > 0) ? below + 1 : below;
      break;
    case RoundingMode::kRndConv:  // half to even
      integer =
          fraction > 0.5 || (fraction == 0.5 && std::fmod(below, 2.0) != 0) ? below + 1 : below;
      break;
  }
  return std::ldexp(integer, -fractional_bits);
}

/// Integer types convert by truncating toward zero.
RoundingMode rounding_of(const PrecisionType& type) {
  return type.is_integer() ? RoundingMode::kTrnZero : type.rounding();
}

Interval rounded_interval(const Interval& exact, const PrecisionType& type) {
  const RoundingMode mode = rounding_of(type);
  return {round_to_grid(exact.low, type.fractional_bits(), mode),
          round_to_grid(exact.high, type.fractional_bits(), mode)};
}

void require_concrete(const PrecisionType& type) {
  if (type.is_auto()) {
    throw Error("range analysis met an `auto` type", "value ranges",
                "decide every type a layer depends on before its range (a bug in hlsnn)");
  }
}

}  // namespace

Interval Interval::hull(const Interval& a, const Interval& b) {
  return {std::min(a.low, b.low), std::max(a.high, b.high)};
}

Interval operator+(const Interval& a, const Interval& b) {
  return {rounded(FE_DOWNWARD, [&] { return a.low + b.low; }),
          rounded(FE_UPWARD, [&] { return a.high + b.high; })};
}

Interval operator-(const Interval& a, const Interval& b) {
  return {rounded(FE_DOWNWARD, [&] { return a.low - b.high; }),
          rounded(FE_UPWARD, [&] { return a.high - b.low; })};
}

Interval operator*(const Interval& a, const Interval& b) { return products({a}, {b}).front(); }

std::vector<Interval> products(const std::vector<Interval>& a, const std::vector<Interval>& b) {
  std::vector<Interval> result(a.size());
  const auto bound = [&](int direction, bool lowest) {
    rounded(direction, [&] {
      for (size_t i = 0; i < a.size(); ++i) {
        const double candidates[] = {a[i].low * b[i].low, a[i].low * b[i].high,
                                     a[i].high * b[i].low, a[i].high * b[i].high};
        if (lowest) {
          result[i].low = *std::min_element(std::begin(candidates), std::end(candidates));
        } else {
          result[i].high = *std::max_element(std::begin(candidates), std::end(candidates));
        }
      }
      return 0.0;
    });
  };
  bound(FE_DOWNWARD, true);
  bound(FE_UPWARD, false);
  return result;
}

Interval sum(const std::vector<Interval>& terms) {
  return {rounded(FE_DOWNWARD,
                  [&] {
                    double total = 0;
                    for (const Interval& term : terms) total += term.low;
                    return total;
                  }),
          rounded(FE_UPWARD, [&] {
            double total = 0;
            for (const Interval& term : terms) total += term.high;
            return total;
          })};
}

ValueRange ValueRange::uniform(const Interval& interval, std::int64_t channels) {
  return {
      std::vector<Interval>(static_cast<size_t>(std::max<std::int64_t>(channels, 1)), interval)};
}

Interval ValueRange::hull() const {
  Interval all = channels.at(0);
  for (const Interval& interval : channels) all = Interval::hull(all, interval);
  return all;
}

Interval type_interval(const PrecisionType& type) {
  require_concrete(type);
  return {type.min_value(), largest_value(type, FE_UPWARD)};
}

bool fits(const Interval& exact, const PrecisionType& type) {
  require_concrete(type);
  const Interval stored = rounded_interval(exact, type);
  return stored.low >= type.min_value() && stored.high <= largest_value(type, FE_TOWARDZERO);
}

Interval stored_interval(const Interval& exact, const PrecisionType& type) {
  require_concrete(type);
  const Interval stored = rounded_interval(exact, type);
  if (fits(exact, type)) return stored;
  const Interval whole = type_interval(type);
  const auto clamp = [&](double value) { return std::clamp(value, whole.low, whole.high); };
  switch (type.is_integer() ? OverflowMode::kWrap : type.overflow()) {
    case OverflowMode::kSat:
    case OverflowMode::kSatSym:
      return {clamp(stored.low), clamp(stored.high)};
    case OverflowMode::kSatZero:
      return Interval::hull({clamp(stored.low), clamp(stored.high)}, {0, 0});
    case OverflowMode::kWrap:
    case OverflowMode::kWrapSm:
      break;
  }
  return whole;
}

ValueRange stored_range(const ValueRange& exact, const PrecisionType& type) {
  ValueRange stored;
  for (const Interval& interval : exact.channels) {
    stored.channels.push_back(stored_interval(interval, type));
  }
  return stored;
}

PrecisionType holding_type(const Interval& exact, int fractional_bits, const PrecisionType& modes) {
  const RoundingMode rounding = modes.is_integer() ? RoundingMode::kTrn : modes.rounding();
  const OverflowMode overflow = modes.is_integer() ? OverflowMode::kWrap : modes.overflow();
  // Unsigned types have no WRAP_SM; saturation bits (N) are not carried over.
  const Interval stored = {round_to_grid(exact.low, fractional_bits, rounding),
                           round_to_grid(exact.high, fractional_bits, rounding)};
  const bool is_signed = modes.is_signed() || stored.low < 0;
  // Start where 2^I first exceeds the magnitude, give or take the sign bit, and grow.
  const double magnitude = std::max({std::fabs(stored.low), std::fabs(stored.high), 1e-300});
  int integer_bits =
      std::max(1 - fractional_bits, static_cast<int>(std::floor(std::log2(magnitude))));
  while (integer_bits + fractional_bits <= ir::kAbsoluteMaxWidth) {
    const PrecisionType candidate = PrecisionType::fixed(
        integer_bits + fractional_bits, integer_bits, is_signed, rounding,
        overflow == OverflowMode::kWrapSm && !is_signed ? OverflowMode::kWrap : overflow);
    if (fits(exact, candidate)) return candidate;
    ++integer_bits;
  }
  throw Error("no fixed-point type of at most " + std::to_string(ir::kAbsoluteMaxWidth) +
                  " bits holds " + to_string(exact),
              "value ranges", "narrow the model's input types or its weights");
}

LayerRange layer_range(const ir::Layer& layer, const std::vector<ValueRange>& inputs,
                       const ir::ModelSettings& settings) {
  LayerRange range;
  const PrecisionType& result = layer.precision("result");
  const std::int64_t channels =
      layer.outputs.empty() || layer.output().shape.empty() ? 1 : layer.output().shape.back();
  if (const TransferFunction* transfer = find_transfer_function(layer.layer_class)) {
    range.exact = (*transfer)(layer, inputs, settings);
  }
  if (range.exact) {
    if (static_cast<std::int64_t>(range.exact->channels.size()) != channels) {
      throw Error("range analysis gave " + std::to_string(range.exact->channels.size()) +
                      " channel bounds for " + std::to_string(channels) + " channels",
                  layer.description(), "fix its transfer function (a bug in hlsnn)");
    }
    range.stored = stored_range(*range.exact, result);
  } else {
    range.stored = ValueRange::uniform(type_interval(result), channels);
  }
  return range;
}

std::vector<ValueRange> input_ranges(const ir::Layer& layer,
                                     const std::map<std::string, ValueRange>& tensors) {
  std::vector<ValueRange> ranges;
  for (const std::string& input : layer.inputs) ranges.push_back(tensors.at(input));
  return ranges;
}

std::map<std::string, LayerRange> value_ranges(const ir::Graph& graph) {
  std::map<std::string, ValueRange> tensors;
  std::map<std::string, LayerRange> layers;
  for (const ir::Layer& layer : graph.layers()) {
    LayerRange range = layer_range(layer, input_ranges(layer, tensors), graph.settings());
    for (const ir::Tensor& output : layer.outputs) tensors[output.name] = range.stored;
    layers.emplace(layer.name, std::move(range));
  }
  return layers;
}

std::string to_string(const Interval& interval) {
  return "[" + ir::format_double(interval.low) + ", " + ir::format_double(interval.high) + "]";
}

}  // namespace hlsnn::passes
