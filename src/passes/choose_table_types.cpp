#include "passes/choose_table_types.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "ir/error.h"
#include "ir/precision_slots.h"
#include "passes/table_functions.h"

namespace hlsnn::passes {

namespace {

using ir::OverflowMode;
using ir::PrecisionType;
using ir::RoundingMode;

/// hls4ml's table size when none is configured.
constexpr std::int64_t kDefaultTableSize = 1024;
/// hlsnn's tables hold at most twice the entries of hls4ml's at the same table_size, each at
/// most this wide (one BRAM18 holds 1024 entries of 18 bits).
constexpr int kMaxEntryBits = 18;
/// Finest result grid the derivations consider (finer results gain nothing from 18-bit tables).
constexpr int kMaxResultFractionBits = 24;
/// The widest table address an explicit inp_norm may ask for (16M entries).
constexpr int kMaxAddressBits = 24;

PrecisionType rounding_saturating(int width, int integer_bits, bool is_signed) {
  return PrecisionType::fixed(width, integer_bits, is_signed, RoundingMode::kRnd,
                              OverflowMode::kSat);
}

std::int64_t configured_table_size(const ir::Layer& layer) {
  return ir::get_attribute_or<std::int64_t>(layer.options.extra, "table_size", kDefaultTableSize,
                                            layer.description());
}

/// The fractional bits of the result's grid that the tables aim at.
int result_fraction_bits(const PrecisionType& result) {
  return std::clamp(result.fractional_bits(), 1, kMaxResultFractionBits);
}

/// log2 of the smallest power of two >= value (value > 0).
int ceil_log2(double value) { return static_cast<int>(std::ceil(std::log2(value) - 1e-12)); }

void set_if_auto(ir::Layer& layer, const std::string& slot, const PrecisionType& type) {
  if (layer.precision(slot).is_auto()) layer.set_precision(slot, type);
}

bool all_auto(const ir::Layer& layer, std::initializer_list<const char*> slots) {
  return std::all_of(slots.begin(), slots.end(),
                     [&](const char* slot) { return layer.precision(slot).is_auto(); });
}

class TableChoice {
 public:
  explicit TableChoice(ir::Graph& graph) : graph_(graph) {}

  void run() {
    for (ir::Layer& layer : graph_.layers()) {
      if (layer.layer_class == "Softmax") {
        choose_softmax(layer);
      } else if (layer.layer_class == "Activation") {
        choose_activation(layer);
      }
    }
  }

 private:
  const PrecisionType& input_type(const ir::Layer& layer) const {
    return graph_.producer(layer.inputs.at(0))->precision("result");
  }

  void choose_softmax(ir::Layer& layer) {
    const std::string implementation = ir::get_attribute_or<std::string>(
        layer.options.extra, "implementation", "stable", layer.description());
    if (implementation == "accurate" ||
        (implementation == "stable" &&
         all_auto(layer, {"exp_table", "inv_table", "inv_inp", "inp_norm"}))) {
      choose_accurate_softmax(layer);
    } else {
      choose_reference_softmax(layer, implementation);
    }
  }

