// InputLayer, Dense, and the layers that vanish at inference (Dropout...).

#include "frontend/keras_activations.h"
#include "frontend/layers/keras_layer_families.h"

namespace hlsnn::frontend {

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

namespace {

std::optional<ir::Layer> convert_input(const Context& context) {
  if (!ir::is_complete_shape(context.call.input_shape)) {
    context.fail(
        "the input shape " + ir::shape_to_string(context.call.input_shape) + " is not fully known",
        "give the Input layer a complete shape (no None besides the batch dimension)");
  }
  return context.make_layer("Input", context.call.input_shape);
}

std::optional<ir::Layer> convert_dense(const Context& context) {
  ir::Layer layer = dense_layer(context);
  const std::string activation =
      keras_activation_name(context.get<json>("activation", json("linear")), context.where());
  set_activation(layer, activation, "activation.", context.keras_major_version);
  return layer;
}

std::optional<ir::Layer> convert_dropout(const Context&) { return std::nullopt; }

}  // namespace

void add_core_converters(ConverterTable& table) {
  table.emplace("InputLayer", convert_input);
  table.emplace("Dense", convert_dense);
  for (const char* name : {"Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianNoise",
                           "GaussianDropout", "AlphaDropout"}) {
    table.emplace(name, convert_dropout);
  }
}

}  // namespace hlsnn::frontend
