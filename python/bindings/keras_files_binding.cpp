// Python access to the C++ readers of Keras model files (src/frontend/keras_file.h), returning
// plain Python data: the architecture JSON as text and the weights as numpy arrays.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/filesystem.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <utility>
#include <vector>

#include "bindings.h"
#include "frontend/keras_file.h"
#include "frontend/keras_layers.h"

namespace nb = nanobind;

namespace {

using hlsnn::frontend::WeightArray;
using hlsnn::frontend::WeightsByLayer;

// A float64 numpy array that takes over the values without copying them.
nb::object to_numpy(WeightArray& weight) {
  auto* values = new std::vector<double>(std::move(weight.values));
  nb::capsule owner(
      values, [](void* pointer) noexcept { delete static_cast<std::vector<double>*>(pointer); });
  const std::vector<size_t> shape(weight.shape.begin(), weight.shape.end());
  return nb::ndarray<nb::numpy, double>(values->data(), shape.size(), shape.data(), owner).cast();
}

// {layer_name: [(weight_name, array), ...]}
nb::dict to_python(WeightsByLayer& weights_by_layer) {
  nb::dict layers;
  for (auto& [layer_name, weights] : weights_by_layer) {
    nb::list named_arrays;
    for (WeightArray& weight : weights) {
      named_arrays.append(nb::make_tuple(weight.name, to_numpy(weight)));
    }
    layers[nb::str(layer_name.c_str(), layer_name.size())] = named_arrays;
  }
  return layers;
}

}  // namespace

void bind_keras_files(nb::module_& module) {
  module.def(
      "_read_keras_file",
      [](const std::filesystem::path& path) {
        hlsnn::frontend::KerasModelFile model_file;
        {
          nb::gil_scoped_release unlocked;
          model_file = hlsnn::frontend::read_keras_file(path);
        }
        return nb::make_tuple(model_file.keras_major_version, model_file.model_config_json,
                              to_python(model_file.weights_by_layer));
      },
      nb::arg("path"),
      "Reads a model saved by Keras (.h5, .keras, or an unzipped .keras directory) and returns\n"
      "(keras_major_version, model_config_json, {layer_name: [(weight_name, float64 array)]}),\n"
      "the weights of each layer in the order of layer.get_weights().");
  module.def(
      "_read_keras_weights_file",
      [](const std::filesystem::path& path, const std::string& model_config_json) {
        WeightsByLayer weights_by_layer;
        {
          nb::gil_scoped_release unlocked;
          weights_by_layer = hlsnn::frontend::read_keras_weights_file(path, model_config_json);
        }
        return to_python(weights_by_layer);
      },
      nb::arg("path"), nb::arg("model_config_json"),
      "Reads a weights file written by model.save_weights() for the architecture\n"
      "model_config_json (model.to_json()); returns {layer_name: [(weight_name, array)]}.");
  module.def(
      "_supported_keras_layers", [] { return hlsnn::frontend::supported_keras_layers(); },
      "The Keras and QKeras layer classes the converter takes.");
}
