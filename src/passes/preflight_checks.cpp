#include "passes/preflight_checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

#include "ir/attribute.h"
#include "ir/names.h"
#include "passes/table_analysis.h"
#include "passes/value_ranges.h"

namespace hlsnn::passes {

namespace {

using ir::PrecisionType;

/// Vivado HLS and Vitis HLS refuse to unroll (or partition) beyond this many copies.
constexpr std::int64_t kUnrollLimit = 4096;

/// Softmax table steps this coarse give garbage: inputs that differ by less share one exponential,
/// sums below it read the entry for 1/0.
constexpr double kExpStepError = 1.0;
constexpr double kInverseStepError = 1.0;

/// A table layer whose estimated worst-case error exceeds this gets a warning naming the slot
/// that contributes most (hlsnn's own choices stay well below it).
constexpr double kTableErrorWarning = 0.02;

std::string config_key(const ir::Layer& layer, const std::string& key) {
  return "LayerName." + layer.name + "." + key;
}

std::string format_step(double step) { return ir::format_double(step); }

int log2_floor(std::int64_t value) {
  int bits = 0;
  while ((std::int64_t{1} << (bits + 1)) <= value) ++bits;
  return bits;
}

/// The narrowest type with `type`'s fractional bits and signedness that holds every value.
PrecisionType holding_type(const PrecisionType& type, const std::vector<double>& values) {
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  for (int integer_bits = type.integer_bits(); integer_bits < 64; ++integer_bits) {
    const PrecisionType wider = PrecisionType::fixed(type.fractional_bits() + integer_bits,
                                                     integer_bits, type.is_signed() || *low < 0);
    if (*low >= wider.min_value() && *high <= wider.max_value()) return wider;
  }
  return type;
}

void check_weight_ranges(ir::Graph& graph, const ir::Layer& layer) {
  for (const ir::Weight& weight : layer.weights) {
    if (weight.precision.is_auto() || weight.values.empty()) continue;
    const double low = weight.precision.min_value();
    const double high = weight.precision.max_value();
    const auto outside = std::count_if(weight.values.begin(), weight.values.end(),
                                       [&](double v) { return v < low || v > high; });
    if (outside == 0) continue;
    graph.add_warning(Error(
        std::to_string(outside) + " of " + std::to_string(weight.values.size()) + " values of " +
            weight.name + " lie outside the range [" + ir::format_double(low) + ", " +
            ir::format_double(high) + "] of its type " + weight.precision.to_config() +
            ", so they " +
            (weight.precision.overflow() == ir::OverflowMode::kWrap ? "wrap around" : "saturate"),
        layer.description(),
        "set " + config_key(layer, "Precision." + weight.name) + " to " +
            holding_type(weight.precision, weight.values).to_config() +
            " (the same fractional bits, enough integer bits)"));
  }
}

bool is_convolution(const std::string& layer_class) {
  for (const char* name : {"Conv1D", "Conv2D", "DepthwiseConv1D", "DepthwiseConv2D",
                           "SeparableConv1D", "SeparableConv2D"}) {
    if (layer_class == name) return true;
  }
  return false;
}

/// The multiplications a Latency layer unrolls at once: a Dense's over all its rows, a
/// convolution's for ParallelizationFactor output pixels (both steps of a separable one); in
/// io_stream designs one row or one output pixel per step; 0 for layers that do not multiply.
std::int64_t unrolled_multiplications(const ir::Layer& layer, bool streams) {
  if (layer.layer_class == "Dense") {
    const std::int64_t rows =
        ir::element_count(layer.output().shape) / layer.attribute<std::int64_t>("n_out");
    return ir::element_count(layer.weight("weight").shape) * (streams ? 1 : rows);
  }
  if (!is_convolution(layer.layer_class)) return 0;
  std::int64_t per_pixel = 0;
  for (const ir::Weight& weight : layer.weights) {
    if (weight.name != "bias") per_pixel += ir::element_count(weight.shape);
  }
  if (streams) return per_pixel;
  return per_pixel * ir::get_attribute_or<std::int64_t>(
                         layer.options.extra, "ParallelizationFactor", 1, layer.description());
}

void check_unroll_limit(ir::Graph& graph, const ir::Layer& layer) {
  if (layer.options.strategy != ir::Strategy::kLatency) return;
  const bool streams = graph.settings().io_type == ir::IoType::kStream;
  const std::int64_t multiplications = unrolled_multiplications(layer, streams);
  if (multiplications <= kUnrollLimit) return;
  // io_stream convolutions compute one output pixel per step, whatever the factor.
  const std::int64_t parallel =
      streams ? 1
              : ir::get_attribute_or<std::int64_t>(layer.options.extra, "ParallelizationFactor", 1,
                                                   layer.description());
  graph.add_warning(Error("the Latency strategy unrolls all " + std::to_string(multiplications) +
                              " multiplications, more than the " + std::to_string(kUnrollLimit) +
                              " the vendor tool unrolls; synthesis would run for hours and fail",
                          layer.description(),
                          (parallel > 1 ? "lower " + config_key(layer, "ParallelizationFactor") +
                                              " (now " + std::to_string(parallel) + "), or "
                                        : std::string()) +
                              "set " + config_key(layer, "Strategy") + " to Resource with a " +
                              config_key(layer, "ReuseFactor") + " of at least " +
                              std::to_string((multiplications + kUnrollLimit - 1) / kUnrollLimit)));
}

/// io_parallel keeps every layer's output in registers (the top function partitions it
/// completely); the vendor tool partitions at most kUnrollLimit elements (XFORM 203-103).
void check_partition_limit(ir::Graph& graph, const ir::Layer& layer) {
  // An aliasing Reshape has its input's array, already checked there.
  if (graph.settings().io_type != ir::IoType::kParallel || layer.layer_class == "Reshape") return;
  const std::int64_t elements = ir::element_count(layer.output().shape);
  if (elements <= kUnrollLimit) return;
  graph.add_warning(Error("io_parallel holds all " + std::to_string(elements) +
                              " output values in registers (" +
                              ir::shape_to_string(layer.output().shape) + "), more than the " +
                              std::to_string(kUnrollLimit) +
                              " elements the vendor tool partitions; synthesis would fail",
                          layer.description(),
                          "make the tensor smaller before this layer (pool, crop or a smaller "
                          "input) or use io_stream (IOType: io_stream), which streams it"));
}

/// The distance between neighbouring entries of a table addressed by the top log2(size) bits of
/// `address`.
double table_step(const PrecisionType& address, std::int64_t size) {
  return std::ldexp(1.0, address.integer_bits() - log2_floor(size));
}

void check_softmax(ir::Graph& graph, const ir::Layer& layer) {
  const std::string implementation = ir::get_attribute_or<std::string>(
      layer.options.extra, "implementation", "stable", layer.description());
  if (implementation != "stable" && implementation != "latency") return;
  const std::int64_t table_size =
      ir::get_attribute<std::int64_t>(layer.options.extra, "inv_table_size", layer.description());
  const std::int64_t exp_table_size =
      ir::get_attribute<std::int64_t>(layer.options.extra, "exp_table_size", layer.description());
  const std::int64_t n_slice = layer.output().shape.back();
  const PrecisionType input = graph.producer(layer.inputs.at(0))->precision("result");

  // The stable variant addresses its exp table with max - x in inp_norm; latency with x itself.
  const bool stable = implementation == "stable";
  const PrecisionType exp_address = stable ? layer.precision("inp_norm") : input;
  const double exp_step = table_step(exp_address, exp_table_size);
  const std::string input_name = graph.producer(layer.inputs.at(0))->name;
  std::string exp_hint = "narrow the input's type (LayerName." + input_name +
                         ".Precision.result, now " + input.to_config() + ") to about " +
                         std::to_string(log2_floor(exp_table_size) - 4 + (stable ? 1 : 0)) +
                         " integer bits, or raise " + config_key(layer, "table_size");
  if (stable) {
    exp_hint += ", or store max - x saturating: set " + config_key(layer, "inp_norm_t") +
                " to e.g. " +
                PrecisionType::fixed(3 + input.fractional_bits(), 3, false, ir::RoundingMode::kTrn,
                                     ir::OverflowMode::kSat)
                    .to_config();
  }
  const std::string exp_problem = "the exp table of " + std::to_string(exp_table_size) +
                                  " entries is addressed in steps of " + format_step(exp_step) +
                                  " (the top bits of " + exp_address.to_config() + ")";
  if (exp_step >= kExpStepError && exp_step > input.lsb()) {
    throw Error(exp_problem +
                    ", so inputs that differ by less share one exponential and the "
                    "outputs are not a distribution",
                layer.description(), exp_hint);
  }

  const PrecisionType inv_inp = layer.precision("inv_inp");
  const double inverse_step = table_step(inv_inp, table_size);
  const int wanted_integer_bits = log2_floor(n_slice) + 1 + (inv_inp.is_signed() ? 1 : 0);
  const std::string inverse_hint =
      "set " + config_key(layer, "Precision.inv_inp") + " to a type with " +
      std::to_string(wanted_integer_bits) + " integer bits, e.g. " +
      PrecisionType::fixed(18, wanted_integer_bits, inv_inp.is_signed(), ir::RoundingMode::kRnd,
                           ir::OverflowMode::kSat)
          .to_config();
  const std::string inverse_problem = "the inverse table is addressed in steps of " +
                                      format_step(inverse_step) + " (the top bits of inv_inp " +
                                      inv_inp.to_config() + ")";
  if (inverse_step >= kInverseStepError) {
    throw Error(inverse_problem + ", so sums of exponentials below " + format_step(inverse_step) +
                    " read the entry for 1/0 and the outputs are not a distribution",
                layer.description(), inverse_hint);
  }
  for (const char* slot : {"accum", "inv_inp"}) {
    const PrecisionType type = layer.precision(slot);
    if (type.max_value() >= static_cast<double>(n_slice)) continue;
    graph.add_warning(Error("the sum of " + std::to_string(n_slice) + " exponentials can reach " +
                                std::to_string(n_slice) + ", beyond the largest value of " +
                                std::string(slot) + " " + type.to_config(),
                            layer.description(),
                            "give " + config_key(layer, std::string("Precision.") + slot) +
                                " at least " + std::to_string(wanted_integer_bits) +
                                " integer bits"));
  }
  if (layer.precision("exp_table").max_value() < 1.0) {
    graph.add_warning(Error("exp_table " + layer.precision("exp_table").to_config() +
                                " cannot hold e^0 = 1, the largest entry",
                            layer.description(),
                            "give " + config_key(layer, "Precision.exp_table") +
                                " at least 2 integer bits (1 when unsigned)"));
  }
}

/// QKeras activations computed from a table of every input code (use_real_tanh, ...): inputs of
/// at most this many bits (65536 entries).
constexpr int kLargestCodeTableInput = 16;

void check_code_table(const ir::Graph& graph, const ir::Layer& layer) {
  const PrecisionType& input = graph.producer(layer.inputs.at(0))->precision("result");
  if (input.width() <= kLargestCodeTableInput) return;
  throw Error(layer.attribute_or<std::string>("quantizer", "the quantizer") +
                  " is computed from a table of every value of its input type " +
                  input.to_config() + ", which has " + std::to_string(input.width()) +
                  " bits (at most " + std::to_string(kLargestCodeTableInput) + ")",
              layer.description(),
              "give the layer before it a narrower result type, e.g. with a quantizer");
}

/// "LayerName.x.Precision.result" of every model input: what declares the input range.
std::string input_type_keys(const ir::Graph& graph) {
  std::string keys;
  for (const std::string& input : graph.inputs()) {
    keys += (keys.empty() ? "" : ", ") + config_key(*graph.producer(input), "Precision.result");
  }
  return keys;
}

/// A wrapping `slot` type that some value of `values` (the bound on the declared input range)
/// does not fit: the values wrap around to garbage. Saturating types clip by design.
void check_overflow(ir::Graph& graph, const ir::Layer& layer, const std::string& slot,
                    const Interval& values) {
  const PrecisionType& type = layer.precision(slot);
  const bool wraps = type.is_integer() || type.overflow() == ir::OverflowMode::kWrap ||
                     type.overflow() == ir::OverflowMode::kWrapSm;
  if (!wraps || fits(values, type)) return;
  const PrecisionType holding = holding_type(values, type.fractional_bits(), type);
  graph.add_warning(
      Error(slot + " " + type.to_config() + " holds " + to_string(type_interval(type)) +
                " but its values reach " + to_string(values) +
                " on the declared input range, so they can wrap around",
            layer.description(),
            "set " + config_key(layer, "Precision." + slot) + " to " + holding.to_config() +
                " (the same fractional bits, enough integer bits), leave it auto, "
                "or declare narrower inputs (" +
                input_type_keys(graph) + ")"));
}

void check_overflows(ir::Graph& graph) {
  const std::map<std::string, LayerRange> ranges = value_ranges(graph);
  for (const ir::Layer& layer : graph.layers()) {
    const LayerRange& range = ranges.at(layer.name);
    if (!range.exact || layer.layer_class == "Input") continue;
    for (const auto& [slot, values] : range.slot_values) {
      check_overflow(graph, layer, slot, values);
    }
    check_overflow(graph, layer, "result", range.exact->hull());
  }
}

void check_table_error(ir::Graph& graph, const ir::Layer& layer) {
  const std::optional<TableErrorEstimate> estimate = estimate_table_error(graph, layer);
  if (!estimate || estimate->worst <= kTableErrorWarning) return;
  const ErrorContribution& largest = estimate->contributions.front();
  const std::string key =
      largest.key.rfind("LayerName.", 0) == 0 ? largest.key : config_key(layer, largest.key);
  const auto short_number = [](double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2g", value);
    return std::string(text);
  };
  graph.add_warning(Error("outputs may be off by up to " + short_number(estimate->worst) +
                              " (estimated from its types), most of it (" +
                              short_number(largest.error) + ") because " + largest.cause,
                          layer.description(), largest.hint + ": " + key));
}

}  // namespace

void preflight_checks(ir::Graph& graph) {
  for (const ir::Layer& layer : graph.layers()) {
    check_weight_ranges(graph, layer);
    check_unroll_limit(graph, layer);
    check_partition_limit(graph, layer);
    if (layer.layer_class == "Activation" && layer.has_attribute("table")) {
      check_code_table(graph, layer);
    }
    if (layer.layer_class == "Softmax") check_softmax(graph, layer);
    check_table_error(graph, layer);
  }
  check_overflows(graph);
}

}  // namespace hlsnn::passes
