#include "config/hls_config.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "config/reuse_factor.h"
#include "ir/error.h"
#include "ir/names.h"
#include "ir/precision_slots.h"
#include "ir/precision_type.h"

namespace hlsnn::config {

using json = nlohmann::ordered_json;

namespace {

const std::vector<std::string> kTopLevelKeys = {"Model", "LayerType", "LayerName"};
const std::vector<std::string> kModelKeys = {"Precision",     "ReuseFactor", "Strategy",
                                             "BramFactor",    "TraceOutput", "FIFODepth",
                                             "FIFODepthLimit"};
const std::vector<std::string> kLayerKeys = {"Precision", "ReuseFactor", "Strategy", "Trace",
                                             "FIFODepth"};
/// Keys some layer classes take besides kLayerKeys; they land in LayerOptions::extra.
const std::map<std::string, std::vector<std::string>, std::less<>> kClassKeys = {
    {"Activation", {"table_size", "table_t"}},
    {"Resize", {"Algorithm"}},
    {"Softmax",
     {"table_size", "implementation", "skip", "exp_table_t", "inv_table_t", "inv_inp_t",
      "inp_norm_t"}},
    {"Conv1D", {"ParallelizationFactor", "ConvImplementation"}},
    {"Conv2D", {"ParallelizationFactor", "ConvImplementation"}},
    {"DepthwiseConv1D", {"ParallelizationFactor", "ConvImplementation"}},
    {"DepthwiseConv2D", {"ParallelizationFactor", "ConvImplementation"}},
    {"SeparableConv1D", {"ParallelizationFactor", "ConvImplementation"}},
    {"SeparableConv2D", {"ParallelizationFactor", "ConvImplementation"}},
    {"Pooling1D", {"ConvImplementation"}},
    {"Pooling2D", {"ConvImplementation"}},
};

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

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

/// Names from `choices` that differ from `wanted` only in case, or start the same way; for
/// "did you mean" hints.
std::vector<std::string> similar(const std::string& wanted,
                                 const std::vector<std::string>& choices) {
  std::vector<std::string> found;
  for (const std::string& choice : choices) {
    if (ir::equals_ignoring_case(choice, wanted)) found.push_back(choice);
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

void check_keys(const json& object, const std::vector<std::string>& valid,
                const std::string& where) {
  if (!object.is_object()) {
    throw Error("expected a mapping of keys, got " + object.dump(), where,
                "write it as Key: value pairs");
  }
  for (const auto& [key, value] : object.items()) {
    if (!contains(valid, key)) fail_unknown("key", key, where, valid);
  }
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

ir::Strategy read_strategy(const json& value, const std::string& where) {
  const std::vector<std::string> valid = {"Latency", "Resource"};
  if (!value.is_string() || !contains(valid, value.get<std::string>())) {
    fail_unknown("Strategy", value.is_string() ? value.get<std::string>() : value.dump(), where,
                 valid);
  }
  return ir::parse_strategy(value.get<std::string>());
}

bool read_bool(const json& value, const std::string& key, const std::string& where) {
  if (!value.is_boolean()) {
    throw Error(key + " " + value.dump() + " is not true or false", where, "write true or false");
  }
  return value.get<bool>();
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

/// The settings of one layer from the three scopes, most specific first.
struct Scopes {
  std::vector<std::pair<const json*, std::string>> in_order;  // (scope, where) name, type, model

  const json* find(const std::string& key) const {
    for (const auto& [scope, where] : in_order) {
      if (scope != nullptr && scope->contains(key)) return &(*scope)[key];
    }
    return nullptr;
  }
  std::string where_of(const std::string& key) const {
    for (const auto& [scope, where] : in_order) {
      if (scope != nullptr && scope->contains(key)) return where;
    }
    return "config";
  }
  /// slot, then default, in each scope in turn; for a table slot (ir::is_table_slot) its
  /// `<slot>_t` key or the slot itself, never a default: left out, hlsnn chooses it
  /// (passes/choose_table_types.h).
  std::optional<std::pair<json, std::string>> precision(const std::string& layer_class,
                                                        const std::string& slot) const {
    const bool table = ir::is_table_slot(layer_class, slot);
    for (const auto& [scope, where] : in_order) {
      if (scope == nullptr) continue;
      if (table && scope->contains(slot + "_t")) {
        return std::make_pair((*scope)[slot + "_t"], where + "." + slot + "_t");
      }
      const std::map<std::string, json> entries = precision_entries(*scope);
      for (const char* key : {slot.c_str(), fallback_slot(slot), table ? nullptr : "default"}) {
        if (key == nullptr) continue;
        const auto found = entries.find(key);
        if (found != entries.end()) return std::make_pair(found->second, where + ".Precision");
      }
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

void check_layer_scope(const json& scope, const std::string& layer_class,
                       const std::string& where) {
  std::vector<std::string> valid = kLayerKeys;
  const auto extra = kClassKeys.find(layer_class);
  if (extra != kClassKeys.end()) {
    valid.insert(valid.end(), extra->second.begin(), extra->second.end());
  }
  check_keys(scope, valid, where);
  const auto precision = scope.find("Precision");
  if (precision != scope.end() && precision->is_object()) {
    std::vector<std::string> slots = ir::precision_slots(layer_class);
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
  if (scope.contains("Trace")) read_bool(scope["Trace"], "Trace", where);
  if (scope.contains("FIFODepth")) read_depth(scope["FIFODepth"], "FIFODepth", where);
}

/// ParallelizationFactor: how many output pixels a convolution computes at once; it must divide
/// the output's pixels (the reference moves other values to the closest that does, silently
/// changing the design; this refuses them, naming the nearest).
void apply_parallelization_factor(ir::Layer& layer, const json& value, const std::string& where) {
  const std::int64_t pixels =
      layer.attribute<std::int64_t>("out_height") * layer.attribute<std::int64_t>("out_width");
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1) {
    throw Error("ParallelizationFactor " + value.dump() + " is not a positive integer", where,
                "use 1 (one output pixel at a time) up to the " + std::to_string(pixels) +
                    " output pixels");
  }
  const std::int64_t factor = value.get<std::int64_t>();
  if (factor > pixels || pixels % factor != 0) {
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
  layer.options.extra["ParallelizationFactor"] = ir::make_attribute(factor);
}

void apply_extra_option(ir::Layer& layer, const std::string& key, const json& value,
                        const std::string& where) {
  if (key == "table_size") {
    if (!value.is_number_integer() || value.get<std::int64_t>() < 2 ||
        (value.get<std::int64_t>() & (value.get<std::int64_t>() - 1)) != 0) {
      throw Error("table_size " + value.dump() + " is not a power of two of at least 2", where,
                  "use e.g. 1024");
    }
    layer.options.extra["table_size"] = ir::make_attribute(value.get<std::int64_t>());
  } else if (key == "implementation") {
    if (!value.is_string() || !contains(kSoftmaxImplementations, value.get<std::string>())) {
      fail_unknown("softmax implementation",
                   value.is_string() ? value.get<std::string>() : value.dump(), where,
                   kSoftmaxImplementations);
    }
    layer.options.extra["implementation"] = ir::make_attribute(value.get<std::string>());
  } else if (key == "Algorithm") {
    // hls4ml writes the UpSampling's interpolation here; only nearest has a kernel.
    if (value != json("nearest")) {
      throw Error("Algorithm " + value.dump() + " is not supported", where,
                  "use nearest, the only resize algorithm with a kernel");
    }
  } else if (key == "skip") {
    layer.options.extra["skip"] = ir::make_attribute(read_bool(value, "skip", where));
  } else if (key == "ParallelizationFactor") {
    apply_parallelization_factor(layer, value, where);
  } else if (key == "ConvImplementation") {
    if (!value.is_string() || !contains(kConvImplementations, value.get<std::string>())) {
      fail_unknown("ConvImplementation",
                   value.is_string() ? value.get<std::string>() : value.dump(), where,
                   kConvImplementations);
    }
    layer.options.extra["ConvImplementation"] = ir::make_attribute(value.get<std::string>());
  } else {
    read_precision(value, where + "." + key);  // a table type: checked here, used by precision()
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
  check_keys(hls_config, kTopLevelKeys, "HLSConfig");
  const json empty = json::object();
  const json& model = hls_config.contains("Model") ? hls_config["Model"] : empty;
  check_keys(model, kModelKeys, "HLSConfig.Model");
  std::vector<std::string> model_slots = {"default", "maximum"};
  for (const ir::Layer& layer : graph.layers()) {
    for (const std::string& slot : ir::precision_slots(layer.layer_class)) {
      if (!contains(model_slots, slot)) model_slots.push_back(slot);
    }
  }
  for (const auto& [slot, value] : precision_entries(model)) {
    if (!contains(model_slots, slot)) {
      fail_unknown("precision slot", slot, "HLSConfig.Model.Precision", model_slots);
    }
    read_precision(value, "HLSConfig.Model.Precision." + slot);
  }
  if (model.contains("BramFactor") && !model["BramFactor"].is_number()) {
    throw Error("BramFactor " + model["BramFactor"].dump() + " is not a number", "HLSConfig.Model",
                "use an integer such as 1000000000");
  }
  const bool trace_all = model.contains("TraceOutput") &&
                         read_bool(model["TraceOutput"], "TraceOutput", "HLSConfig.Model");

  std::set<std::string> classes;
  std::vector<std::string> names;
  for (const ir::Layer& layer : graph.layers()) {
    classes.insert(layer.layer_class);
    names.push_back(layer.name);
  }
  // hls4ml's configs name a `<layer>_linear` activation for every layer without one; it removes
  // those layers, and so do we, so such keys are accepted and change nothing.
  for (const ir::Layer& layer : graph.layers()) {
    const std::string linear = layer.name + "_linear";
    if (!contains(names, linear)) names.push_back(linear);
  }
  const json& types = hls_config.contains("LayerType") ? hls_config["LayerType"] : empty;
  const json& named = hls_config.contains("LayerName") ? hls_config["LayerName"] : empty;
  check_keys(types, std::vector<std::string>(classes.begin(), classes.end()),
             "HLSConfig.LayerType");
  check_keys(named, names, "HLSConfig.LayerName");
  for (const auto& [layer_class, scope] : types.items()) {
    check_layer_scope(scope, layer_class, "HLSConfig.LayerType." + layer_class);
  }

  ir::ModelSettings& settings = graph.settings();
  const auto model_default = precision_entries(model);
  if (model_default.count("default")) {
    settings.default_precision =
        read_precision(model_default.at("default"), "HLSConfig.Model.Precision");
  }
  if (model.contains("ReuseFactor")) {
    settings.default_reuse_factor = read_reuse_factor(model["ReuseFactor"], "HLSConfig.Model");
  }
  if (model.contains("Strategy")) {
    settings.default_strategy = read_strategy(model["Strategy"], "HLSConfig.Model");
  }
  if (model.contains("FIFODepth")) read_model_fifo_depth(model["FIFODepth"], settings);
  if (model.contains("FIFODepthLimit")) {
    settings.fifo_depth_limit =
        read_depth(model["FIFODepthLimit"], "FIFODepthLimit", "HLSConfig.Model");
  }

  for (ir::Layer& layer : graph.layers()) {
    const std::string name_where = "HLSConfig.LayerName." + ir::display_name(layer.name);
    const json* by_name = named.contains(layer.name) ? &named[layer.name] : nullptr;
    if (by_name != nullptr) check_layer_scope(*by_name, layer.layer_class, name_where);
    const json* by_type = types.contains(layer.layer_class) ? &types[layer.layer_class] : nullptr;
    const Scopes scopes{{{by_name, name_where},
                         {by_type, "HLSConfig.LayerType." + layer.layer_class},
                         {&model, "HLSConfig.Model"}}};
    const Scopes layer_scopes{{scopes.in_order[0], scopes.in_order[1]}};
    for (const std::string& slot : ir::precision_slots(layer.layer_class)) {
      // A QKeras quantizer's type beats the model's defaults; a layer's own entry beats it,
      // unless that entry is `auto`, which the quantizer's type answers.
      if (const auto quantized = quantizer_precision(layer, slot)) {
        const auto own = layer_scopes.precision(layer.layer_class, slot);
        const ir::PrecisionType configured =
            own ? read_precision(own->first, own->second) : ir::PrecisionType::automatic();
        layer.set_precision(slot, configured.is_auto() ? *quantized : configured);
        continue;
      }
      const bool follows_input = slot == "result" && ir::result_follows_input(layer.layer_class);
      const auto resolved =
          (follows_input ? layer_scopes : scopes).precision(layer.layer_class, slot);
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
    if (const json* value = scopes.find("ReuseFactor")) {
      layer.options.reuse_factor = read_reuse_factor(*value, scopes.where_of("ReuseFactor"));
    } else {
      layer.options.reuse_factor = settings.default_reuse_factor;
    }
    layer.options.strategy = settings.default_strategy;
    if (const json* value = scopes.find("Strategy")) {
      layer.options.strategy = read_strategy(*value, scopes.where_of("Strategy"));
    }
    check_reuse_factor_fits(layer, layer.options.reuse_factor, scopes.where_of("ReuseFactor"));
    // A layer's own FIFODepth (LayerName or LayerType; the Model's is the model-wide policy).
    if (const json* value = layer_scopes.find("FIFODepth")) {
      layer.options.extra["fifo_depth"] =
          ir::make_attribute(read_depth(*value, "FIFODepth", layer_scopes.where_of("FIFODepth")));
    }
    layer.options.trace = trace_all;
    if (const json* value = scopes.find("Trace")) {
      layer.options.trace = read_bool(*value, "Trace", scopes.where_of("Trace"));
    }
    const auto extra = kClassKeys.find(layer.layer_class);
    if (extra != kClassKeys.end()) {
      for (const std::string& key : extra->second) {
        if (const json* value = scopes.find(key)) {
          apply_extra_option(layer, key, *value, scopes.where_of(key));
        }
      }
    }
  }
  if (const auto maximum = model_default.find("maximum"); maximum != model_default.end()) {
    graph.settings().max_precision =
        read_precision(maximum->second, "HLSConfig.Model.Precision.maximum");
  }
}

}  // namespace hlsnn::config
