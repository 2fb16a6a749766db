#include "frontend/keras_topology.h"

#include <map>
#include <optional>
#include <set>
#include <utility>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::frontend {

using json = nlohmann::ordered_json;

namespace {

constexpr const char* kReconvertHint =
    "save the model again with model.save() or model.to_json() from the Keras that trained it";

std::string describe(const std::string& name, const std::string& class_name) {
  return "layer " + ir::display_name(name) + " (" + class_name + ")";
}

std::string string_at(const json& object, const char* key, const std::string& where) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) {
    throw Error(std::string("the model JSON has no string '") + key + "'", where, kReconvertHint);
  }
  return found->get<std::string>();
}

const json& config_of(const json& entry, const std::string& where) {
  const auto found = entry.find("config");
  if (found == entry.end()) {
    throw Error("the model JSON entry has no 'config'", where, kReconvertHint);
  }
  return *found;
}

std::string layer_name_of(const json& entry) {
  if (entry.contains("name") && entry["name"].is_string()) return entry["name"].get<std::string>();
  const json& config = config_of(entry, "model JSON");
  return string_at(config, "name", "a layer entry of the model JSON");
}

/// The layer entries of a model config: a dict with "layers", or (Keras <= 2.1) a bare list.
const json& layers_of(const json& model_config, const std::string& where) {
  if (model_config.is_array()) return model_config;
  const auto found = model_config.find("layers");
  if (found == model_config.end() || !found->is_array()) {
    throw Error("the model config has no 'layers' list", where, kReconvertHint);
  }
  return *found;
}

/// [null, 16] -> {16}; unknown dimensions (null) become -1 and are refused later.
ir::Shape shape_without_batch(const json& batch_shape) {
  ir::Shape shape;
  for (size_t axis = 1; axis < batch_shape.size(); ++axis) {
    shape.push_back(batch_shape[axis].is_number_integer() ? batch_shape[axis].get<int64_t>() : -1);
  }
  return shape;
}

/// The input shape a layer entry declares: Keras 3 `batch_shape`, Keras 2 `batch_input_shape`.
std::optional<ir::Shape> declared_input_shape(const json& config) {
  for (const char* key : {"batch_shape", "batch_input_shape"}) {
    const auto found = config.find(key);
    if (found != config.end() && found->is_array()) return shape_without_batch(*found);
  }
  return std::nullopt;
}

/// A reference to a layer's output: (layer name, node index, tensor index).
struct TensorReference {
  std::string layer;
  int64_t tensor_index = 0;
};

TensorReference reference_from_triple(const json& triple, const std::string& where) {
  if (!triple.is_array() || triple.size() < 3 || !triple[0].is_string() ||
      !triple[2].is_number_integer()) {
    throw Error("malformed tensor reference " + triple.dump(), where, kReconvertHint);
  }
  return {triple[0].get<std::string>(), triple[2].get<int64_t>()};
}

/// Keras 3 call arguments: every `__keras_tensor__` inside, in order.
void collect_keras_tensors(const json& value, const std::string& where,
                           std::vector<TensorReference>& found) {
  if (value.is_array()) {
    for (const json& item : value) collect_keras_tensors(item, where, found);
  } else if (value.is_object() && value.value("class_name", "") == "__keras_tensor__") {
    found.push_back(
        reference_from_triple(config_of(value, where).value("keras_history", json()), where));
  }
}

/// The inputs of one call, from a Keras 2 list node or a Keras 3 dict node.
std::vector<TensorReference> call_inputs(const json& node, const std::string& where) {
  std::vector<TensorReference> references;
  if (node.is_array()) {
    for (const json& triple : node) references.push_back(reference_from_triple(triple, where));
  } else if (node.is_object()) {
    collect_keras_tensors(node.value("args", json::array()), where, references);
  } else {
    throw Error("malformed inbound node " + node.dump(), where, kReconvertHint);
  }
  return references;
}

