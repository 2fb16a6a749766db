#include "config/hls_config.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "config/config_keys.h"
#include "config/reuse_factor.h"
#include "ir/error.h"
#include "ir/names.h"
#include "ir/precision_slots.h"
#include "ir/precision_type.h"

namespace hlsnn::config {

using json = nlohmann::ordered_json;

namespace {

const std::vector<std::string> kTopLevelKeys = {"Model", "LayerType", "LayerName"};
/// Keys every layer scope reads by name; the others come from layer_keys().
const std::vector<std::string> kLayerScopeKeys = {"Precision", "ReuseFactor", "Strategy"};
/// PyTorch-only keys of hls4ml's Model scope.
const std::vector<std::string> kPytorchModelKeys = {"ChannelsLastConversion", "TransposeOutputs",
                                                    "InputsChannelLast"};

/// Softmax implementations: hls4ml's four and hlsnn's `accurate` (nnet_softmax_accurate.h).
const std::vector<std::string> kSoftmaxImplementations = {"latency", "stable", "argmax", "legacy",
                                                          "accurate"};
/// Written into the project; they choose how io_stream builds the window, not the numerics.
const std::vector<std::string> kConvImplementations = {"LineBuffer", "Encoded"};

/// A slot that, unset in a scope, takes another slot's entry of the same scope before its
/// default: the reference splits a SeparableConv into a depthwise and a pointwise layer that both
/// take the config's `result`, so the intermediate type follows `result` unless set itself.
const char* fallback_slot(const std::string& slot) {
  return slot == "depthwise_result" ? "result" : nullptr;
}
const std::vector<std::string> kPipelineStyles = {"auto", "pipeline", "dataflow"};

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

/// Names from `choices` that differ from `wanted` only in case or spelling style
/// (reuse_factor for ReuseFactor), or start the same way; for "did you mean" hints.
std::vector<std::string> similar(const std::string& wanted,
                                 const std::vector<std::string>& choices) {
  std::vector<std::string> found;
  for (const std::string& choice : choices) {
    if (ir::equals_ignoring_case(choice, wanted) || snake_case(choice) == snake_case(wanted)) {
      found.push_back(choice);
    }
  }
  if (!found.empty()) return found;
  for (const std::string& choice : choices) {
    const size_t prefix = std::min<size_t>(3, std::min(choice.size(), wanted.size()));
    if (prefix > 0 &&
        ir::equals_ignoring_case(choice.substr(0, prefix), wanted.substr(0, prefix))) {
      found.push_back(choice);
    }
  }
  return found;
}

[[noreturn]] void fail_unknown(const std::string& what, const std::string& key,
                               const std::string& where, const std::vector<std::string>& valid) {
  const std::vector<std::string> close = similar(key, valid);
  std::string hint = "valid: " + join(valid);
  if (!close.empty()) hint = "did you mean " + join(close) + "? " + hint;
  throw Error(what + " " + ir::display_name(key) + " is not known", where, hint);
}

void check_is_object(const json& object, const std::string& where) {
  if (!object.is_object()) {
    throw Error("expected a mapping of keys, got " + object.dump(), where,
                "write it as Key: value pairs");
  }
}

void check_keys(const json& object, const std::vector<std::string>& valid,
                const std::string& where) {
  check_is_object(object, where);
  for (const auto& [key, value] : object.items()) {
    if (!contains(valid, key)) fail_unknown("key", key, where, valid);
  }
}

std::int64_t read_positive_integer(const json& value, const std::string& key,
                                   const std::string& where) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
    throw Error(key + " " + value.dump() + " is not a positive integer", where,
                "use 1 or a larger integer");
  }
  return value.get<std::int64_t>();
}

std::int64_t read_reuse_factor(const json& value, const std::string& where) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
    throw Error("ReuseFactor " + value.dump() + " is not a positive integer", where,
                "use 1 (fully parallel) or a larger integer");
  }
  return value.get<std::int64_t>();
}