  /// See nnet_softmax_accurate.h for what each type does. Types the config sets are kept.
  void choose_accurate_softmax(ir::Layer& layer) {
    const PrecisionType& input = input_type(layer);
    const int result_bits = result_fraction_bits(layer.precision("result"));
    const std::int64_t n_slice = layer.output().shape.back();
    const std::int64_t budget = configured_table_size(layer);

    // Every exponential beyond the range is read as e^-range; n_slice - 1 of them must stay
    // below half a result LSB in the sum. No distance exceeds the input's span.
    const double needed =
        std::log(2.0 * static_cast<double>(std::max<std::int64_t>(n_slice - 1, 1))) +
        result_bits * std::log(2.0);
    const double span = input.max_value() - input.min_value();
    const int range_bits = std::max(0, std::min(ceil_log2(needed), ceil_log2(span)));
    // At the input's resolution, or 2 * table_size entries.
    const int resolution_bits = range_bits + input.fractional_bits();
    const int exp_address_bits = std::clamp(
        resolution_bits, 1, static_cast<int>(std::log2(2.0 * static_cast<double>(budget))));
    const int exp_bits = std::min(result_bits + 4, kMaxEntryBits - 1);
    const int sum_integer_bits = static_cast<int>(std::floor(std::log2(n_slice))) + 1;
    const int inverse_bits = std::min(result_bits + 4, kMaxEntryBits);

    layer.options.extra["implementation"] = ir::make_attribute("accurate");
    set_if_auto(layer, "inp_norm", rounding_saturating(exp_address_bits, range_bits, false));
    // Every bit of inp_norm addresses the exp table.
    const PrecisionType& distance = layer.precision("inp_norm");
    if (distance.width() > kMaxAddressBits) {
      throw Error("inp_norm " + distance.to_config() + " would address an exp table of 2^" +
                      std::to_string(distance.width()) + " entries",
                  layer.description(),
                  "give Precision.inp_norm at most " + std::to_string(kMaxAddressBits) +
                      " bits, or leave it unset");
    }
    set_if_auto(layer, "exp_table", rounding_saturating(exp_bits + 1, 1, false));
    // The exact sum of the entries; a sum type the config only defaulted is replaced by it.
    const PrecisionType& exp_table = layer.precision("exp_table");
    const int entry_fraction_bits = std::max(exp_table.fractional_bits(), 0);
    if (layer.precision("accum").is_auto() || layer.attribute_or("accum_from_default", false)) {
      layer.set_precision("accum", PrecisionType::fixed(entry_fraction_bits + sum_integer_bits,
                                                        sum_integer_bits, false));
    }
    set_if_auto(layer, "inv_inp", layer.precision("accum"));  // not read: the sum is normalized
    set_if_auto(layer, "inv_table", rounding_saturating(inverse_bits, 0, false));
    layer.options.extra["exp_table_size"] = ir::make_attribute(std::int64_t{1} << distance.width());
    layer.options.extra["inv_table_size"] = ir::make_attribute(budget);
  }

  /// hls4ml's defaults for the slots left auto.
  void choose_reference_softmax(ir::Layer& layer, const std::string& implementation) {
    const PrecisionType table = ir::parse_precision("ap_fixed<18,8,AP_RND,AP_SAT>");
    const std::int64_t table_size = configured_table_size(layer);
    std::int64_t exp_table_size = table_size;
    for (const char* slot : {"exp_table", "inv_table", "accum", "inv_inp"}) {
      set_if_auto(layer, slot, table);
    }
    if (implementation == "stable" && layer.precision("inp_norm").is_auto()) {
      // Unsigned, one bit narrower than a signed input; the exp table no larger than that
      // type addresses.
      const PrecisionType& input = input_type(layer);
      const int sign_bit = input.is_signed() ? 1 : 0;
      const int width = input.width() - sign_bit;
      layer.set_precision("inp_norm",
                          PrecisionType::fixed(width, input.integer_bits() - sign_bit, false));
      if (input.is_signed() && width < 62) {
        exp_table_size = std::min<std::int64_t>(table_size, std::int64_t{1} << width);
      }
    }
    // Outside `stable` inp_norm is not read; the reference writes this placeholder.
    set_if_auto(layer, "inp_norm", ir::parse_precision("ap_fixed<1,0>"));
    layer.options.extra["exp_table_size"] = ir::make_attribute(exp_table_size);
    layer.options.extra["inv_table_size"] = ir::make_attribute(table_size);
  }

