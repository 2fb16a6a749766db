#include "frontend/layers/keras_layer_context.h"

namespace hlsnn::frontend {

void Context::expect_weights(const std::vector<std::pair<std::string, ir::Shape>>& expected) const {
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

/// An elementwise activation layer with the input's shape.
ir::Layer activation_layer(const Context& context, const std::string& activation) {
  ir::Layer layer = context.make_layer("Activation", context.only_input_shape());
  set_activation(layer, activation, "", context.keras_major_version);
  return layer;
}

}  // namespace hlsnn::frontend
