#ifndef HLSNN_PASSES_VALUE_RANGES_H
#define HLSNN_PASSES_VALUE_RANGES_H

// Range analysis: the values every tensor of a graph can hold, bounded from the model inputs'
// declared types (the input layers' result types) and the weights as their types store them.
// infer_precision chooses `auto` types from these ranges so that they never overflow, and the
// pre-flight checks warn when a configured type can overflow.
//
// A range holds one interval per channel (the last axis): element [..., c] of a tensor lies in
// channel c's interval. Per-channel bounds keep a Dense's per-unit sums tight; a layer that mixes
// channels may return one interval for all. Bounds are sound: computed with the floating-point
// rounding directed outward, then rounded and converted exactly as the generated code stores
// values (so a bound is attained, not merely approached, when the inputs attain theirs).
//
// Each layer class has a transfer function in value_range_transfers.cpp; a class without one
// (a layer family added later) gets the full range of its result type, which is sound whatever
// the layer computes, but cannot choose an `auto` result type for it.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"

namespace hlsnn::passes {

/// The real values [low, high], low <= high.
struct Interval {
  double low = 0;
  double high = 0;

  /// The smallest interval holding both.
  static Interval hull(const Interval& a, const Interval& b);
  bool operator==(const Interval& other) const { return low == other.low && high == other.high; }
  bool operator!=(const Interval& other) const { return !(*this == other); }
};

/// Interval arithmetic whose floating-point results are rounded outward: the result holds the
/// exact result of every pair of operands.
Interval operator+(const Interval& a, const Interval& b);
Interval operator-(const Interval& a, const Interval& b);
Interval operator*(const Interval& a, const Interval& b);

/// a[i] · b[i] for every i, and the sum of all terms: as the operators, for many at once.
std::vector<Interval> products(const std::vector<Interval>& a, const std::vector<Interval>& b);
Interval sum(const std::vector<Interval>& terms);

/// The bounds of a tensor's values, one interval per channel: as many as the tensor's last axis
/// holds (see the file comment).
struct ValueRange {
  std::vector<Interval> channels;

  /// The same interval for each of `channels` channels.
  static ValueRange uniform(const Interval& interval, std::int64_t channels);
  const Interval& channel(std::int64_t c) const { return channels.at(static_cast<size_t>(c)); }
  /// The smallest interval holding every channel's.
  Interval hull() const;
};

/// Storing values into one type, prepared once for many values (the loops over weights and
/// terms); the free functions below are these for a single value.
class TypeStore {
 public:
  /// Throws hlsnn::Error for `auto`.
  explicit TypeStore(const ir::PrecisionType& type);
  /// As stored_interval.
  Interval stored(const Interval& exact) const;
  /// As fits.
  bool fits(const Interval& exact) const;
  /// As type_interval.
  const Interval& whole() const { return whole_; }
  /// The smallest interval whose ends are multiples of the type's LSB holding `exact` (its ends
  /// rounded down and up; the type's range is not applied).
  Interval enclosing(const Interval& exact) const;

 private:
  Interval rounded(const Interval& exact) const;

  double scale_;
  double unscale_;
  ir::RoundingMode rounding_;
  ir::OverflowMode overflow_;
  double largest_fitting_;  ///< the largest value, rounded toward zero
  Interval whole_;          ///< the largest value rounded up
};

/// Every value `type` can hold.
Interval type_interval(const ir::PrecisionType& type);

/// The values converting any value of `exact` into `type` can give, per the type's rounding and
/// overflow modes: the rounded interval when it fits, clamped by a saturating type, the type's
/// whole range otherwise (wrapping can give any value).
Interval stored_interval(const Interval& exact, const ir::PrecisionType& type);
ValueRange stored_range(const ValueRange& exact, const ir::PrecisionType& type);

/// True when converting every value of `exact` into `type` neither wraps nor saturates.
bool fits(const Interval& exact, const ir::PrecisionType& type);

/// The narrowest type with `fractional_bits` fractional bits and the rounding and overflow modes
/// of `modes` that holds every value of `exact` once rounded to it: unsigned only when `modes`
/// is and no value is negative. Integer bits may come out negative or zero for small values.
ir::PrecisionType holding_type(const Interval& exact, int fractional_bits,
                               const ir::PrecisionType& modes);

/// What a transfer function is given: the bounds of the layer's inputs, in argument order, and
/// the model-wide settings (parameters take the default precision); and what it reports besides
/// the bound it returns.
struct TransferContext {
  const std::vector<ValueRange>& inputs;
  const ir::ModelSettings& settings;
  /// The bounds of the exact values the layer stores into slots other than `result` (the sums
  /// an accumulator holds, an intermediate result), by slot: the pre-flight check warns when a
  /// slot's type cannot hold them.
  std::map<std::string, Interval> slot_values = {};

  /// Adds `values` to the bound of `slot`.
  void record(const std::string& slot, const Interval& values);
};

/// What a layer computes before its result type stores it: the bound of its exact output, one
/// interval per channel of its output; none for a variant it does not know (e.g. an activation
/// added later), which then gets the fallback of a class without a transfer function. The
/// layer's types other than `result` are final when it is called (accumulators, tables,
/// weights).
using TransferFunction =
    std::function<std::optional<ValueRange>(const ir::Layer& layer, TransferContext& context)>;

/// The transfer function of a layer class, or nullptr when it has none
/// (value_range_transfers.cpp).
const TransferFunction* find_transfer_function(std::string_view layer_class);

/// One layer's bounds: `exact` is nullopt where no transfer function bounds it; `stored` bounds
/// what its output tensor holds after the result type stored it (the type's whole range when
/// `exact` is unknown).
struct LayerRange {
  std::optional<ValueRange> exact;
  ValueRange stored;
  /// TransferContext::slot_values.
  std::map<std::string, Interval> slot_values;
};

/// What the layer's output tensor holds once its result type (decided) stored `exact`, the
/// bound its transfer function gave (checked to have one interval per output channel), or
/// anything the type holds when there is none.
ValueRange stored_output(const ir::Layer& layer, const std::optional<ValueRange>& exact);

/// The layer's bounds, its result type already decided.
LayerRange layer_range(const ir::Layer& layer, const std::vector<ValueRange>& inputs,
                       const ir::ModelSettings& settings);

/// The input bounds of `layer`, in argument order, from the bounds of the tensors before it.
std::vector<ValueRange> input_ranges(const ir::Layer& layer,
                                     const std::map<std::string, ValueRange>& tensors);

/// Every layer's bounds by layer name, in graph order, for a graph whose types are all decided.
std::map<std::string, LayerRange> value_ranges(const ir::Graph& graph);

/// "[-3.5, 12.25]"
std::string to_string(const Interval& interval);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_VALUE_RANGES_H
