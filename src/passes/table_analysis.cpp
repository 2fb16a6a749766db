#include "passes/table_analysis.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>

#include "ir/names.h"
#include "passes/table_functions.h"

namespace hlsnn::passes {

namespace {

using ir::PrecisionType;

std::string format(double value) { return ir::format_double(value); }

/// The largest error of converting a value into `type` inside its range: an LSB when it
/// truncates, half of one when it rounds.
double quantization_error(const PrecisionType& type) {
  const bool truncates =
      type.rounding() == ir::RoundingMode::kTrn || type.rounding() == ir::RoundingMode::kTrnZero;
  return truncates ? type.lsb() : type.lsb() / 2;
}

/// How far values in [low, high] fall outside the range of `type`.
double overflow_error(const PrecisionType& type, double low, double high) {
  return std::max({0.0, high - type.max_value(), type.min_value() - low});
}

std::int64_t option(const ir::Layer& layer, const char* key, std::int64_t fallback) {
  return ir::get_attribute_or<std::int64_t>(layer.options.extra, key, fallback,
                                            layer.description());
}

/// The distance between neighbouring entries of a table addressed by the top log2(size) bits of
/// `address`.
double top_bits_step(const PrecisionType& address, std::int64_t size) {
  return std::ldexp(1.0, address.integer_bits() - static_cast<int>(std::log2(size)));
}

class Estimate {
 public:
  Estimate(const ir::Graph& graph, const ir::Layer& layer)
      : layer_(layer),
        input_layer_(*graph.producer(layer.inputs.at(0))),
        input_(input_layer_.precision("result")),
        result_(layer.precision("result")) {}

  void add(const std::string& key, double error, const std::string& cause,
           const std::string& hint) {
    if (error > 0) estimate_.contributions.push_back({key, error, cause, hint});
  }

  TableErrorEstimate finish() {
    std::stable_sort(
        estimate_.contributions.begin(), estimate_.contributions.end(),
        [](const ErrorContribution& a, const ErrorContribution& b) { return a.error > b.error; });
    for (const ErrorContribution& contribution : estimate_.contributions) {
      estimate_.worst += contribution.error;
    }
    estimate_.worst = std::min(estimate_.worst, worst_possible_);
    return estimate_;
  }

  void softmax() {
    const std::string implementation = ir::get_attribute_or<std::string>(
        layer_.options.extra, "implementation", "stable", layer_.description());
    const std::int64_t n_slice = layer_.output().shape.back();
    if (implementation == "accurate") {
      accurate_softmax(n_slice);
    } else if (implementation == "legacy") {
      legacy_softmax();
    } else {
      reference_softmax(implementation, n_slice);
    }
    result_terms(true);
  }

  void activation(const TableActivation& activation) {
    double low = 0;
    double high = 0;
    output_range(activation, low, high);
    worst_possible_ = std::max(high - low, 1.0);
    const bool accurate = ir::get_attribute_or<std::string>(layer_.options.extra, "implementation",
                                                            "", layer_.description()) == "accurate";
    if (accurate) {
      accurate_activation(activation);
    } else {
      reference_activation(activation);
    }
    result_terms(!accurate);
  }

 private:
  std::string input_key() const { return "LayerName." + input_layer_.name + ".Precision.result"; }

  /// The result's rounding: hlsnn's accurate kernels round to nearest, hls4ml's convert with the
  /// result's own modes. (Outputs beyond the result's range are the result type's matter, not
  /// the tables': the error report shows them apart.)
  void result_terms(bool own_modes) {
    const double rounding = own_modes ? quantization_error(result_) : result_.lsb() / 2;
    add("Precision.result", rounding,
        "the result " + result_.to_config() + " holds outputs in steps of " + format(result_.lsb()),
        "give Precision.result more fractional bits");
  }