  void choose_activation(ir::Layer& layer) {
    const std::optional<TableActivation> activation = table_activation(layer);
    if (!activation || !layer.precision("table").is_auto()) {
      set_if_auto(layer, "table", ir::parse_precision("ap_fixed<18,8>"));
      return;
    }
    const PrecisionType& input = input_type(layer);
    const int result_bits = result_fraction_bits(layer.precision("result"));
    const std::int64_t largest_size = 2 * configured_table_size(layer);
    layer.options.extra["implementation"] = ir::make_attribute("accurate");
    if (activation->function == TableFunction::kSoftsign) {
      // 1/(1 + |x|) from a mantissa table: relative error 2^-(address bits + 1).
      const int address_bits = std::clamp(
          result_bits + 1, 1, static_cast<int>(std::log2(static_cast<double>(largest_size))));
      layer.set_precision("table",
                          rounding_saturating(std::min(result_bits + 4, kMaxEntryBits), 0, false));
      layer.options.extra["table_size"] = ir::make_attribute(std::int64_t{1} << address_bits);
      return;
    }
    const AccurateTableShape shape = accurate_table_shape(*activation);
    const bool negative_branch =
        activation->function == TableFunction::kElu || activation->function == TableFunction::kSelu;
    const double largest_input =
        negative_branch ? std::max(0.0, -input.min_value())
                        : std::max(std::fabs(input.min_value()), std::fabs(input.max_value()));
    const double result_lsb = std::ldexp(1.0, -result_bits);
    if (largest_input == 0) {  // an unsigned input never reaches elu's or selu's table
      layer.set_precision("table", rounding_saturating(2, 1, true));
      layer.options.extra["table_size"] = ir::make_attribute(std::int64_t{2});
      layer.options.extra["table_range"] = ir::make_attribute(1.0);
      return;
    }

    // The range 2^k with the smallest worst-case error (step error plus what saturating the
    // address costs); each with the fewest entries that keep the step error at a quarter LSB.
    const int widest = std::max(0, ceil_log2(std::max(largest_input, 1.0)));
    int best_range_bits = widest;
    int best_address_bits = 1;
    double best_error = INFINITY;
    for (int range_bits = widest; range_bits >= std::min(widest, -4); --range_bits) {
      const int finest = std::max(1, range_bits + input.fractional_bits());
      int address_bits = 1;
      while (address_bits < finest &&
             std::ldexp(1.0, address_bits) < static_cast<double>(largest_size) &&
             shape.max_slope * std::ldexp(1.0, range_bits - address_bits) / 2 > result_lsb / 4) {
        ++address_bits;
      }
      const double step = std::ldexp(1.0, range_bits - address_bits);
      const double step_error = step > input.lsb() ? shape.max_slope * step / 2 : 0;
      const double range = std::ldexp(1.0, range_bits);
      const double tail_error = range - step / 2 < largest_input ? shape.tail(range - step) : 0;
      const double error = step_error + tail_error;
      if (error < best_error * (1 - 1e-9)) {
        best_error = error;
        best_range_bits = range_bits;
        best_address_bits = address_bits;
      }
    }
    // Entries on the result's grid where the entry is the result (sigmoid, tanh, selu's
    // negative branch); finer where arithmetic follows (softplus adds x, elu multiplies by alpha).
    int guard_bits = 0;
    if (activation->function == TableFunction::kSoftplus) guard_bits = 2;
    if (activation->function == TableFunction::kElu) {
      guard_bits = 2 + std::max(0, ceil_log2(std::max(std::fabs(activation->alpha), 1.0)));
    }
    // Signed: -2^(I-1) holds the lowest entry; unsigned: 2^I exceeds the highest.
    const bool is_signed = shape.low < 0;
    const int integer_bits = is_signed ? std::max(0, ceil_log2(-shape.low)) + 1
                                       : std::max(0, ceil_log2(shape.high * (1 + 1e-9)));
    const int entry_bits = std::min(result_bits + guard_bits, kMaxEntryBits - integer_bits);
    layer.set_precision("table",
                        rounding_saturating(entry_bits + integer_bits, integer_bits, is_signed));
    layer.options.extra["table_size"] = ir::make_attribute(std::int64_t{1} << best_address_bits);
    layer.options.extra["table_range"] = ir::make_attribute(std::ldexp(1.0, best_range_bits));
  }

  ir::Graph& graph_;
};

}  // namespace

void choose_table_types(ir::Graph& graph) { TableChoice(graph).run(); }

}  // namespace hlsnn::passes