/// A FIFO depth in words (FIFODepth of a layer, FIFODepthLimit).
std::int64_t read_depth(const json& value, const std::string& key, const std::string& where) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
    throw Error(
        key + " " + value.dump() + " is not a positive number of words", where,
        key == "FIFODepthLimit" ? "use e.g. 32768" : "use e.g. 2, or leave it to Model: FIFODepth");
  }
  return value.get<std::int64_t>();
}

/// Model: FIFODepth: 'default' (the words of a sample), 'schedule' (sized by the schedule
/// model) or a depth for every FIFO.
void read_model_fifo_depth(const json& value, ir::ModelSettings& settings) {
  const std::string where = "HLSConfig.Model";
  if (value.is_string() && ir::equals_ignoring_case(value.get<std::string>(), "default")) {
    settings.fifo_depth_mode = ir::FifoDepthMode::kDefault;
  } else if (value.is_string() && ir::equals_ignoring_case(value.get<std::string>(), "schedule")) {
    settings.fifo_depth_mode = ir::FifoDepthMode::kSchedule;
  } else if (value.is_number_integer()) {
    settings.fifo_depth_mode = ir::FifoDepthMode::kUniform;
    settings.uniform_fifo_depth = read_depth(value, "FIFODepth", where);
  } else {
    throw Error("FIFODepth " + value.dump() + " is not known", where,
                "use 'default' (the words of one sample per FIFO), 'schedule' (sized by the "
                "dataflow schedule model) or a positive number of words");
  }
}

/// The spellings hls4ml maps to each strategy (it compares their snake_case forms); hls4ml's
/// other strategies have no kernel here, and anything else it would silently take for Latency.
ir::Strategy read_strategy(const json& value, const std::string& where) {
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  const std::string snake = snake_case(text);
  if (value.is_string() && (snake == "latency" || snake == "resource") &&
      (text == snake || text == "Latency" || text == "Resource")) {
    return ir::parse_strategy(snake);
  }
  if (snake == "resource_unrolled" || snake == "unrolled" || snake == "distributed_arithmetic" ||
      snake == "da") {
    throw Error("Strategy " + ir::display_name(text) + " is not supported by hlsnn", where,
                "use Latency or Resource (the numerics are the same; only the hardware differs)");
  }
  fail_unknown("Strategy", text, where, {"Latency", "Resource"});
}

bool read_bool(const json& value, const std::string& key, const std::string& where) {
  if (!value.is_boolean()) {
    throw Error(key + " " + value.dump() + " is not true or false", where, "write true or false");
  }
  return value.get<bool>();
}

std::string read_choice(const json& value, const std::string& what,
                        const std::vector<std::string>& choices, const std::string& where) {
  if (!value.is_string() || !contains(choices, value.get<std::string>())) {
    fail_unknown(what, value.is_string() ? value.get<std::string>() : value.dump(), where, choices);
  }
  return value.get<std::string>();
}

ir::PrecisionType read_precision(const json& value, const std::string& where) {
  if (!value.is_string()) {
    throw Error("a precision must be a type string, got " + value.dump(), where,
                "write e.g. 'ap_fixed<16,6>' or 'auto'");
  }
  try {
    return ir::parse_precision(value.get<std::string>());
  } catch (const Error& error) {
    throw error.with_context(where);
  }
}

/// One scope's Precision entry as slot -> text: a string means `default`.
std::map<std::string, json> precision_entries(const json& scope) {
  std::map<std::string, json> entries;
  const auto found = scope.find("Precision");
  if (found == scope.end()) return entries;
  if (found->is_object()) {
    for (const auto& [slot, value] : found->items()) entries[slot] = value;
  } else {
    entries["default"] = *found;
  }
  return entries;
}

/// The layer-scope keys hls4ml knows for any of `type_names`, by spelling.
std::map<std::string, LayerKey> keys_by_spelling(const std::vector<std::string>& type_names) {
  std::map<std::string, LayerKey> keys;
  for (const std::string& type_name : type_names) {
    for (const LayerKey& key : layer_keys(type_name)) {
      for (const std::string& spelling : key.spellings) keys.emplace(spelling, key);
    }
  }
  return keys;
}

