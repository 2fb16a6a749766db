#include "frontend/keras_layers.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "frontend/keras_activations.h"
#include "frontend/qkeras_quantizers.h"
#include "frontend/qkeras_weight_quantization.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::frontend {

using json = nlohmann::ordered_json;

namespace {

/// Everything a converter needs about one call.
struct Context {
  const KerasLayerCall& call;
  const std::vector<ir::Shape>& input_shapes;
  const std::vector<WeightArray>& weights;
  int keras_major_version;

  std::string where() const {
    return "layer " + ir::display_name(call.name) + " (" + call.class_name + ")";
  }
  [[noreturn]] void fail(const std::string& problem, const std::string& hint) const {
    throw Error(problem, where(), hint);
  }

  template <typename T>
  T get(const char* key, T fallback) const {
    const auto found = call.config.find(key);
    if (found == call.config.end() || found->is_null()) return fallback;
    try {
      return found->get<T>();
    } catch (const json::exception&) {
      fail(std::string("config key '") + key + "' has an unexpected value " + found->dump(),
           "save the model again with the Keras that trained it");
    }
  }

  const ir::Shape& only_input_shape() const {
    if (input_shapes.size() != 1) {
      fail("expects one input, got " + std::to_string(input_shapes.size()),
           "connect exactly one tensor to it");
    }
    return input_shapes.front();
  }

  /// A layer wired to the call's inputs, producing one tensor named after the layer.
  ir::Layer make_layer(const std::string& ir_class, ir::Shape output_shape) const {
    ir::Layer layer(call.name, ir_class);
    layer.inputs = call.inputs;
    layer.outputs.push_back(ir::Tensor{call.name, std::move(output_shape), {}});
    return layer;
  }