/// `input_layers` / `output_layers`: a list of triples, one bare triple, or a dict of them.
std::vector<TensorReference> model_endpoints(const json& endpoints, const std::string& where) {
  std::vector<TensorReference> references;
  if (endpoints.is_array() && !endpoints.empty() && endpoints[0].is_string()) {
    references.push_back(reference_from_triple(endpoints, where));
  } else if (endpoints.is_array() || endpoints.is_object()) {
    for (const json& item : endpoints) {
      const std::vector<TensorReference> nested = model_endpoints(item, where);
      references.insert(references.end(), nested.begin(), nested.end());
    }
  } else {
    throw Error("malformed model inputs/outputs " + endpoints.dump(), where, kReconvertHint);
  }
  return references;
}

class Flattener {
 public:
  KerasTopology topology;

  /// Adds a model's layers; returns its output tensors. `outer_inputs` feed a nested model.
  std::vector<std::string> add_model(const json& model,
                                     const std::vector<std::string>* outer_inputs) {
    const std::string class_name = string_at(model, "class_name", "the model JSON");
    const json& config = config_of(model, "model of class " + class_name);
    if (class_name == "Sequential") return add_sequential(config, outer_inputs);
    return add_functional(config, outer_inputs);
  }

 private:
  std::string add_input(const std::string& name, const json& config, ir::Shape shape) {
    claim_name(name, "InputLayer");
    topology.calls.push_back({name, "InputLayer", config, {}, std::move(shape)});
    return name;
  }

  std::string add_call(const json& entry, const std::string& name,
                       std::vector<std::string> inputs) {
    const std::string class_name = string_at(entry, "class_name", describe(name, "?"));
    claim_name(name, class_name);
    topology.calls.push_back(
        {name, class_name, config_of(entry, describe(name, class_name)), std::move(inputs), {}});
    return name;
  }

  void claim_name(const std::string& name, const std::string& class_name) {
    if (!names_.insert(name).second) {
      throw Error("two layers are named " + ir::display_name(name), describe(name, class_name),
                  "give every layer a unique name (layer names in Keras must be unique)");
    }
  }

  std::vector<std::string> add_sequential(const json& config,
                                          const std::vector<std::string>* outer_inputs) {
    const json& layers = layers_of(config, "Sequential model");
    std::optional<std::string> current;
    if (outer_inputs != nullptr) {
      if (outer_inputs->size() != 1) {
        throw Error("a nested Sequential model is called with " +
                        std::to_string(outer_inputs->size()) + " inputs",
                    "Sequential model", "call it with exactly one tensor");
      }
      current = outer_inputs->front();
    }
    for (const json& entry : layers) {
      const std::string name = layer_name_of(entry);
      const std::string class_name = string_at(entry, "class_name", describe(name, "?"));
      const json& layer_config = config_of(entry, describe(name, class_name));
      if (class_name == "InputLayer") {
        if (!current) {
          current = add_input(name, layer_config,
                              declared_input_shape(layer_config).value_or(ir::Shape{}));
          topology.inputs.push_back(*current);
        }
        continue;
      }
      if (!current) {
        std::optional<ir::Shape> shape = declared_input_shape(layer_config);
        if (!shape && config.is_object() && config.contains("build_input_shape") &&
            config["build_input_shape"].is_array()) {
          shape = shape_without_batch(config["build_input_shape"]);
        }
        if (!shape) {
          throw Error("the Sequential model does not say its input shape",
                      describe(name, class_name),
                      "build the model with an Input layer or input_shape= before saving it");
        }
        current = add_input(unused_input_name(name), json::object(), *shape);
        topology.inputs.push_back(*current);
      }
      if (is_keras_model_class(class_name)) {
        const std::vector<std::string> inputs = {*current};
        const std::vector<std::string> outputs = add_model(entry, &inputs);
        if (outputs.size() != 1) {
          throw Error("a model with several outputs is nested in a Sequential model",
                      describe(name, class_name), "use a functional model instead");
        }
        current = outputs.front();
      } else {
        current = add_call(entry, name, {*current});
      }
    }
    if (!current) throw Error("the Sequential model has no layers", "model JSON", kReconvertHint);
    return {*current};
  }

  std::string unused_input_name(const std::string& first_layer) const {
    std::string name = first_layer + "_input";
    for (int suffix = 2; names_.count(name) != 0; ++suffix) {
      name = first_layer + "_input_" + std::to_string(suffix);
    }
    return name;
  }