/// The settings of one layer from its scopes, most specific first.
struct Scopes {
  std::vector<std::pair<const json*, std::string>> in_order;  // (scope, where)
  std::string layer_class;

  /// The value of the first scope holding any of `spellings`, with where it was found.
  std::optional<std::pair<json, std::string>> find(
      const std::vector<std::string>& spellings) const {
    for (const auto& [scope, where] : in_order) {
      if (scope == nullptr) continue;
      for (const std::string& spelling : spellings) {
        if (scope->contains(spelling)) return std::make_pair((*scope)[spelling], where);
      }
    }
    return std::nullopt;
  }
  std::optional<std::pair<json, std::string>> find(const std::string& key) const {
    return find(std::vector<std::string>{key});
  }

  /// For the IR slot: in each scope in turn, its `<slot>_t` key, its Precision entry under any
  /// config name of the slot, then (not for table slots, ir::is_table_slot) the scope's default:
  /// a table slot left out is hlsnn's to choose (passes/choose_table_types.h).
  std::optional<std::pair<json, std::string>> precision(const std::string& slot) const {
    const bool table = ir::is_table_slot(layer_class, slot);
    std::vector<std::string> names = {slot};
    if (slot == "alpha" && ir_precision_slot(layer_class, "param") == "alpha") {
      names.push_back("param");
    }
    if (const char* fallback = fallback_slot(slot)) names.emplace_back(fallback);
    for (const auto& [scope, where] : in_order) {
      if (scope == nullptr) continue;
      if (scope->contains(slot + "_t") && !is_ignored_type_key(slot + "_t")) {
        return std::make_pair((*scope)[slot + "_t"], where + "." + slot + "_t");
      }
      const std::map<std::string, json> entries = precision_entries(*scope);
      if (!table) names.emplace_back("default");
      for (const std::string& key : names) {
        const auto found = entries.find(key);
        if (found != entries.end()) return std::make_pair(found->second, where + ".Precision");
      }
      if (!table) names.pop_back();
    }
    return std::nullopt;
  }
  /// Whether a scope names the slot itself (Precision.<slot> or <slot>_t), not a default.
  bool names_slot(const std::string& slot) const {
    return std::any_of(in_order.begin(), in_order.end(), [&](const auto& entry) {
      return entry.first != nullptr && (entry.first->contains(slot + "_t") ||
                                        precision_entries(*entry.first).count(slot) != 0);
    });
  }
};