  void output_range(const TableActivation& activation, double& low, double& high) const {
    const double a = evaluate(activation, input_.min_value());
    const double b = evaluate(activation, input_.max_value());
    low = std::min(
        {a, b, evaluate(activation, std::clamp(0.0, input_.min_value(), input_.max_value()))});
    high = std::max(a, b);
    if (activation.function == TableFunction::kElu || activation.function == TableFunction::kSelu) {
      low = std::min(low, evaluate(activation, -1e9));
    }
  }

  void accurate_softmax(std::int64_t n_slice) {
    const PrecisionType distance = layer_.precision("inp_norm");
    const std::int64_t exp_size = option(layer_, "exp_table_size", 1024);
    const double step = top_bits_step(distance, exp_size);
    const double range = std::ldexp(1.0, distance.integer_bits());
    if (step > input_.lsb()) {
      add("table_size", (std::exp(step / 2) - 1) / 2,
          "the exp table reads max - x to the nearest of its steps of " + format(step),
          "raise table_size");
    }
    if (input_.max_value() - input_.min_value() > range - step / 2) {
      add("Precision.inp_norm", static_cast<double>(n_slice - 1) * std::exp(-(range - step)),
          "the exp table ends at max - x = " + format(range),
          "give Precision.inp_norm more integer bits");
    }
    add("Precision.exp_table", quantization_error(layer_.precision("exp_table")) * 2,
        "exp_table " + layer_.precision("exp_table").to_config() + " rounds the exponentials",
        "give Precision.exp_table more fractional bits");
    const std::int64_t inv_size = option(layer_, "inv_table_size", 1024);
    add("Precision.inv_table",
        std::ldexp(1.0, -static_cast<int>(std::log2(inv_size)) - 1) +
            quantization_error(layer_.precision("inv_table")),
        "1/sum comes from a table of " + std::to_string(inv_size) + " entries of " +
            layer_.precision("inv_table").to_config(),
        "raise table_size or give Precision.inv_table more fractional bits");
  }

  void reference_softmax(const std::string& implementation, std::int64_t n_slice) {
    const bool stable = implementation == "stable";
    const PrecisionType address = stable ? layer_.precision("inp_norm") : input_;
    const std::int64_t exp_size = option(layer_, "exp_table_size", 1024);
    const double step = top_bits_step(address, exp_size);
    // Entries sampled at the low end of each step: up to e^(step - LSB) too large.
    if (step > input_.lsb()) {
      add(stable ? "table_size" : input_key(),
          (std::exp(std::min(step - input_.lsb(), 8.0)) - 1) / 4,
          "the exp table is addressed in steps of " + format(step) + " (the top bits of " +
              address.to_config() + ")",
          stable ? "raise table_size or narrow the input's type (" + input_key() + ")"
                 : "narrow " + input_key());
    }
    const double span = input_.max_value() - input_.min_value();
    if (stable && span > address.max_value()) {
      add("Precision.inp_norm", 1,
          "max - x reaches " + format(span) + ", beyond inp_norm " + address.to_config() +
              ", which wraps: a far input reads a large exponential",
          "give Precision.inp_norm the integer bits of the input's span, or narrow " + input_key());
    }
    const PrecisionType exp_table = layer_.precision("exp_table");
    const double largest_exponential = stable ? 1.0 : std::exp(std::min(input_.max_value(), 700.0));
    add("Precision.exp_table",
        2 * quantization_error(exp_table) +
            std::min(1.0, overflow_error(exp_table, 0, largest_exponential)),
        "exp_table " + exp_table.to_config() + " holds the exponentials",
        "give Precision.exp_table more fractional bits (and the integer bits e^x needs)");
    const PrecisionType inv_inp = layer_.precision("inv_inp");
    const std::int64_t inv_size = option(layer_, "inv_table_size", 1024);
    const double inverse_step = top_bits_step(inv_inp, inv_size);
    // The smallest sum: 1 when the maximum is subtracted, else n e^(smallest input).
    const double smallest_sum =
        stable ? 1.0
               : static_cast<double>(n_slice) * std::exp(std::max(input_.min_value(), -700.0));
    // Entries at the low end L of each step: a sum just below L + step reads 1/L.
    const double lowest_entry = std::floor(smallest_sum / inverse_step) * inverse_step;
    const double inverse_error =
        lowest_entry <= 0 ? 1.0 : 1 / lowest_entry - 1 / (lowest_entry + inverse_step);
    add("Precision.inv_inp",
        std::min(1.0, inverse_error + overflow_error(inv_inp, 0, static_cast<double>(n_slice))),
        "the inverse table is addressed in steps of " + format(inverse_step) +
            " (the top bits of inv_inp " + inv_inp.to_config() + ")",
        "give Precision.inv_inp " + std::to_string(static_cast<int>(std::log2(n_slice)) + 2) +
            " integer bits");
    const PrecisionType inv_table = layer_.precision("inv_table");
    add("Precision.inv_table",
        quantization_error(inv_table) +
            std::min(1.0, overflow_error(inv_table, 0, 1 / smallest_sum)),
        "inv_table " + inv_table.to_config() + " holds 1/sum",
        "give Precision.inv_table more fractional bits");
    const PrecisionType accum = layer_.precision("accum");
    add("Precision.accum",
        std::min(1.0, overflow_error(accum, 0, static_cast<double>(n_slice) * largest_exponential) +
                          static_cast<double>(n_slice) *
                              std::max(0.0, quantization_error(accum) - exp_table.lsb() / 2)),
        "accum " + accum.to_config() + " holds the sum of " + std::to_string(n_slice) +
            " exponentials",
        "give Precision.accum the exponentials' fractional bits and " +
            std::to_string(static_cast<int>(std::log2(n_slice)) + 2) + " integer bits");
  }

