// What the profiling plots (hlsnn/model/profiling.py) need of a converted model: every layer's
// weights, as the passes left them, and the types its values are held in.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/string.h>

#include <vector>

#include "api/model.h"
#include "bindings.h"

namespace nb = nanobind;

namespace {

// {"type": "ap_fixed<16,6>", "lsb": 2^-F, "min": ..., "max": ...}, or None for an auto type.
nb::object describe_type(const hlsnn::ir::PrecisionType& type) {
  if (type.is_auto()) return nb::none();
  nb::dict description;
  description["type"] = type.to_cpp();
  description["lsb"] = type.lsb();
  description["min"] = type.min_value();
  description["max"] = type.max_value();
  return std::move(description);
}

nb::object to_numpy(const hlsnn::ir::Weight& weight) {
  auto* owned = new std::vector<double>(weight.values);
  nb::capsule owner(
      owned, [](void* pointer) noexcept { delete static_cast<std::vector<double>*>(pointer); });
  const std::vector<size_t> shape(weight.shape.begin(), weight.shape.end());
  return nb::cast(nb::ndarray<nb::numpy, double>(owned->data(), shape.size(), shape.data(), owner));
}

}  // namespace

nb::list layer_summaries(const hlsnn::Model& model) {
  nb::list layers;
  for (const hlsnn::ir::Layer& layer : model.graph().layers()) {
    nb::dict summary;
    summary["name"] = layer.name;
    summary["class_name"] = layer.layer_class;
    // The Keras layer whose output this layer's output is (a Dense with a BatchNormalization
    // folded in computes the BatchNormalization's).
    summary["keras_output"] = layer.attribute_or<std::string>("fused_batchnorm", layer.name);
    summary["result"] =
        layer.has_precision("result") ? describe_type(layer.precision("result")) : nb::none();
    nb::list weights;
    for (const hlsnn::ir::Weight& weight : layer.weights) {
      nb::dict entry;
      entry["name"] = weight.name;
      entry["values"] = to_numpy(weight);
      entry["precision"] = describe_type(weight.precision);
      weights.append(entry);
    }
    summary["weights"] = weights;
    layers.append(summary);
  }
  return layers;
}