  std::vector<std::string> add_functional(const json& config,
                                          const std::vector<std::string>* outer_inputs) {
    const json& layers = layers_of(config, "functional model");
    const std::vector<TensorReference> declared_inputs =
        model_endpoints(config.value("input_layers", json::array()), "model input_layers");
    std::map<std::pair<std::string, int64_t>, std::string> tensors;
    if (outer_inputs != nullptr && outer_inputs->size() != declared_inputs.size()) {
      throw Error("a nested model with " + std::to_string(declared_inputs.size()) +
                      " inputs is called with " + std::to_string(outer_inputs->size()),
                  "nested model " + ir::display_name(config.value("name", "")),
                  "call it with one tensor per input");
    }
    for (const json& entry : layers) {
      const std::string name = layer_name_of(entry);
      const std::string class_name = string_at(entry, "class_name", describe(name, "?"));
      const std::string where = describe(name, class_name);
      const json& layer_config = config_of(entry, where);
      if (class_name == "InputLayer") {
        if (outer_inputs != nullptr) {
          for (size_t index = 0; index < declared_inputs.size(); ++index) {
            if (declared_inputs[index].layer == name) tensors[{name, 0}] = (*outer_inputs)[index];
          }
        } else {
          tensors[{name, 0}] = add_input(name, layer_config,
                                         declared_input_shape(layer_config).value_or(ir::Shape{}));
        }
        continue;
      }
      const json nodes = entry.value("inbound_nodes", json::array());
      if (nodes.size() > 1) {
        throw Error("the layer is called " + std::to_string(nodes.size()) +
                        " times; shared layers are not supported",
                    where, "use a separate layer (with its own weights) for each call");
      }
      if (nodes.empty()) {
        throw Error("the layer is not connected to the model", where,
                    "remove it or connect it before saving");
      }
      std::vector<std::string> inputs;
      for (const TensorReference& reference : call_inputs(nodes[0], where)) {
        inputs.push_back(resolve(tensors, reference, where));
      }
      if (is_keras_model_class(class_name)) {
        const std::vector<std::string> outputs = add_model(entry, &inputs);
        for (size_t index = 0; index < outputs.size(); ++index) {
          tensors[{name, static_cast<int64_t>(index)}] = outputs[index];
        }
      } else {
        tensors[{name, 0}] = add_call(entry, name, std::move(inputs));
      }
    }
    if (outer_inputs == nullptr) {
      for (const TensorReference& reference : declared_inputs) {
        topology.inputs.push_back(resolve(tensors, reference, "model input_layers"));
      }
    }
    std::vector<std::string> outputs;
    for (const TensorReference& reference :
         model_endpoints(config.value("output_layers", json::array()), "model output_layers")) {
      outputs.push_back(resolve(tensors, reference, "model output_layers"));
    }
    return outputs;
  }

  static std::string resolve(const std::map<std::pair<std::string, int64_t>, std::string>& tensors,
                             const TensorReference& reference, const std::string& where) {
    const auto found = tensors.find({reference.layer, reference.tensor_index});
    if (found == tensors.end()) {
      throw Error("reads output " + std::to_string(reference.tensor_index) + " of layer " +
                      ir::display_name(reference.layer) + ", which no earlier layer produces",
                  where, kReconvertHint);
    }
    return found->second;
  }

  std::set<std::string> names_;
};

}  // namespace

bool is_keras_model_class(const std::string& class_name) {
  return class_name == "Sequential" || class_name == "Functional" || class_name == "Model";
}

KerasTopology flatten_keras_model(const json& model) {
  if (!model.is_object()) {
    throw Error("the model JSON is not an object", "model JSON", kReconvertHint);
  }
  const std::string class_name = string_at(model, "class_name", "the model JSON");
  if (!is_keras_model_class(class_name)) {
    throw Error("the top-level class is " + ir::display_name(class_name) +
                    ", not a Sequential or functional model",
                "model JSON", "convert a Sequential or functional Keras model");
  }
  Flattener flattener;
  flattener.topology.outputs = flattener.add_model(model, nullptr);
  return std::move(flattener.topology);
}

}  // namespace hlsnn::frontend