  void legacy_softmax() {
    const std::int64_t exp_size = option(layer_, "exp_table_size", 1024);
    const std::int64_t inv_size = option(layer_, "inv_table_size", 1024);
    add("table_size",
        (std::exp(16.0 / static_cast<double>(exp_size)) - 1) / 4 +
            64.0 / static_cast<double>(inv_size),
        "legacy tables: e^x in steps of " + format(16.0 / static_cast<double>(exp_size)) +
            ", 1/sum in steps of " + format(64.0 / static_cast<double>(inv_size)),
        "raise table_size, or use implementation stable with its table types left to hlsnn");
  }

  void accurate_activation(const TableActivation& activation) {
    const PrecisionType table = layer_.precision("table");
    const std::int64_t size = option(layer_, "table_size", 1024);
    const AccurateTableShape shape = accurate_table_shape(activation);
    const double weight =
        activation.function == TableFunction::kElu ? std::fabs(activation.alpha) : 1;
    add("Precision.table", weight * quantization_error(table),
        "table " + table.to_config() + " rounds the entries",
        "give Precision.table more fractional bits");
    if (activation.function == TableFunction::kSoftsign) {
      add("table_size", std::ldexp(1.0, -static_cast<int>(std::log2(size)) - 1),
          "1/(1 + |x|) comes from a table of " + std::to_string(size) + " entries",
          "raise table_size");
      return;
    }
    const double range = ir::get_attribute_or<double>(layer_.options.extra, "table_range", 8.0,
                                                      layer_.description());
    const double step = range / static_cast<double>(size);
    if (step > input_.lsb()) {
      add("table_size", shape.max_slope * step / 2,
          "the table reads the input to the nearest of its steps of " + format(step),
          "raise table_size");
    }
    const bool negative_branch =
        activation.function == TableFunction::kElu || activation.function == TableFunction::kSelu;
    const double largest =
        negative_branch ? -input_.min_value()
                        : std::max(std::fabs(input_.min_value()), std::fabs(input_.max_value()));
    if (largest > range - step / 2) {
      add("table_range", shape.tail(range - step), "the table ends at |x| = " + format(range),
          "widen the table (table_range)");
    }
  }

