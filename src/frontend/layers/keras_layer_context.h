#ifndef HLSNN_FRONTEND_LAYERS_KERAS_LAYER_CONTEXT_H
#define HLSNN_FRONTEND_LAYERS_KERAS_LAYER_CONTEXT_H

// What every Keras layer converter sees (one layer call, its input shapes and weight arrays) and
// the helpers they share. Each layer family's converters live in their own file and register in
// keras_layer_families.h.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "frontend/keras_file.h"
#include "frontend/keras_topology.h"
#include "ir/error.h"
#include "ir/layer.h"
#include "ir/names.h"

namespace hlsnn::frontend {

using json = nlohmann::ordered_json;

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

  /// A layer wired to the call's inputs, producing one tensor named after the layer. It records
  /// the Keras class it came from (`keras_class`), which LayerType config entries may name.
  ir::Layer make_layer(const std::string& ir_class, ir::Shape output_shape) const {
    ir::Layer layer(call.name, ir_class);
    layer.set_attribute("keras_class", call.class_name);
    layer.inputs = call.inputs;
    layer.outputs.push_back(ir::Tensor{call.name, std::move(output_shape), {}});
    return layer;
  }

  /// Checks the number and shapes of the weight arrays the file holds for this layer.
  void expect_weights(const std::vector<std::pair<std::string, ir::Shape>>& expected) const;
};

ir::Weight make_weight(std::string name, ir::Shape shape, std::vector<double> values);

/// Puts the activation on `layer` with its parameters under `prefix` ("" for an Activation
/// layer, "activation." for one fused into another layer).
void set_activation(ir::Layer& layer, const std::string& name, const std::string& prefix,
                    int keras_major_version);

/// An elementwise activation layer with the input's shape.
ir::Layer activation_layer(const Context& context, const std::string& activation);

/// The Dense layer of a Dense or QDense call, with the kernel and bias the file holds and no
/// activation (keras_core_layers.cpp).
ir::Layer dense_layer(const Context& context);

/// The convolution of a Conv1D/Conv2D call (`dimensions` 1 or 2) or of a QKeras call shaped like
/// one, with the kernel and bias the file holds (zeros without a bias) and no activation; its
/// window geometry as keras_sliding_window.h describes (keras_conv_layers.cpp).
ir::Layer conv_layer(const Context& context, int dimensions);
/// The same for DepthwiseConv1D/2D (weight {..., n_chan, depth_multiplier}).
ir::Layer depthwise_conv_layer(const Context& context, int dimensions);
/// The same for SeparableConv1D/2D (weights depthwise, pointwise and bias).
ir::Layer separable_conv_layer(const Context& context, int dimensions);
/// The pooling layer of a MaxPooling/AveragePooling call (`op` max or average), and of a global
/// one (keras_pooling_layers.cpp).
std::optional<ir::Layer> convert_pooling(const Context& context, int dimensions,
                                         const std::string& op);
std::optional<ir::Layer> convert_global_pooling(const Context& context, int dimensions,
                                                const std::string& op);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_LAYERS_KERAS_LAYER_CONTEXT_H