/// Checks one LayerName or LayerType entry: its keys (those of `type_names`), its Precision
/// slots (`slots`, plus `default`) and the type of every value.
void check_layer_scope(const json& scope, const std::vector<std::string>& type_names,
                       std::vector<std::string> slots, const std::string& where) {
  check_is_object(scope, where);
  const std::map<std::string, LayerKey> keys = keys_by_spelling(type_names);
  std::vector<std::string> valid = kLayerScopeKeys;
  for (const auto& [spelling, key] : keys) valid.push_back(spelling);
  for (const auto& [key, value] : scope.items()) {
    if (is_ignored_type_key(key)) {
      throw Error("key " + key + " has no effect in hls4ml 1.3 (the Precision entry overwrites it)",
                  where,
                  "write Precision: {" + key.substr(0, key.size() - 2) + ": <type>} instead");
    }
    if (!contains(valid, key)) fail_unknown("key", key, where, valid);
    const auto known = keys.find(key);
    if (known == keys.end()) continue;
    const std::string key_where = where + "." + key;
    switch (known->second.kind) {
      case ValueKind::kPrecision:
        read_precision(value, key_where);
        break;
      case ValueKind::kPositiveInteger:
        read_positive_integer(value, key, where);
        break;
      case ValueKind::kFifoDepth:
        read_depth(value, key, where);
        break;
      case ValueKind::kBool:
        read_bool(value, key, where);
        break;
      case ValueKind::kTableSize:
        if (!value.is_number_integer() || value.get<std::int64_t>() < 2 ||
            (value.get<std::int64_t>() & (value.get<std::int64_t>() - 1)) != 0) {
          throw Error(key + " " + value.dump() + " is not a power of two of at least 2", where,
                      "use e.g. 1024");
        }
        break;
      case ValueKind::kSoftmaxImplementation:
        read_choice(value, "softmax implementation", kSoftmaxImplementations, key_where);
        break;
      case ValueKind::kConvImplementation:
        read_choice(value, "ConvImplementation", kConvImplementations, key_where);
        break;
      case ValueKind::kResizeAlgorithm:
        // hls4ml writes the UpSampling's interpolation here; only nearest has a kernel.
        if (value != json("nearest")) {
          throw Error("Algorithm " + value.dump() + " is not supported", key_where,
                      "use nearest, the only resize algorithm with a kernel");
        }
        break;
      case ValueKind::kCompression:
        if (read_bool(value, key, where)) {
          throw Error("Compression (sparse weight storage) is not supported by hlsnn", key_where,
                      "remove the key or set it to false");
        }
        break;
    }
  }
  const auto precision = scope.find("Precision");
  if (precision != scope.end() && precision->is_object()) {
    slots.insert(slots.begin(), "default");
    for (const auto& [slot, value] : precision->items()) {
      if (!contains(slots, slot)) fail_unknown("precision slot", slot, where + ".Precision", slots);
      read_precision(value, where + ".Precision." + slot);
    }
  } else if (precision != scope.end()) {
    read_precision(*precision, where + ".Precision");
  }
  if (scope.contains("ReuseFactor")) read_reuse_factor(scope["ReuseFactor"], where);
  if (scope.contains("Strategy")) read_strategy(scope["Strategy"], where);
}

/// The config's names for the precision slots of a layer class: its IR slots, their aliases
/// (PReLU's param) and slots hls4ml writes that change nothing (Softmax's table).
std::vector<std::string> config_slots(const std::string& layer_class) {
  std::vector<std::string> slots = ir::precision_slots(layer_class);
  if (ir_precision_slot(layer_class, "param") != "param") slots.emplace_back("param");
  for (const std::string& slot : unused_precision_slots(layer_class)) slots.push_back(slot);
  return slots;
}

/// ParallelizationFactor: how many output pixels a convolution computes at once; it must divide
/// the output's pixels (the reference moves other values to the closest that does, silently
/// changing the design; this refuses them, naming the nearest).
void check_parallelization_factor(const ir::Layer& layer, std::int64_t factor,
                                  const std::string& where) {
  const std::int64_t pixels =
      layer.attribute<std::int64_t>("out_height") * layer.attribute<std::int64_t>("out_width");
  if (factor <= pixels && pixels % factor == 0) return;
  std::vector<std::string> nearest;
  for (std::int64_t below = std::min(factor, pixels); below >= 1; --below) {
    if (pixels % below == 0) {
      nearest.push_back(std::to_string(below));
      break;
    }
  }
  for (std::int64_t above = factor + 1; above <= pixels; ++above) {
    if (pixels % above == 0) {
      nearest.push_back(std::to_string(above));
      break;
    }
  }
  throw Error("ParallelizationFactor " + std::to_string(factor) + " does not divide the " +
                  std::to_string(pixels) + " output pixels",
              where + " (" + layer.description() + ")",
              "the nearest valid values are " + join(nearest));
}

/// Stores a checked layer option under its IR name (LayerKey::snake_name), where kernels read it.
void apply_layer_option(ir::Layer& layer, const LayerKey& key, const json& value,
                        const std::string& where) {
  if (key.snake_name == "ParallelizationFactor" && layer.has_attribute("out_height")) {
    check_parallelization_factor(layer, value.get<std::int64_t>(), where);
  }
  switch (key.kind) {
    case ValueKind::kPositiveInteger:
    case ValueKind::kTableSize:
    case ValueKind::kFifoDepth:
      layer.options.extra[key.snake_name] = ir::make_attribute(value.get<std::int64_t>());
      break;
    case ValueKind::kBool:
      layer.options.extra[key.snake_name] = ir::make_attribute(value.get<bool>());
      break;
    case ValueKind::kSoftmaxImplementation:
    case ValueKind::kConvImplementation:
    case ValueKind::kResizeAlgorithm:
      layer.options.extra[key.snake_name] = ir::make_attribute(value.get<std::string>());
      break;
    case ValueKind::kPrecision:  // applied with the Precision slots
    case ValueKind::kCompression:
      break;
  }
}

