#include "frontend/keras_to_ir.h"

#include <map>
#include <set>

#include "frontend/keras_layers.h"
#include "frontend/keras_topology.h"
#include "input/json_document.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::frontend {

namespace {

nlohmann::ordered_json parse_model_json(const std::string& model_json) {
  return input::parse_json_document<nlohmann::ordered_json>(
      model_json, "model JSON", "pass the output of model.to_json() or a file saved by Keras");
}

void reject_unsupported_layers(const KerasTopology& topology) {
  std::string unsupported;
  int count = 0;
  for (const KerasLayerCall& call : topology.calls) {
    if (!is_supported_keras_layer(call.class_name)) {
      unsupported += (count++ ? ", " : "") + ir::display_name(call.name) + " (" +
                     ir::display_name(call.class_name) + ")";
    }
  }
  if (count > 0) {
    throw Error("the model has " + std::to_string(count) + " unsupported layer" +
                    (count > 1 ? "s: " : ": ") + unsupported,
                "model", "see `hlsnn layers` for the supported layers");
  }
}

/// The owner of a weight array of a nested model: the path segment before its last '/'
/// ("inner/dense/1" and "dense/kernel:0" both belong to "dense").
std::string owning_layer(const std::string& array_name) {
  const size_t last = array_name.rfind('/');
  if (last == std::string::npos) return {};
  const size_t before = array_name.rfind('/', last - 1);
  return array_name.substr(before == std::string::npos ? 0 : before + 1,
                           last - (before == std::string::npos ? 0 : before + 1));
}

/// Weights by flattened layer: a nested model's arrays come under the nested model's name and
/// are handed to its sublayers by the layer names inside the array names.
WeightsByLayer weights_per_call(const WeightsByLayer& weights, const KerasTopology& topology) {
  std::set<std::string> call_names;
  for (const KerasLayerCall& call : topology.calls) call_names.insert(call.name);
  WeightsByLayer result;
  for (const auto& [layer, arrays] : weights) {
    if (call_names.count(layer) != 0) {
      result[layer].insert(result[layer].end(), arrays.begin(), arrays.end());
      continue;
    }
    for (const WeightArray& array : arrays) {
      const std::string owner = owning_layer(array.name);
      if (call_names.count(owner) == 0) {
        throw Error("the weight " + ir::display_name(array.name) + " of nested model " +
                        ir::display_name(layer) + " belongs to no layer of the model",
                    "model weights", "pass the weights saved with this model");
      }
      result[owner].push_back(array);
    }
  }
  return result;
}

}  // namespace

ir::Graph graph_from_keras(const std::string& model_json, const WeightsByLayer& weights,
                           int keras_major_version) {
  const nlohmann::ordered_json model = parse_model_json(model_json);
  const KerasTopology topology = flatten_keras_model(model);
  reject_unsupported_layers(topology);
  const WeightsByLayer call_weights = weights_per_call(weights, topology);

  ir::Graph graph;
  std::map<std::string, std::string> renamed;  // outputs of vanished layers -> their input
  const auto resolve = [&renamed](const std::string& tensor) {
    const auto found = renamed.find(tensor);
    return found == renamed.end() ? tensor : found->second;
  };
  static const std::vector<WeightArray> kNoWeights;
  for (KerasLayerCall call : topology.calls) {
    std::vector<ir::Shape> input_shapes;
    for (std::string& input : call.inputs) {
      input = resolve(input);
      input_shapes.push_back(graph.tensor(input).shape);
    }
    const auto found_weights = call_weights.find(call.name);
    std::optional<ir::Layer> layer;
    try {
      layer = convert_keras_layer(
          call, input_shapes,
          found_weights == call_weights.end() ? kNoWeights : found_weights->second,
          keras_major_version);
    } catch (const Error&) {
      throw;
    } catch (const std::exception& exception) {
      // A converter reading a config value of a type it did not expect, or a size it could not
      // hold: the layer is what the user can look at.
      throw error_from_exception(exception).with_context(
          "layer " + ir::display_name(call.name) + " (" + ir::display_name(call.class_name) + ")");
    }
    if (layer) {
      graph.add_layer(*layer);
    } else {
      renamed[call.name] = call.inputs.at(0);
    }
  }
  std::vector<std::string> inputs;
  for (const std::string& input : topology.inputs) inputs.push_back(resolve(input));
  std::vector<std::string> outputs;
  for (const std::string& output : topology.outputs) outputs.push_back(resolve(output));
  graph.set_inputs(inputs);
  graph.set_outputs(outputs);
  graph.validate();
  return graph;
}

}  // namespace hlsnn::frontend