  /// Checks the number and shapes of the weight arrays the file holds for this layer.
  void expect_weights(const std::vector<std::pair<std::string, ir::Shape>>& expected) const {
    std::string names;
    for (const auto& [name, shape] : expected) {
      names += (names.empty() ? "" : ", ") + name + ir::shape_to_string(shape);
    }
    if (weights.size() != expected.size()) {
      fail("expects " + std::to_string(expected.size()) + " weight arrays (" + names +
               ") but the model has " + std::to_string(weights.size()),
           "pass the weights saved with this model (the file or model.get_weights())");
    }
    for (size_t index = 0; index < expected.size(); ++index) {
      const WeightArray& array = weights[index];
      if (array.shape != expected[index].second ||
          static_cast<int64_t>(array.values.size()) != ir::element_count(array.shape)) {
        fail("weight " + expected[index].first + " has shape " + ir::shape_to_string(array.shape) +
                 ", expected " + ir::shape_to_string(expected[index].second),
             "pass the weights saved with this model");
      }
    }
  }
};

ir::Weight make_weight(std::string name, ir::Shape shape, std::vector<double> values) {
  ir::Weight weight;
  weight.name = std::move(name);
  weight.shape = std::move(shape);
  weight.values = std::move(values);
  return weight;
}

/// Puts the activation on `layer` with its parameters under `prefix` ("" for an Activation
/// layer, "activation." for one fused into another layer).
void set_activation(ir::Layer& layer, const std::string& name, const std::string& prefix,
                    int keras_major_version) {
  layer.set_attribute("activation", name);
  if (name == "hard_sigmoid") {
    // Keras 2: clip(0.2x + 0.5); Keras 3: relu6(x + 3) / 6.
    layer.set_attribute(prefix + "slope", keras_major_version >= 3 ? 1.0 / 6.0 : 0.2);
    layer.set_attribute(prefix + "offset", 0.5);
  } else if (name == "hard_tanh") {
    // The kernel computes 2 * clip(slope*x + 0.5, 0, 1) - 1: slope 1/2 gives Keras 3's (and
    // QKeras's) clip(x, -1, 1).
    layer.set_attribute(prefix + "slope", 0.5);
    layer.set_attribute(prefix + "offset", 0.5);
  }
}

std::optional<ir::Layer> convert_input(const Context& context) {
  if (!ir::is_complete_shape(context.call.input_shape)) {
    context.fail(
        "the input shape " + ir::shape_to_string(context.call.input_shape) + " is not fully known",
        "give the Input layer a complete shape (no None besides the batch dimension)");
  }
  return context.make_layer("Input", context.call.input_shape);
}

/// The Dense layer of a Dense or QDense call, with the kernel and bias the file holds and no
/// activation.
ir::Layer dense_layer(const Context& context) {
  // Keras applies the kernel to the last axis: (..., n_in) -> (..., n_out), the same kernel at
  // every position of the other axes.
  const ir::Shape& input = context.only_input_shape();
  const int64_t n_in = input.back();
  const int64_t n_out = context.get<int64_t>("units", 0);
  const bool use_bias = context.get<bool>("use_bias", true);
  std::vector<std::pair<std::string, ir::Shape>> expected = {{"kernel", {n_in, n_out}}};
  if (use_bias) expected.push_back({"bias", {n_out}});
  context.expect_weights(expected);

  ir::Shape output = input;
  output.back() = n_out;
  ir::Layer layer = context.make_layer("Dense", std::move(output));
  layer.set_attribute("n_in", n_in);
  layer.set_attribute("n_out", n_out);
  layer.add_weight(make_weight("weight", {n_in, n_out}, context.weights[0].values));
  // Without a bias the kernel still adds one, of zeros, so that every Dense has the same form.
  layer.add_weight(make_weight(
      "bias", {n_out},
      use_bias ? context.weights[1].values : std::vector<double>(static_cast<size_t>(n_out), 0.0)));
  return layer;
}

std::optional<ir::Layer> convert_dense(const Context& context) {
  ir::Layer layer = dense_layer(context);
  const std::string activation =
      keras_activation_name(context.get<json>("activation", json("linear")), context.where());
  set_activation(layer, activation, "activation.", context.keras_major_version);
  return layer;
}

/// An elementwise activation layer with the input's shape.
ir::Layer activation_layer(const Context& context, const std::string& activation) {
  ir::Layer layer = context.make_layer("Activation", context.only_input_shape());
  set_activation(layer, activation, "", context.keras_major_version);
  return layer;
}

std::optional<ir::Layer> convert_activation(const Context& context) {
  const std::string name =
      keras_activation_name(context.get<json>("activation", json("linear")), context.where());
  if (name == "softmax") {
    ir::Layer layer = context.make_layer("Softmax", context.only_input_shape());
    layer.set_attribute("axis", int64_t{-1});
    return layer;
  }
  return activation_layer(context, name);
}

/// Records the type a QKeras quantizer gives `slot`, under `<prefix>quantizer_precision.<slot>`:
/// the config lets it win over the model's default precision. `auto` marks values QKeras keeps
/// in float32, which only an exact type reproduces.
void set_quantizer_precision(ir::Layer& layer, const std::string& prefix, const std::string& slot,
                             const ir::PrecisionType& type) {
  layer.set_attribute(prefix + "quantizer_precision." + slot, type);
  if (prefix.empty()) {
    layer.set_precision(slot, type);
  }
}

/// The activation hlsnn computes a QKeras activation quantizer with, before its result type
/// rounds it: QKeras' tanh and sigmoid quantizers use its hard (slope 1/2) functions.
std::string activation_of(const QKerasQuantizer& quantizer) {
  if (quantizer.is_quantized_relu()) {
    return "relu";
  }
  if (quantizer.is_quantized_tanh()) {
    return "hard_tanh";
  }
  if (quantizer.is_quantized_sigmoid()) {
    return "hard_sigmoid";
  }
  return "linear";
}

/// A QKeras activation (a quantizer, or a plain name) on `layer`, its parameters and result type
/// under `prefix`: quantized_relu is a relu, quantized_bits a linear activation, quantized_tanh
/// and quantized_sigmoid QKeras' hard_tanh and hard_sigmoid, each with the quantizer's
/// saturating, half-to-even rounding result type.
void set_qkeras_activation(const Context& context, ir::Layer& layer, const json& value,
                           const std::string& prefix) {
  const std::string where = context.where() + " activation";
  const QKerasQuantizer quantizer =
      value.is_null() ? QKerasQuantizer{"linear"} : parse_qkeras_quantizer(value, where);
  const std::string activation =
      quantizer.is_plain_activation() ? quantizer.name : activation_of(quantizer);
  set_activation(layer, activation, prefix, context.keras_major_version);
  // QKeras' own hard_sigmoid, found before Keras', is clip(0.5x + 0.5, 0, 1).
  if (activation == "hard_sigmoid") {
    layer.set_attribute(prefix + "slope", 0.5);
  }
  if (quantizer.is_plain_activation()) {
    return;
  }
  set_quantizer_precision(layer, prefix, "result", qkeras_activation_type(quantizer, where));
}

/// The quantizer's type when it holds every value, else the exact type of the values (a numeric
/// alpha or a per-element scale moves them off the quantizer's grid).
ir::PrecisionType type_holding(const QKerasQuantizer& quantizer, const std::vector<double>& values,
                               const std::string& where) {
  const ir::PrecisionType type = qkeras_weight_type(quantizer);
  const bool all_held = std::all_of(values.begin(), values.end(),
                                    [&](double value) { return type.is_representable(value); });
  return all_held ? type : exact_fixed_type(values, where);
}

QKerasQuantizer weight_quantizer(const Context& context, const json& value, const char* key) {
  const std::string where = context.where() + " " + key;
  QKerasQuantizer quantizer = parse_qkeras_quantizer(value, where);
  if (!quantizer.is_quantized_bits()) {
    throw Error("the weight quantizer " + quantizer.to_string() + " is not supported", where,
                "quantize weights with quantized_bits");
  }
  return quantizer;
}

/// The kernel as QKeras' QDense multiplies with it. With a scaled quantizer ('auto_po2', 'auto')
/// the kernel keeps the grid values and the layer records the per-unit scales in
/// `alpha.scale`, for insert_apply_alpha to put into a `<layer>_alpha` ApplyAlpha.
void quantize_dense_kernel(const Context& context, ir::Layer& layer, const json& value) {
  const QKerasQuantizer quantizer =
      with_kernel_alpha_default(weight_quantizer(context, value, "kernel_quantizer"));
  ir::Weight& kernel = layer.weight("weight");
  const QKerasQuantizedWeights quantized =
      quantize_qkeras_weights(quantizer, kernel.values, kernel.shape);
  ir::PrecisionType type = qkeras_weight_type(quantizer);
  if (quantized.scales.empty()) {
    kernel.values = quantized.values;
    type = type_holding(quantizer, kernel.values, context.where() + " kernel_quantizer");
  } else {
    const size_t units = quantized.scales.size();
    for (size_t i = 0; i < quantized.values.size(); ++i) {
      // QKeras' last float32 steps can move a value off scale·grid for huge weights; hlsnn would
      // then not reproduce it.
      if (quantizer.alpha == QKerasAlpha::kAutoPo2 &&
          quantized.values[i] != quantized.grid[i] * quantized.scales[i % units]) {
        context.fail("QKeras rounds the kernel value " + ir::format_double(kernel.values[i]) +
                         " off its power-of-two grid",
                     "use alpha=1 for this kernel quantizer");
      }
    }
    kernel.values = quantized.grid;
    layer.set_attribute("alpha.scale", quantized.scales);
    layer.set_attribute("alpha.scale_precision",
                        exact_fixed_type(quantized.scales, context.where() + " kernel_quantizer"));
  }
  set_quantizer_precision(layer, "", "weight", type);
}

/// The bias as QKeras adds it, in the bias quantizer's type (or the exact type of its values
/// when scaled per element).
void quantize_dense_bias(const Context& context, ir::Layer& layer, const json& value) {
  const QKerasQuantizer quantizer = weight_quantizer(context, value, "bias_quantizer");
  ir::Weight& bias = layer.weight("bias");
  bias.values = quantize_qkeras_weights(quantizer, bias.values, bias.shape).values;
  set_quantizer_precision(
      layer, "", "bias", type_holding(quantizer, bias.values, context.where() + " bias_quantizer"));
}

std::optional<ir::Layer> convert_qdense(const Context& context) {
  ir::Layer layer = dense_layer(context);
  // QKeras leaves the layer's sums in float32: exact types reproduce them.
  set_quantizer_precision(layer, "", "accum", ir::PrecisionType::automatic());
  set_quantizer_precision(layer, "", "result", ir::PrecisionType::automatic());
  const json kernel_quantizer = context.get<json>("kernel_quantizer", json());
  if (!kernel_quantizer.is_null()) {
    quantize_dense_kernel(context, layer, kernel_quantizer);
  }
  const json bias_quantizer = context.get<json>("bias_quantizer", json());
  if (!bias_quantizer.is_null() && context.get<bool>("use_bias", true)) {
    quantize_dense_bias(context, layer, bias_quantizer);
  }
  if (layer.has_attribute("alpha.scale")) {
    // The scale applies to the sum, so the bias moves after it, as in the reference tool.
    ir::Weight& bias = layer.weight("bias");
    layer.set_attribute("alpha.bias", bias.values);
    layer.set_attribute("alpha.bias_precision",
                        layer.has_attribute("quantizer_precision.bias")
                            ? layer.attribute<ir::PrecisionType>("quantizer_precision.bias")
                            : exact_fixed_type(bias.values, context.where() + " bias"));
    std::fill(bias.values.begin(), bias.values.end(), 0.0);
  }
  set_qkeras_activation(context, layer, context.get<json>("activation", json()), "activation.");
  return layer;
}

std::optional<ir::Layer> convert_qactivation(const Context& context) {
  const json value = context.get<json>("activation", json());
  if (!value.is_null()) {
    const QKerasQuantizer quantizer =
        parse_qkeras_quantizer(value, context.where() + " activation");
    if (quantizer.is_plain_activation() && quantizer.name == "softmax") {
      ir::Layer layer = context.make_layer("Softmax", context.only_input_shape());
      layer.set_attribute("axis", int64_t{-1});
      return layer;
    }
  }
  ir::Layer layer = context.make_layer("Activation", context.only_input_shape());
  set_qkeras_activation(context, layer, value, "");
  return layer;
}

std::optional<ir::Layer> convert_relu(const Context& context) {
  const double negative_slope = context.get<double>("negative_slope", 0.0);
  const double threshold = context.get<double>("threshold", 0.0);
  const json max_value = context.get<json>("max_value", json());
  if (threshold != 0.0) {
    context.fail("ReLU with threshold " + ir::format_double(threshold) + " is not supported",
                 "use ThresholdedReLU, or ReLU without a threshold");
  }
  if (!max_value.is_null()) {
    if (!max_value.is_number() || max_value.get<double>() != 6.0 || negative_slope != 0.0) {
      context.fail("ReLU with max_value " + max_value.dump() + " and negative_slope " +
                       ir::format_double(negative_slope) + " is not supported",
                   "use max_value=6 (relu6) or no max_value");
    }
    return activation_layer(context, "relu6");
  }
  if (negative_slope != 0.0) {
    ir::Layer layer = activation_layer(context, "leaky_relu");
    layer.set_attribute("alpha", negative_slope);
    return layer;
  }
  return activation_layer(context, "relu");
}

std::optional<ir::Layer> convert_leaky_relu(const Context& context) {
  ir::Layer layer = activation_layer(context, "leaky_relu");
  // Keras 2 calls the slope `alpha`, Keras 3 `negative_slope`; the defaults differ too.
  const double alpha = context.call.config.contains("negative_slope")
                           ? context.get<double>("negative_slope", 0.2)
                           : context.get<double>("alpha", 0.3);
  layer.set_attribute("alpha", alpha);
  return layer;
}

std::optional<ir::Layer> convert_elu(const Context& context) {
  ir::Layer layer = activation_layer(context, "elu");
  layer.set_attribute("alpha", context.get<double>("alpha", 1.0));
  return layer;
}

std::optional<ir::Layer> convert_thresholded_relu(const Context& context) {
  ir::Layer layer = activation_layer(context, "thresholded_relu");
  layer.set_attribute("theta", context.get<double>("theta", 1.0));
  return layer;
}

std::optional<ir::Layer> convert_prelu(const Context& context) {
  const ir::Shape& input = context.only_input_shape();
  ir::Shape alpha_shape = input;
  for (const json& axis : context.get<json>("shared_axes", json::array())) {
    const int64_t with_batch = axis.get<int64_t>();
    if (with_batch < 1 || with_batch > static_cast<int64_t>(input.size())) {
      context.fail("shared_axes holds axis " + std::to_string(with_batch) + " outside the input",
                   "use axes between 1 and the input's rank");
    }
    alpha_shape[static_cast<size_t>(with_batch - 1)] = 1;
  }
  context.expect_weights({{"alpha", alpha_shape}});
  // Spread the shared values over the full shape, so the kernel needs no broadcasting rule.
  std::vector<double> full(static_cast<size_t>(ir::element_count(input)));
  for (size_t flat = 0; flat < full.size(); ++flat) {
    size_t remainder = flat;
    size_t alpha_index = 0;
    size_t alpha_stride = 1;
    for (size_t axis = input.size(); axis-- > 0;) {
      const size_t coordinate = remainder % static_cast<size_t>(input[axis]);
      remainder /= static_cast<size_t>(input[axis]);
      if (alpha_shape[axis] != 1) alpha_index += coordinate * alpha_stride;
      alpha_stride *= static_cast<size_t>(alpha_shape[axis]);
    }
    full[flat] = context.weights[0].values[alpha_index];
  }
  ir::Layer layer = context.make_layer("PReLU", input);
  layer.add_weight(make_weight("alpha", input, std::move(full)));
  return layer;
}

std::optional<ir::Layer> convert_softmax(const Context& context) {
  const ir::Shape& input = context.only_input_shape();
  const json axis = context.get<json>("axis", json(-1));
  const bool last_axis =
      axis.is_number_integer() &&
      (axis.get<int64_t>() == -1 || axis.get<int64_t>() == static_cast<int64_t>(input.size()));
  if (!last_axis) {
    context.fail("softmax over axis " + axis.dump() + " is not supported",
                 "apply softmax over the last axis");
  }
  ir::Layer layer = context.make_layer("Softmax", input);
  layer.set_attribute("axis", int64_t{-1});
  return layer;
}

std::optional<ir::Layer> convert_batch_normalization(const Context& context) {
  const ir::Shape& input = context.only_input_shape();
  const json axis_value = context.get<json>("axis", json(-1));
  const json axis = axis_value.is_array() && axis_value.size() == 1 ? axis_value[0] : axis_value;
  const int64_t rank = static_cast<int64_t>(input.size());
  if (!axis.is_number_integer() || (axis.get<int64_t>() != -1 && axis.get<int64_t>() != rank)) {
    context.fail("normalization over axis " + axis_value.dump() + " is not supported",
                 "normalize over the last (channel) axis");
  }
  const int64_t channels = input.back();
  const bool has_gamma = context.get<bool>("scale", true);
  const bool has_beta = context.get<bool>("center", true);
  std::vector<std::pair<std::string, ir::Shape>> expected;
  if (has_gamma) expected.push_back({"gamma", {channels}});
  if (has_beta) expected.push_back({"beta", {channels}});
  expected.push_back({"moving_mean", {channels}});
  expected.push_back({"moving_variance", {channels}});
  context.expect_weights(expected);

  size_t next = 0;
  const std::vector<double>* gamma = has_gamma ? &context.weights[next++].values : nullptr;
  const std::vector<double>* beta = has_beta ? &context.weights[next++].values : nullptr;
  const std::vector<double>& mean = context.weights[next++].values;
  const std::vector<double>& variance = context.weights[next++].values;
  // In float32, as the reference tool computes them with numpy, so the quantized scale and
  // bias come out the same (this file is built without floating-point contraction).
  const float epsilon = static_cast<float>(context.get<double>("epsilon", 1e-3));
  std::vector<double> scale(static_cast<size_t>(channels));
  std::vector<double> bias(static_cast<size_t>(channels));
  for (size_t c = 0; c < scale.size(); ++c) {
    const float g = gamma ? static_cast<float>((*gamma)[c]) : 1.0f;
    const float b = beta ? static_cast<float>((*beta)[c]) : 0.0f;
    const float s = g / std::sqrt(static_cast<float>(variance[c]) + epsilon);
    const float shifted_mean = static_cast<float>(mean[c]) * s;
    scale[c] = s;
    bias[c] = b - shifted_mean;
  }
  ir::Layer layer = context.make_layer("BatchNormalization", input);
  layer.set_attribute("n_filt", channels);
  layer.add_weight(make_weight("scale", {channels}, std::move(scale)));
  layer.add_weight(make_weight("bias", {channels}, std::move(bias)));
  return layer;
}

std::optional<ir::Layer> convert_dropout(const Context&) { return std::nullopt; }

std::optional<ir::Layer> convert_flatten(const Context& context) {
  ir::Layer layer = context.make_layer("Reshape", {ir::element_count(context.only_input_shape())});
  return layer;
}

std::optional<ir::Layer> convert_reshape(const Context& context) {
  const int64_t elements = ir::element_count(context.only_input_shape());
  ir::Shape target = context.get<ir::Shape>("target_shape", {});
  int64_t known = 1;
  int unknown_axes = 0;
  for (int64_t dimension : target) {
    if (dimension == -1) {
      ++unknown_axes;
    } else {
      known *= dimension;
    }
  }
  if (target.empty() || unknown_axes > 1 || known <= 0 ||
      (unknown_axes == 0 ? known != elements : elements % known != 0)) {
    context.fail("cannot reshape " + ir::shape_to_string(context.only_input_shape()) + " to " +
                     ir::shape_to_string(target),
                 "give a target shape with the same number of elements");
  }
  for (int64_t& dimension : target) {
    if (dimension == -1) dimension = elements / known;
  }
  return context.make_layer("Reshape", target);
}

std::optional<ir::Layer> convert_merge(const Context& context, const std::string& op) {
  if (context.input_shapes.size() < 2) {
    context.fail("a merge layer needs at least two inputs", "connect two or more tensors");
  }
  if ((op == "subtract") && context.input_shapes.size() != 2) {
    context.fail("Subtract takes exactly two inputs", "connect exactly two tensors");
  }
  for (const ir::Shape& shape : context.input_shapes) {
    if (shape != context.input_shapes.front()) {
      context.fail("inputs of different shapes " + ir::shape_to_string(context.input_shapes[0]) +
                       " and " + ir::shape_to_string(shape) + " (broadcasting is not supported)",
                   "merge tensors of the same shape");
    }
  }
  ir::Layer layer = context.make_layer("Merge", context.input_shapes.front());
  layer.set_attribute("op", op);
  return layer;
}

std::optional<ir::Layer> convert_concatenate(const Context& context) {
  if (context.input_shapes.size() < 2) {
    context.fail("Concatenate needs at least two inputs", "connect two or more tensors");
  }
  const int64_t rank = static_cast<int64_t>(context.input_shapes.front().size());
  const int64_t keras_axis = context.get<int64_t>("axis", -1);
  const int64_t with_batch = keras_axis < 0 ? keras_axis + rank + 1 : keras_axis;
  const int64_t axis = with_batch - 1;
  if (axis < 0 || axis >= rank) {
    context.fail("axis " + std::to_string(keras_axis) + " is outside the inputs' rank",
                 "concatenate along a non-batch axis");
  }
  ir::Shape output = context.input_shapes.front();
  output[static_cast<size_t>(axis)] = 0;
  for (const ir::Shape& shape : context.input_shapes) {
    ir::Shape other_axes = shape;
    ir::Shape first_axes = context.input_shapes.front();
    if (shape.size() != first_axes.size()) {
      context.fail("inputs of different ranks", "concatenate tensors of the same rank");
    }
    other_axes[static_cast<size_t>(axis)] = first_axes[static_cast<size_t>(axis)] = 0;
    if (other_axes != first_axes) {
      context.fail("inputs " + ir::shape_to_string(context.input_shapes.front()) + " and " +
                       ir::shape_to_string(shape) + " differ outside the concatenation axis",
                   "concatenate tensors that agree on every other axis");
    }
    output[static_cast<size_t>(axis)] += shape[static_cast<size_t>(axis)];
  }
  ir::Layer layer = context.make_layer("Concatenate", output);
  layer.set_attribute("axis", axis);
  return layer;
}

std::optional<ir::Layer> convert_dot(const Context& context) {
  if (context.input_shapes.size() != 2 || context.input_shapes[0].size() != 1 ||
      context.input_shapes[0] != context.input_shapes[1]) {
    context.fail("Dot is supported for two 1-D inputs of the same length only",
                 "use Dot on two vectors of equal length");
  }
  if (context.get<bool>("normalize", false)) {
    context.fail("Dot with normalize=True is not supported", "use normalize=False");
  }
  ir::Layer layer = context.make_layer("Dot", {1});
  layer.set_attribute("n_in", context.input_shapes[0][0]);
  return layer;
}

using Converter = std::function<std::optional<ir::Layer>(const Context&)>;

const std::map<std::string, Converter>& converters() {
  static const std::map<std::string, Converter> table = {
      {"InputLayer", convert_input},
      {"Dense", convert_dense},
      {"Activation", convert_activation},
      {"ReLU", convert_relu},
      {"LeakyReLU", convert_leaky_relu},
      {"ELU", convert_elu},
      {"PReLU", convert_prelu},
      {"ThresholdedReLU", convert_thresholded_relu},
      {"Softmax", convert_softmax},
      {"BatchNormalization", convert_batch_normalization},
      {"Dropout", convert_dropout},
      {"SpatialDropout1D", convert_dropout},
      {"SpatialDropout2D", convert_dropout},
      {"GaussianNoise", convert_dropout},
      {"GaussianDropout", convert_dropout},
      {"AlphaDropout", convert_dropout},
      {"Flatten", convert_flatten},
      {"Reshape", convert_reshape},
      {"Add", [](const Context& c) { return convert_merge(c, "add"); }},
      {"Subtract", [](const Context& c) { return convert_merge(c, "subtract"); }},
      {"Multiply", [](const Context& c) { return convert_merge(c, "multiply"); }},
      {"Average", [](const Context& c) { return convert_merge(c, "average"); }},
      {"Maximum", [](const Context& c) { return convert_merge(c, "maximum"); }},
      {"Minimum", [](const Context& c) { return convert_merge(c, "minimum"); }},
      {"Concatenate", convert_concatenate},
      {"Dot", convert_dot},
      {"QDense", convert_qdense},
      {"QActivation", convert_qactivation},
  };
  return table;
}

}  // namespace

const std::vector<std::string>& supported_keras_layers() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> result;
    for (const auto& entry : converters()) result.push_back(entry.first);
    return result;
  }();
  return names;
}

bool is_supported_keras_layer(const std::string& class_name) {
  return converters().count(class_name) != 0;
}

std::optional<ir::Layer> convert_keras_layer(const KerasLayerCall& call,
                                             const std::vector<ir::Shape>& input_shapes,
                                             const std::vector<WeightArray>& weights,
                                             int keras_major_version) {
  const auto found = converters().find(call.class_name);
  if (found == converters().end()) {
    throw Error("layer class " + ir::display_name(call.class_name) + " is not supported",
                "layer " + ir::display_name(call.name), "see `hlsnn layers` for what is");
  }
  return found->second(Context{call, input_shapes, weights, keras_major_version});
}

}  // namespace hlsnn::frontend