/// The n_in x n_out Dense whose multiplications the layer's ReuseFactor folds: a Dense layer's
/// own; under the Resource strategy, the Dense each output pixel of a convolution is (a separable
/// one's pointwise step). {0, 0} when any reuse factor fits.
std::pair<std::int64_t, std::int64_t> folded_dense(const ir::Layer& layer) {
  const std::string& name = layer.layer_class;
  if (name == "Dense") {
    return {layer.attribute<std::int64_t>("n_in"), layer.attribute<std::int64_t>("n_out")};
  }
  if (layer.options.strategy != ir::Strategy::kResource) return {0, 0};
  const std::int64_t n_filt = layer.attribute_or<std::int64_t>("n_filt", 0);
  if (name == "Conv1D" || name == "Conv2D") {
    return {layer.attribute<std::int64_t>("filt_height") *
                layer.attribute<std::int64_t>("filt_width") *
                layer.attribute<std::int64_t>("n_chan"),
            n_filt};
  }
  if (name == "SeparableConv1D" || name == "SeparableConv2D") {
    return {
        layer.attribute<std::int64_t>("n_chan") * layer.attribute<std::int64_t>("depth_multiplier"),
        n_filt};
  }
  return {0, 0};
}

void check_reuse_factor_fits(const ir::Layer& layer, std::int64_t reuse_factor,
                             const std::string& where) {
  const auto [n_in, n_out] = folded_dense(layer);
  if (n_in == 0 || reuse_factor == 1) return;
  if (is_valid_dense_reuse_factor(n_in, n_out, reuse_factor)) return;
  std::vector<std::string> nearest;
  for (std::int64_t value : nearest_valid_dense_reuse_factors(n_in, n_out, reuse_factor)) {
    nearest.push_back(std::to_string(value));
  }
  const std::string what = layer.layer_class == "Dense"
                               ? "dense layer"
                               : "dense product per output pixel (Resource strategy)";
  throw Error("ReuseFactor " + std::to_string(reuse_factor) + " cannot fold a " +
                  std::to_string(n_in) + "x" + std::to_string(n_out) + " " + what,
              where + " (" + layer.description() + ")",
              "the nearest valid values are " + join(nearest));
}

/// The type a QKeras quantizer gave the slot (recorded by the frontend), if any.
std::optional<ir::PrecisionType> quantizer_precision(const ir::Layer& layer,
                                                     const std::string& slot) {
  const std::string key = "quantizer_precision." + slot;
  if (!layer.has_attribute(key)) {
    return std::nullopt;
  }
  return layer.attribute<ir::PrecisionType>(key);
}

