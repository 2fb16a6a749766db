// Keras 3 functional-model JSON pieces for the C++ API tests, which build small models by hand.
#ifndef HLSNN_TESTS_API_KERAS3_JSON_H
#define HLSNN_TESTS_API_KERAS3_JSON_H

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace hlsnn::test {

/// The reference to `layer`'s first output, as a Keras 3 inbound node names it.
inline nlohmann::ordered_json keras_tensor(const std::string& layer) {
  return {{"class_name", "__keras_tensor__"}, {"config", {{"keras_history", {layer, 0, 0}}}}};
}

/// An InputLayer `name` of `width` features.
inline nlohmann::ordered_json input_layer(const std::string& name, int64_t width) {
  using json = nlohmann::ordered_json;
  return {{"class_name", "InputLayer"},
          {"name", name},
          {"config", {{"name", name}, {"batch_shape", {nullptr, width}}}},
          {"inbound_nodes", json::array()}};
}

/// The JSON text of a Keras 3 functional model of `layers`, from the layer `input` to `output`.
inline std::string functional_model(const nlohmann::ordered_json& layers, const std::string& input,
                                    const std::string& output) {
  using json = nlohmann::ordered_json;
  return json{{"module", "keras"},
              {"class_name", "Functional"},
              {"config",
               {{"name", "model"},
                {"layers", layers},
                {"input_layers", json::array({json::array({input, 0, 0})})},
                {"output_layers", json::array({json::array({output, 0, 0})})}}}}
      .dump();
}

/// The inbound nodes of a layer called on `input`'s first output.
inline nlohmann::ordered_json called_on(const std::string& input) {
  using json = nlohmann::ordered_json;
  return json::array({{{"args", json::array({keras_tensor(input)})}, {"kwargs", json::object()}}});
}

/// A Dense layer with a bias, reading `input`.
inline nlohmann::ordered_json dense_layer(const std::string& name, int64_t units,
                                          const std::string& activation, const std::string& input) {
  return {{"class_name", "Dense"},
          {"name", name},
          {"config",
           {{"name", name}, {"units", units}, {"activation", activation}, {"use_bias", true}}},
          {"inbound_nodes", called_on(input)}};
}

}  // namespace hlsnn::test

#endif  // HLSNN_TESTS_API_KERAS3_JSON_H
