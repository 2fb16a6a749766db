// What the Python model objects (hlsnn/_graph.py: get_layers(), graph, profiling) show of a
// converted model: every layer's wiring, shapes, settings, weights as the passes left them, and
// the types of every slot.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <type_traits>
#include <vector>

#include "api/model.h"
#include "bindings.h"
#include "ir/precision_slots.h"

namespace nb = nanobind;

nb::object describe_type(const hlsnn::ir::PrecisionType& type) {
  if (type.is_auto()) return nb::none();
  nb::dict description;
  description["type"] = type.to_cpp();
  description["config"] = type.to_config();
  description["width"] = type.width();
  description["integer"] = type.integer_bits();
  description["signed"] = type.is_signed();
  description["is_integer"] = type.is_integer();
  description["lsb"] = type.lsb();
  description["min"] = type.min_value();
  description["max"] = type.max_value();
  return std::move(description);
}

namespace {

nb::object to_numpy(const hlsnn::ir::Weight& weight) {
  auto* owned = new std::vector<double>(weight.values);
  nb::capsule owner(
      owned, [](void* pointer) noexcept { delete static_cast<std::vector<double>*>(pointer); });
  const std::vector<size_t> shape(weight.shape.begin(), weight.shape.end());
  return nb::cast(nb::ndarray<nb::numpy, double>(owned->data(), shape.size(), shape.data(), owner));
}

nb::object attribute_value(const hlsnn::ir::Attribute& value) {
  return std::visit(
      [](const auto& held) -> nb::object {
        using T = std::decay_t<decltype(held)>;
        if constexpr (std::is_same_v<T, hlsnn::ir::PrecisionType>) {
          return describe_type(held);
        } else {
          return nb::cast(held);
        }
      },
      value);
}

nb::dict attribute_dict(const hlsnn::ir::AttributeMap& attributes) {
  nb::dict result;
  for (const auto& [key, value] : attributes) result[key.c_str()] = attribute_value(value);
  return result;
}

}  // namespace

nb::list layer_summaries(const hlsnn::Model& model) {
  const hlsnn::ir::Graph& graph = model.graph();
  nb::list layers;
  for (const hlsnn::ir::Layer& layer : graph.layers()) {
    nb::dict summary;
    summary["name"] = layer.name;
    summary["class_name"] = layer.layer_class;
    // The Keras layer whose output this layer's output is (a Dense with a BatchNormalization
    // folded in computes the BatchNormalization's).
    summary["keras_output"] = layer.attribute_or<std::string>("fused_batchnorm", layer.name);
    summary["result"] =
        layer.has_precision("result") ? describe_type(layer.precision("result")) : nb::none();
    nb::dict precisions;
    for (const std::string& slot : hlsnn::ir::precision_slots(layer.layer_class)) {
      if (layer.has_precision(slot))
        precisions[slot.c_str()] = describe_type(layer.precision(slot));
    }
    summary["precisions"] = precisions;
    nb::list inputs;
    for (const std::string& input : layer.inputs) {
      inputs.append(nb::make_tuple(input, nb::cast(graph.tensor(input).shape)));
    }
    summary["inputs"] = inputs;
    nb::list outputs;
    for (const hlsnn::ir::Tensor& output : layer.outputs) {
      outputs.append(nb::make_tuple(output.name, nb::cast(output.shape)));
    }
    summary["outputs"] = outputs;
    summary["attributes"] = attribute_dict(layer.attributes);
    nb::dict options = attribute_dict(layer.options.extra);
    options["reuse_factor"] = layer.options.reuse_factor;
    options["strategy"] = std::string(hlsnn::ir::to_string(layer.options.strategy));
    options["trace"] = layer.options.trace;
    summary["options"] = options;
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
