#include "config/config_keys.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "ir/precision_slots.h"

namespace hlsnn::config {

namespace {

using Names = std::vector<std::string>;

/// hls4ml 1.3's class for each Keras (and QKeras) class whose class differs in name: its
/// `layer_map`, which decides the `class_name` its LayerType lookups use.
const std::map<std::string, std::string, std::less<>>& reference_classes() {
  static const std::map<std::string, std::string, std::less<>> classes = {
      {"InputLayer", "Input"},
      {"QActivation", "Activation"},
      {"ReLU", "Activation"},
      {"LeakyReLU", "ParametrizedActivation"},
      {"ThresholdedReLU", "ParametrizedActivation"},
      {"ELU", "ParametrizedActivation"},
      {"QDense", "Dense"},
      {"BinaryDense", "Dense"},
      {"TernaryDense", "Dense"},
      {"Flatten", "Reshape"},
      {"QConv1D", "Conv1D"},
      {"QConv2D", "Conv2D"},
      {"BinaryConv2D", "Conv2D"},
      {"QConv2DBatchnorm", "Conv2DBatchnorm"},
      {"QSeparableConv1D", "SeparableConv1D"},
      {"QSeparableConv2D", "SeparableConv2D"},
      {"QDepthwiseConv2D", "DepthwiseConv2D"},
      {"QBatchNormalization", "BatchNormalization"},
      {"MaxPooling1D", "Pooling1D"},
      {"AveragePooling1D", "Pooling1D"},
      {"MaxPooling2D", "Pooling2D"},
      {"AveragePooling2D", "Pooling2D"},
      {"GlobalMaxPooling1D", "GlobalPooling1D"},
      {"GlobalAveragePooling1D", "GlobalPooling1D"},
      {"GlobalMaxPooling2D", "GlobalPooling2D"},
      {"GlobalAveragePooling2D", "GlobalPooling2D"},
      {"Add", "Merge"},
      {"Subtract", "Merge"},
      {"Multiply", "Merge"},
      {"Average", "Merge"},
      {"Maximum", "Merge"},
      {"Minimum", "Merge"},
      {"UpSampling1D", "Resize"},
      {"UpSampling2D", "Resize"},
      {"Permute", "Transpose"},
      {"QSimpleRNN", "SimpleRNN"},
      {"QLSTM", "LSTM"},
      {"QGRU", "GRU"},
  };
  return classes;
}

/// Class names that take no keys of their own, beyond those of every layer.
const Names kPlainClasses = {"Input",       "Reshape",       "Merge",
                             "Concatenate", "Transpose",     "Resize",
                             "Constant",    "ZeroPadding1D", "ZeroPadding2D",
                             "Cropping1D",  "Cropping2D",    "BatchNormalization",
                             "ApplyAlpha",  "Embedding",     "LayerNormalization",
                             "BiasAdd"};

const Names kTableActivations = {"Activation", "ParametrizedActivation", "PReLU", "HardActivation",
                                 "TernaryTanh"};
const Names kAccumulating = {"Dense",           "Dot",
                             "Conv1D",          "Conv2D",
                             "Conv2DBatchnorm", "DepthwiseConv1D",
                             "DepthwiseConv2D", "PointwiseConv1D",
                             "PointwiseConv2D", "GlobalPooling1D",
                             "GlobalPooling2D", "EinsumDense",
                             "Einsum",          "MatMul"};
const Names kConvolutions = {"Conv1D",          "Conv2D",          "Conv2DBatchnorm",
                             "DepthwiseConv1D", "DepthwiseConv2D", "PointwiseConv1D",
                             "PointwiseConv2D"};
const Names kSeparable = {"SeparableConv1D", "SeparableConv2D"};
const Names kPooling = {"Pooling1D", "Pooling2D"};
const Names kRecurrent = {"SimpleRNN", "LSTM", "GRU", "Bidirectional", "TimeDistributed"};

bool contains(const Names& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// A key hls4ml reads as a layer attribute: any spelling with that snake_case form works there.
LayerKey attribute(const std::string& pascal, ValueKind kind) {
  const std::string snake = snake_case(pascal);
  return {snake, kind, pascal == snake ? Names{snake} : Names{pascal, snake}};
}
/// A key hls4ml reads under one spelling only.
LayerKey named(const std::string& pascal, ValueKind kind) {
  return {snake_case(pascal), kind, {pascal}};
}
LayerKey type_key(const std::string& slot) {
  return {slot + "_t", ValueKind::kPrecision, {slot + "_t"}};
}

std::vector<LayerKey> keys_of(const std::string& reference_class) {
  std::vector<LayerKey> keys = {attribute("Trace", ValueKind::kBool),
                                named("TargetCycles", ValueKind::kPositiveInteger),
                                named("Compression", ValueKind::kCompression),
                                {"fifo_depth", ValueKind::kFifoDepth, {"FIFODepth"}}};
  if (contains(kTableActivations, reference_class) || reference_class == "Softmax" ||
      contains(kRecurrent, reference_class)) {
    keys.push_back(attribute("TableSize", ValueKind::kTableSize));
    keys.push_back(type_key("table"));
  }
  if (reference_class == "Softmax") {
    keys.push_back(attribute("Implementation", ValueKind::kSoftmaxImplementation));
    keys.push_back(attribute("Skip", ValueKind::kBool));
    for (const char* slot : {"exp_table", "inv_table", "inv_inp", "inp_norm", "accum"}) {
      keys.push_back(type_key(slot));
    }
  }
  if (contains(kAccumulating, reference_class) || contains(kPooling, reference_class) ||
      contains(kRecurrent, reference_class)) {
    keys.push_back(type_key("accum"));
  }
  if (contains(kConvolutions, reference_class) || contains(kSeparable, reference_class)) {
    // The convolution kernels read these two under their config names.
    keys.push_back(
        {"ParallelizationFactor", ValueKind::kPositiveInteger, {"ParallelizationFactor"}});
  }
  if (contains(kConvolutions, reference_class) || contains(kSeparable, reference_class) ||
      contains(kPooling, reference_class)) {
    keys.push_back({"ConvImplementation", ValueKind::kConvImplementation, {"ConvImplementation"}});
  }
  if (reference_class == "Resize") {
    keys.push_back(named("Algorithm", ValueKind::kResizeAlgorithm));
  }
  if (contains(kSeparable, reference_class)) {
    keys.push_back(attribute("DepthwiseReuseFactor", ValueKind::kPositiveInteger));
    keys.push_back(attribute("PointwiseReuseFactor", ValueKind::kPositiveInteger));
    for (const char* slot : {"depthwise_accum", "pointwise_accum", "depthwise_result"}) {
      keys.push_back(type_key(slot));
    }
  }
  if (contains(kRecurrent, reference_class)) {
    keys.push_back(attribute("RecurrentReuseFactor", ValueKind::kPositiveInteger));
    keys.push_back(attribute("Static", ValueKind::kBool));
  }
  return keys;
}

}  // namespace

std::string reference_class(std::string_view name) {
  const auto found = reference_classes().find(name);
  return found != reference_classes().end() ? found->second : std::string(name);
}

std::string snake_case(std::string_view key) {
  std::string text;
  for (size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (i > 0 && std::isupper(static_cast<unsigned char>(c)) && text.back() != '_') text += '_';
    const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == '_' && !text.empty() && text.back() == '_') continue;
    text += lower;
  }
  return text;
}

std::vector<LayerKey> layer_keys(std::string_view layer_type) {
  return keys_of(reference_class(layer_type));
}

const std::vector<std::string>& reference_precision_slots(std::string_view layer_type) {
  static const std::map<std::string, Names, std::less<>> slots = {
      {"Conv1D", {"result", "weight", "bias", "accum"}},
      {"Conv2D", {"result", "weight", "bias", "accum"}},
      {"Conv2DBatchnorm", {"result", "weight", "bias", "accum"}},
      {"DepthwiseConv1D", {"result", "weight", "bias", "accum"}},
      {"DepthwiseConv2D", {"result", "weight", "bias", "accum"}},
      {"PointwiseConv1D", {"result", "weight", "bias", "accum"}},
      {"PointwiseConv2D", {"result", "weight", "bias", "accum"}},
      {"SeparableConv1D",
       {"result", "depthwise", "pointwise", "bias", "depthwise_accum", "pointwise_accum",
        "depthwise_result"}},
      {"SeparableConv2D",
       {"result", "depthwise", "pointwise", "bias", "depthwise_accum", "pointwise_accum",
        "depthwise_result"}},
      {"Pooling1D", {"result", "accum"}},
      {"Pooling2D", {"result", "accum"}},
      {"GlobalPooling1D", {"result", "accum"}},
      {"GlobalPooling2D", {"result", "accum"}},
      {"ParametrizedActivation", {"result", "param", "table"}},
      {"HardActivation", {"result", "slope", "shift"}},
      {"ZeroPadding1D", {"result"}},
      {"ZeroPadding2D", {"result"}},
      {"Cropping1D", {"result"}},
      {"Cropping2D", {"result"}},
      {"Resize", {"result"}},
      {"Transpose", {"result"}},
      {"Embedding", {"result", "embeddings"}},
      {"SimpleRNN", {"result", "weight", "bias", "recurrent_weight", "accum", "table"}},
      {"LSTM",
       {"result", "weight", "bias", "recurrent_weight", "recurrent_bias", "accum", "table"}},
      {"GRU", {"result", "weight", "bias", "recurrent_weight", "recurrent_bias", "accum", "table"}},
  };
  static const Names result_only = {"result"};
  const std::string reference = reference_class(layer_type);
  const auto found = slots.find(reference);
  if (found != slots.end()) return found->second;
  const Names& own = ir::precision_slots(reference);
  return own.empty() ? result_only : own;
}

const std::vector<std::string>& unused_precision_slots(std::string_view layer_class) {
  static const Names table = {"table"};
  // hls4ml's HardActivation (QKeras' quantized_tanh and quantized_sigmoid) types its constants.
  static const Names hard = {"slope", "shift"};
  static const Names none;
  if (layer_class == "Softmax" || layer_class == "PReLU") return table;
  return layer_class == "Activation" ? hard : none;
}

std::string ir_precision_slot(std::string_view layer_class, const std::string& slot) {
  if (layer_class == "PReLU" && slot == "param") return "alpha";
  return slot;
}

bool is_ignored_type_key(std::string_view key) {
  return key == "result_t" || key == "weight_t" || key == "bias_t" || key == "scale_t" ||
         key == "param_t";
}

const std::vector<std::string>& layer_type_names() {
  static const Names names = [] {
    Names all = {"Dense", "Activation",  "Softmax", "PReLU",          "BatchNormalization",
                 "Dot",   "Concatenate", "Input",   "HardActivation", "TernaryTanh"};
    for (const Names* group : {&kPlainClasses, &kTableActivations, &kAccumulating, &kConvolutions,
                               &kSeparable, &kPooling, &kRecurrent}) {
      all.insert(all.end(), group->begin(), group->end());
    }
    for (const auto& [keras, reference] : reference_classes()) {
      all.push_back(keras);
      all.push_back(reference);
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
  }();
  return names;
}

std::vector<std::string> layer_type_names_of(const ir::Layer& layer) {
  // hls4ml turns every softmax activation, fused or not, into its Softmax class.
  if (layer.layer_class == "Softmax") return {"Softmax"};
  Names names;
  const auto add = [&names](const std::string& name) {
    if (!name.empty() && !contains(names, name)) names.push_back(name);
  };
  const std::string keras = layer.attribute_or<std::string>("keras_class", "");
  add(keras);
  add(keras.empty() ? std::string() : reference_class(keras));
  add(layer.layer_class);
  return names;
}

std::vector<std::string> layer_names_of(const ir::Layer& layer) {
  Names names = {layer.name};
  const std::string alias = layer.attribute_or<std::string>("config_name", "");
  if (!alias.empty() && alias != layer.name) names.push_back(alias);
  return names;
}

const std::vector<std::string>& model_keys() {
  static const Names keys = {"Precision",        "ReuseFactor",        "Strategy",
                             "BramFactor",       "TraceOutput",        "PipelineStyle",
                             "PipelineInterval", "ConvImplementation", "ParallelizationFactor",
                             "TargetCycles",     "Compression",        "BitExact",
                             "AllowDAFallback",  "AllowV2Fallback",    "FIFODepth",
                             "FIFODepthLimit"};
  return keys;
}

const std::vector<std::string>& flow_keys() {
  static const Names keys = {"Flows", "Optimizers", "SkipOptimizers"};
  return keys;
}

}  // namespace hlsnn::config
