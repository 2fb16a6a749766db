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

/// A Dense layer with a bias, reading `input`.
inline nlohmann::ordered_json dense_layer(const std::string& name, int64_t units,
                                          const std::string& activation, const std::string& input) {
  using json = nlohmann::ordered_json;
  return {
      {"class_name", "Dense"},
      {"name", name},
      {"config",
       {{"name", name}, {"units", units}, {"activation", activation}, {"use_bias", true}}},
      {"inbound_nodes",
       json::array({{{"args", json::array({keras_tensor(input)})}, {"kwargs", json::object()}}})}};
}

}  // namespace hlsnn::test

#endif  // HLSNN_TESTS_API_KERAS3_JSON_H