/// Checks the Model scope and applies what it sets model-wide.
void apply_model_scope(const json& model, ir::Graph& graph) {
  check_is_object(model, "HLSConfig.Model");
  for (const auto& [key, value] : model.items()) {
    if (contains(kPytorchModelKeys, key)) {
      throw Error("key " + key + " applies to PyTorch models only", "HLSConfig.Model",
                  "remove it: hlsnn converts Keras models, which are channels-last");
    }
  }
  check_keys(model, model_keys(), "HLSConfig.Model");
  std::vector<std::string> model_slots = {"default", "maximum"};
  for (const ir::Layer& layer : graph.layers()) {
    for (const std::string& slot : config_slots(layer.layer_class)) {
      if (!contains(model_slots, slot)) model_slots.push_back(slot);
    }
  }
  const auto entries = precision_entries(model);
  for (const auto& [slot, value] : entries) {
    if (!contains(model_slots, slot)) {
      fail_unknown("precision slot", slot, "HLSConfig.Model.Precision", model_slots);
    }
    read_precision(value, "HLSConfig.Model.Precision." + slot);
  }
  ir::ModelSettings& settings = graph.settings();
  if (entries.count("default")) {
    settings.default_precision = read_precision(entries.at("default"), "HLSConfig.Model.Precision");
  }
  if (const auto maximum = entries.find("maximum"); maximum != entries.end()) {
    settings.max_precision = read_precision(maximum->second, "HLSConfig.Model.Precision.maximum");
  }
  if (model.contains("ReuseFactor")) {
    settings.default_reuse_factor = read_reuse_factor(model["ReuseFactor"], "HLSConfig.Model");
  }
  if (model.contains("Strategy")) {
    settings.default_strategy = read_strategy(model["Strategy"], "HLSConfig.Model");
  }
  if (model.contains("PipelineStyle")) {
    settings.pipeline_style = ir::parse_pipeline_style(read_choice(
        model["PipelineStyle"], "PipelineStyle", kPipelineStyles, "HLSConfig.Model.PipelineStyle"));
  }
  if (model.contains("PipelineInterval") && !model["PipelineInterval"].is_null()) {
    settings.pipeline_interval =
        read_positive_integer(model["PipelineInterval"], "PipelineInterval", "HLSConfig.Model");
  }
  // hls4ml writes null (its default: on only for HGQ models, which hlsnn does not read).
  if (model.contains("BitExact") && !model["BitExact"].is_null()) {
    settings.bit_exact = read_bool(model["BitExact"], "BitExact", "HLSConfig.Model");
  }
  if (model.contains("FIFODepth")) read_model_fifo_depth(model["FIFODepth"], settings);
  if (model.contains("FIFODepthLimit")) {
    settings.fifo_depth_limit =
        read_depth(model["FIFODepthLimit"], "FIFODepthLimit", "HLSConfig.Model");
  }
  for (const char* key : {"TraceOutput", "AllowDAFallback", "AllowV2Fallback"}) {
    if (model.contains(key)) read_bool(model[key], key, "HLSConfig.Model");
  }
  // Defaults of layer keys, read by the layers that take them.
  for (const char* key : {"ParallelizationFactor", "TargetCycles"}) {
    if (model.contains(key)) read_positive_integer(model[key], key, "HLSConfig.Model");
  }
  if (model.contains("ConvImplementation")) {
    read_choice(model["ConvImplementation"], "ConvImplementation", kConvImplementations,
                "HLSConfig.Model.ConvImplementation");
  }
  if (model.contains("Compression") &&
      read_bool(model["Compression"], "Compression", "HLSConfig.Model")) {
    throw Error("Compression (sparse weight storage) is not supported by hlsnn",
                "HLSConfig.Model.Compression", "remove the key or set it to false");
  }
  if (model.contains("BramFactor")) {
    const json& factor = model["BramFactor"];
    if (!factor.is_number()) {
      throw Error("BramFactor " + factor.dump() + " is not a number", "HLSConfig.Model",
                  "use an integer such as 1000000000");
    }
    // hls4ml makes weights larger than this top-function ports to an external memory.
    for (const ir::Layer& layer : graph.layers()) {
      for (const ir::Weight& weight : layer.weights) {
        if (static_cast<double>(weight.values.size()) > factor.get<double>()) {
          throw Error("BramFactor " + factor.dump() + " would move weight '" + weight.name +
                          "' of " + layer.description() + " (" +
                          std::to_string(weight.values.size()) +
                          " values) to an external memory port, which hlsnn does not support",
                      "HLSConfig.Model.BramFactor",
                      "raise BramFactor above the largest weight, or remove it");
        }
      }
    }
  }
}

}  // namespace

Granularity parse_granularity(std::string_view text) {
  if (ir::equals_ignoring_case(text, "model")) return Granularity::kModel;
  if (ir::equals_ignoring_case(text, "type")) return Granularity::kType;
  if (ir::equals_ignoring_case(text, "name")) return Granularity::kName;
  throw Error("granularity " + ir::display_name(text) + " is not known", "granularity",
              "use model, type or name");
}