  void reference_activation(const TableActivation& activation) {
    const PrecisionType table = layer_.precision("table");
    const std::int64_t size = option(layer_, "table_size", 1024);
    const ReferenceTableShape shape = reference_table_shape(activation);
    const double step = (shape.high - shape.low) / static_cast<double>(size);
    // Entries are sampled at one end of each step (the index truncates toward zero): an input
    // on its grid is at most a step less one LSB away.
    add("table_size", shape.max_slope * std::max(step - input_.lsb(), 0.0),
        "the table covers [" + format(shape.low) + ", " + format(shape.high) + ") in steps of " +
            format(step),
        "raise table_size");
    // Inputs beyond the covered range read the nearest end.
    double clamped = 0;
    if (input_.max_value() >= shape.high && !shape.negative_only) {
      clamped = std::max(clamped, std::fabs(evaluate(activation, input_.max_value()) -
                                            evaluate(activation, shape.high - step)));
    }
    if (input_.min_value() < shape.low) {
      clamped = std::max(clamped, std::fabs(evaluate(activation, input_.min_value()) -
                                            evaluate(activation, shape.low)));
    }
    add("table_t", clamped,
        "hls4ml's table covers inputs in [" + format(shape.low) + ", " + format(shape.high) +
            ") only; the input " + input_.to_config() + " reaches [" + format(input_.min_value()) +
            ", " + format(input_.max_value()) + "]",
        "leave table_t unset (hlsnn then covers the input's range) or narrow " + input_key());
    double low = 0;
    double high = 0;
    output_range(activation, low, high);
    const double weight =
        activation.function == TableFunction::kElu ? std::fabs(activation.alpha) : 1;
    add("Precision.table",
        weight * quantization_error(table) + std::min(high - low, overflow_error(table, low, high)),
        "table " + table.to_config() + " holds the entries",
        "give Precision.table more fractional bits (and the integer bits the outputs need)");
  }

  const ir::Layer& layer_;
  const ir::Layer& input_layer_;
  const PrecisionType input_;
  const PrecisionType result_;
  double worst_possible_ = 1;
  TableErrorEstimate estimate_;
};

}  // namespace

std::int64_t TableMemory::bram18() const {
  static constexpr std::int64_t kShapes[][2] = {{16384, 1}, {8192, 2},  {4096, 4},
                                                {2048, 9},  {1024, 18}, {512, 36}};
  std::int64_t fewest = INT64_MAX;
  for (const auto& [depth, width] : kShapes) {
    fewest = std::min(fewest, ((entries + depth - 1) / depth) * ((entry_bits + width - 1) / width));
  }
  return fewest;
}

std::vector<TableMemory> table_memory(const ir::Layer& layer) {
  if (layer.layer_class == "Softmax") {
    const std::string implementation = ir::get_attribute_or<std::string>(
        layer.options.extra, "implementation", "stable", layer.description());
    if (implementation == "argmax") return {};
    // The legacy kernel's tables are of the config's table_t, hls4ml's ap_fixed<18,8>.
    const bool legacy = implementation == "legacy";
    return {{"exp table", option(layer, "exp_table_size", 1024),
             legacy ? 18 : layer.precision("exp_table").width()},
            {"inverse table", option(layer, "inv_table_size", 1024),
             legacy ? 18 : layer.precision("inv_table").width()}};
  }
  if (!table_activation(layer)) return {};
  return {{"table", option(layer, "table_size", 1024), layer.precision("table").width()}};
}

std::optional<TableErrorEstimate> estimate_table_error(const ir::Graph& graph,
                                                       const ir::Layer& layer) {
  if (layer.layer_class == "Softmax") {
    const std::string implementation = ir::get_attribute_or<std::string>(
        layer.options.extra, "implementation", "stable", layer.description());
    if (implementation == "argmax") return std::nullopt;  // a one-hot, not a softmax
    Estimate estimate(graph, layer);
    estimate.softmax();
    return estimate.finish();
  }
  const std::optional<TableActivation> activation = table_activation(layer);
  if (!activation) return std::nullopt;
  Estimate estimate(graph, layer);
  estimate.activation(*activation);
  return estimate.finish();
}

}  // namespace hlsnn::passes
