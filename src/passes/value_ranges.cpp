#include "passes/value_ranges.h"

#include <algorithm>
#include <cfenv>
#include <cmath>
#include <cstdint>

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

/// The largest value of the type, rounded in `direction` when it has more bits than a double
/// (exact otherwise, without switching the rounding: this runs for every weight).
double largest_value(const PrecisionType& type, int direction) {
  const int top_exponent = type.is_signed() ? type.integer_bits() - 1 : type.integer_bits();
  if (type.width() <= 53) return std::ldexp(1.0, top_exponent) - type.lsb();
  return rounded(direction, [&] { return std::ldexp(1.0, top_exponent) - type.lsb(); });
}

/// `value` rounded to a multiple of 1/scale (scale = 2^F, unscale = 2^-F) as the mode rounds
/// (all modes are monotone, so the rounded ends of an interval bound the rounded interval).
/// Multiplying by a power of two is exact, and cheaper than ldexp: this runs for every weight.
double round_to_grid(double value, double scale, double unscale, RoundingMode mode) {
  const double scaled = value * scale;
  if (!(std::fabs(scaled) < 0x1p52)) return value;  // on the grid already, or not finite
  // Truncation by conversion: exact below 2^52, and no library call (this is the hot loop).
  const auto truncated = static_cast<double>(static_cast<std::int64_t>(scaled));
  const double below = truncated > scaled ? truncated - 1 : truncated;
  const double fraction = scaled - below;
  double integer = below;
  switch (mode) {
    case RoundingMode::kTrn:
      break;
    case RoundingMode::kTrnZero:
      integer = truncated;
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
  return integer * unscale;
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

TypeStore::TypeStore(const PrecisionType& type)
    : scale_((require_concrete(type), std::ldexp(1.0, type.fractional_bits()))),
      unscale_(std::ldexp(1.0, -type.fractional_bits())),
      // Integer types convert by truncating toward zero, and wrap.
      rounding_(type.is_integer() ? RoundingMode::kTrnZero : type.rounding()),
      overflow_(type.is_integer() ? OverflowMode::kWrap : type.overflow()),
      largest_fitting_(largest_value(type, FE_TOWARDZERO)),
      whole_{type.min_value(), largest_value(type, FE_UPWARD)} {}

Interval TypeStore::rounded(const Interval& exact) const {
  return {round_to_grid(exact.low, scale_, unscale_, rounding_),
          round_to_grid(exact.high, scale_, unscale_, rounding_)};
}

Interval TypeStore::enclosing(const Interval& exact) const {
  return {round_to_grid(exact.low, scale_, unscale_, RoundingMode::kTrn),
          -round_to_grid(-exact.high, scale_, unscale_, RoundingMode::kTrn)};
}

bool TypeStore::fits(const Interval& exact) const {
  const Interval stored = rounded(exact);
  return stored.low >= whole_.low && stored.high <= largest_fitting_;
}

Interval TypeStore::stored(const Interval& exact) const {
  const Interval stored = rounded(exact);
  if (stored.low >= whole_.low && stored.high <= largest_fitting_) return stored;
  const auto clamp = [&](double value) { return std::clamp(value, whole_.low, whole_.high); };
  switch (overflow_) {
    case OverflowMode::kSat:
    case OverflowMode::kSatSym:
      return {clamp(stored.low), clamp(stored.high)};
    case OverflowMode::kSatZero:
      return Interval::hull({clamp(stored.low), clamp(stored.high)}, {0, 0});
    case OverflowMode::kWrap:
    case OverflowMode::kWrapSm:
      break;
  }
  return whole_;
}

Interval type_interval(const PrecisionType& type) { return TypeStore(type).whole(); }

bool fits(const Interval& exact, const PrecisionType& type) { return TypeStore(type).fits(exact); }

Interval stored_interval(const Interval& exact, const PrecisionType& type) {
  return TypeStore(type).stored(exact);
}

ValueRange stored_range(const ValueRange& exact, const PrecisionType& type) {
  const TypeStore store(type);
  ValueRange stored;
  for (const Interval& interval : exact.channels) stored.channels.push_back(store.stored(interval));
  return stored;
}

PrecisionType holding_type(const Interval& exact, int fractional_bits, const PrecisionType& modes) {
  const RoundingMode rounding = modes.is_integer() ? RoundingMode::kTrn : modes.rounding();
  const OverflowMode overflow = modes.is_integer() ? OverflowMode::kWrap : modes.overflow();
  // Unsigned types have no WRAP_SM; saturation bits (N) are not carried over.
  const double scale = std::ldexp(1.0, fractional_bits);
  const double unscale = std::ldexp(1.0, -fractional_bits);
  const Interval stored = {round_to_grid(exact.low, scale, unscale, rounding),
                           round_to_grid(exact.high, scale, unscale, rounding)};
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

ValueRange stored_output(const ir::Layer& layer, const std::optional<ValueRange>& exact) {
  const PrecisionType& result = layer.precision("result");
  const std::int64_t channels =
      layer.outputs.empty() || layer.output().shape.empty() ? 1 : layer.output().shape.back();
  if (!exact) return ValueRange::uniform(type_interval(result), channels);
  if (static_cast<std::int64_t>(exact->channels.size()) != channels) {
    throw Error("range analysis gave " + std::to_string(exact->channels.size()) +
                    " channel bounds for " + std::to_string(channels) + " channels",
                layer.description(), "fix its transfer function (a bug in hlsnn)");
  }
  return stored_range(*exact, result);
}

void TransferContext::record(const std::string& slot, const Interval& values) {
  const auto [found, inserted] = slot_values.emplace(slot, values);
  if (!inserted) found->second = Interval::hull(found->second, values);
}

LayerRange layer_range(const ir::Layer& layer, const std::vector<ValueRange>& inputs,
                       const ir::ModelSettings& settings) {
  LayerRange range;
  if (const TransferFunction* transfer = find_transfer_function(layer.layer_class)) {
    TransferContext context{inputs, settings};
    range.exact = (*transfer)(layer, context);
    range.slot_values = std::move(context.slot_values);
  }
  range.stored = stored_output(layer, range.exact);
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