json make_hls_config(const ir::Graph& graph, Granularity granularity,
                     const std::string& default_precision, std::int64_t default_reuse_factor,
                     const std::optional<std::string>& max_precision) {
  read_precision(json(default_precision), "default_precision");
  if (ir::parse_precision(default_precision).is_auto()) {
    throw Error("the default precision cannot be auto", "default_precision",
                "give an explicit type such as 'fixed<16,6>'");
  }
  read_reuse_factor(json(default_reuse_factor), "default_reuse_factor");
  json model = {{"Precision", {{"default", default_precision}}},
                {"ReuseFactor", default_reuse_factor},
                {"Strategy", "Latency"},
                {"BramFactor", 1000000000},
                {"TraceOutput", false}};
  if (max_precision) {
    read_precision(json(*max_precision), "max_precision");
    model["Precision"]["maximum"] = *max_precision;
  }
  json config = {{"Model", model}};
  const auto layer_entry = [&](const ir::Layer& layer) {
    json precision = json::object();
    for (const std::string& slot : ir::precision_slots(layer.layer_class)) {
      // Per layer only: a LayerType entry would hand one layer's quantizer types to all.
      const auto quantized =
          granularity == Granularity::kName ? quantizer_precision(layer, slot) : std::nullopt;
      precision[slot] = quantized                      ? quantized->to_config()
                        : layer.layer_class == "Input" ? default_precision
                                                       : "auto";
    }
    json entry = {{"Precision", precision}, {"ReuseFactor", default_reuse_factor}};
    if (layer.layer_class == "Softmax") entry["implementation"] = "stable";
    if (layer.layer_class == "Resize") entry["Algorithm"] = "nearest";
    return entry;
  };
  if (granularity == Granularity::kType) {
    json types = json::object();
    for (const ir::Layer& layer : graph.layers()) {
      if (!types.contains(layer.layer_class)) types[layer.layer_class] = layer_entry(layer);
    }
    config["LayerType"] = types;
  } else if (granularity == Granularity::kName) {
    json names = json::object();
    for (const ir::Layer& layer : graph.layers()) names[layer.name] = layer_entry(layer);
    config["LayerName"] = names;
  }
  return config;
}

void apply_hls_config(const json& hls_config, ir::Graph& graph) {
  check_is_object(hls_config, "HLSConfig");
  for (const auto& [key, value] : hls_config.items()) {
    if (contains(flow_keys(), key)) {
      throw Error("key " + key + " selects hls4ml optimizer passes, which hlsnn does not have",
                  "HLSConfig", "remove it: hlsnn always runs its own fixed pass list");
    }
  }
  check_keys(hls_config, kTopLevelKeys, "HLSConfig");
  const json empty = json::object();
  const json& model = hls_config.contains("Model") ? hls_config["Model"] : empty;
  apply_model_scope(model, graph);
  const bool trace_all = model.contains("TraceOutput") && model["TraceOutput"].get<bool>();

  std::vector<std::string> names;
  for (const ir::Layer& layer : graph.layers()) {
    for (const std::string& name : layer_names_of(layer)) names.push_back(name);
  }
  // hls4ml's configs name a `<layer>_linear` activation for every layer without one; it removes
  // those layers, and so do we, so such keys are accepted and change nothing.
  for (const ir::Layer& layer : graph.layers()) {
    const std::string linear = layer.name + "_linear";
    if (!contains(names, linear)) names.push_back(linear);
  }
  const json& types = hls_config.contains("LayerType") ? hls_config["LayerType"] : empty;
  const json& named = hls_config.contains("LayerName") ? hls_config["LayerName"] : empty;
  check_keys(types, layer_type_names(), "HLSConfig.LayerType");
  check_keys(named, names, "HLSConfig.LayerName");
  // LayerType entries are checked whether or not the model has such a layer, so that one config
  // serves several models and a mistake shows before it matters.
  for (const auto& [type_name, scope] : types.items()) {
    std::vector<std::string> slots = reference_precision_slots(type_name);
    for (const std::string& name : {type_name, reference_class(type_name)}) {
      for (const std::string& slot : config_slots(name)) {
        if (!contains(slots, slot)) slots.push_back(slot);
      }
    }
    check_layer_scope(scope, {type_name}, slots, "HLSConfig.LayerType." + type_name);
  }

  const ir::ModelSettings& settings = graph.settings();
  for (ir::Layer& layer : graph.layers()) {
    const std::vector<std::string> type_names = layer_type_names_of(layer);
    std::string name_where;
    const json* by_name = nullptr;
    for (const std::string& name : layer_names_of(layer)) {
      if (by_name == nullptr && named.contains(name)) {
        by_name = &named[name];
        name_where = "HLSConfig.LayerName." + ir::display_name(name);
      }
    }
    if (by_name != nullptr) {
      check_layer_scope(*by_name, type_names, config_slots(layer.layer_class), name_where);
    }
    Scopes scopes{{{by_name, name_where}}, layer.layer_class};
    for (const std::string& type_name : type_names) {
      if (types.contains(type_name)) {
        scopes.in_order.emplace_back(&types[type_name], "HLSConfig.LayerType." + type_name);
      }
    }
    const Scopes layer_scopes = scopes;
    scopes.in_order.emplace_back(&model, "HLSConfig.Model");

    for (const std::string& slot : ir::precision_slots(layer.layer_class)) {
      // A QKeras quantizer's type beats the model's defaults; a layer's own entry beats it,
      // unless that entry is `auto`, which the quantizer's type answers.
      if (const auto quantized = quantizer_precision(layer, slot)) {
        const auto own = layer_scopes.precision(slot);
        const ir::PrecisionType configured =
            own ? read_precision(own->first, own->second) : ir::PrecisionType::automatic();
        layer.set_precision(slot, configured.is_auto() ? *quantized : configured);
        continue;
      }
      // Layers that only move values take their input's type unless their own scopes set one.
      const bool follows_input = slot == "result" && ir::result_follows_input(layer.layer_class);
      const auto resolved = (follows_input ? layer_scopes : scopes).precision(slot);
      const ir::PrecisionType fallback = ir::is_table_slot(layer.layer_class, slot) || follows_input
                                             ? ir::PrecisionType::automatic()
                                             : settings.default_precision;
      layer.set_precision(slot,
                          resolved ? read_precision(resolved->first, resolved->second) : fallback);
    }
    // hls4ml sums softmax exponentials in the default precision; hlsnn's accurate softmax sizes
    // its own sum unless the config names the slot (passes/choose_table_types.h).
    if (layer.layer_class == "Softmax" && !scopes.names_slot("accum")) {
      layer.set_attribute("accum_from_default", true);
    }
    const auto reuse_factor = scopes.find("ReuseFactor");
    layer.options.reuse_factor = reuse_factor
                                     ? read_reuse_factor(reuse_factor->first, reuse_factor->second)
                                     : settings.default_reuse_factor;
    layer.options.strategy = settings.default_strategy;
    if (const auto value = scopes.find("Strategy")) {
      layer.options.strategy = read_strategy(value->first, value->second);
    }
    check_reuse_factor_fits(layer, layer.options.reuse_factor,
                            reuse_factor ? reuse_factor->second : "HLSConfig.Model");
    std::set<std::string> applied = {"trace"};  // options.trace, below
    for (const auto& [spelling, key] : keys_by_spelling(type_names)) {
      if (!applied.insert(key.snake_name).second) continue;
      // The Model's FIFODepth is the model-wide policy (read above), not a layer's depth.
      const Scopes& from = key.kind == ValueKind::kFifoDepth ? layer_scopes : scopes;
      if (const auto value = from.find(key.spellings)) {
        apply_layer_option(layer, key, value->first, value->second);
      }
    }
    layer.options.trace = trace_all;
    if (const auto value = layer_scopes.find(std::vector<std::string>{"Trace", "trace"})) {
      layer.options.trace = value->first.get<bool>();
    }
  }
}

}  // namespace hlsnn::config
