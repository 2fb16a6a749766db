#include "frontend/keras_v3_weights.h"

#include <algorithm>
#include <map>

#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

const char kMismatchHint[] =
    "the weights do not belong to this model description; save the model again from Keras, or "
    "pass the weights file saved together with this model";

// Keras 3 and Keras 2.15 put a model's layers under "layers"; Keras 2.12-2.14 under the name of
// the internal dict it walked, which Keras 3 also accepts when loading.
const char* const kLayerListGroups[] = {"layers", "_layer_checkpoint_dependencies"};

bool is_variable_index(const std::string& name) {
  return !name.empty() && name.size() < 10 &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The variables an object owns itself, datasets "0", "1", ... of its `vars` group.
void append_own_variables(const Hdf5Group& object_group, const std::string& weight_path,
                          std::vector<WeightArray>& weights) {
  if (!object_group.has_child_group("vars")) return;
  const Hdf5Group variables = object_group.open_group("vars");
  std::vector<std::string> names = variables.child_names();
  for (const std::string& name : names) {
    if (!is_variable_index(name)) {
      throw Error("unexpected member '" + name + "' among the variables", variables.where(),
                  "a variables group holds only datasets named 0, 1, 2, ...; save the model "
                  "again from Keras");
    }
  }
  std::sort(names.begin(), names.end(), [](const std::string& left, const std::string& right) {
    return std::stoi(left) < std::stoi(right);
  });
  for (size_t index = 0; index < names.size(); ++index) {
    if (names[index] != std::to_string(index)) {
      throw Error("variable " + std::to_string(index) + " is missing", variables.where(),
                  "save the model again from Keras");
    }
    Hdf5Array array = variables.read_dataset(names[index]);
    weights.push_back(WeightArray{weight_path + "/" + names[index], std::move(array.shape),
                                  std::move(array.values)});
  }
}

// Sublayers held in attributes of a layer (e.g. Bidirectional's forward_layer) are groups named
// after the attribute; their order in `get_weights()` is the layer's creation order, which the
// file does not record, so they follow in name order.
void append_attribute_sublayers(const Hdf5Group& object_group, const std::string& weight_path,
                                std::vector<WeightArray>& weights) {
  for (const std::string& child : object_group.child_names()) {
    if (child == "vars" || !object_group.has_child_group(child)) continue;
    const Hdf5Group child_group = object_group.open_group(child);
    const std::string child_path = weight_path + "/" + child;
    append_own_variables(child_group, child_path, weights);
    append_attribute_sublayers(child_group, child_path, weights);
  }
}

// Keras >= 3.6 records the owner's name on its `vars` group: a cheap proof that the replayed
// naming found the right group.
void check_recorded_layer_name(const Hdf5Group& layer_group, const KerasLayerNode& layer) {
  if (!layer_group.has_child_group("vars")) return;
  const Hdf5Group variables = layer_group.open_group("vars");
  if (!variables.has_attribute("name")) return;
  const std::string recorded_name = variables.read_string_attribute("name");
  if (recorded_name != layer.name) {
    throw Error("this group holds the weights of layer '" + recorded_name +
                    "', but the model config puts layer '" + layer.name + "' (" + layer.class_name +
                    ") there",
                layer_group.where(), kMismatchHint);
  }
}

class V3WeightsReader {
 public:
  explicit V3WeightsReader(int keras_major_version) : keras_major_version_(keras_major_version) {}

  // Calls `visit(layer, layer_group)` for every layer of `model`, whose groups are below
  // `model_group`, found as Keras named them: snake-cased class, "_<n>" for the n-th repeat.
  template <typename Visit>
  void for_each_layer_group(const Hdf5Group& model_group, const KerasLayerNode& model,
                            Visit&& visit) const {
    const std::vector<const KerasLayerNode*> layers = model_layers(model);
    if (layers.empty()) return;
    const char* list_group_name = nullptr;
    for (const char* candidate : kLayerListGroups) {
      if (model_group.has_child_group(candidate)) {
        list_group_name = candidate;
        break;
      }
    }
    if (list_group_name == nullptr) {
      throw Error("the model '" + model.name + "' has no 'layers' group of weights",
                  model_group.where(), kMismatchHint);
    }
    const Hdf5Group list_group = model_group.open_group(list_group_name);
    std::map<std::string, int> repeats_of_name;
    for (const KerasLayerNode* layer : layers) {
      std::string group_name = keras_snake_case(layer->class_name, keras_major_version_);
      const auto [repeat, first_time] = repeats_of_name.emplace(group_name, 0);
      if (!first_time) group_name += "_" + std::to_string(++repeat->second);
      if (!list_group.has_child_group(group_name)) {
        throw Error("the model config has a layer '" + layer->name + "' (" + layer->class_name +
                        ") but the file holds no weights group '" + group_name + "' for it",
                    list_group.where(), kMismatchHint);
      }
      visit(*layer, list_group.open_group(group_name));
    }
  }

  // A layer's weights in `layer.get_weights()` order: its own variables, then its sublayers'.
  void append_layer_weights(const Hdf5Group& layer_group, const KerasLayerNode& layer,
                            const std::string& weight_path,
                            std::vector<WeightArray>& weights) const {
    check_recorded_layer_name(layer_group, layer);
    append_own_variables(layer_group, weight_path, weights);
    if (!layer.is_model) {
      append_attribute_sublayers(layer_group, weight_path, weights);
      return;
    }
    for_each_layer_group(layer_group, layer,
                         [&](const KerasLayerNode& sublayer, const Hdf5Group& sublayer_group) {
                           append_layer_weights(sublayer_group, sublayer,
                                                weight_path + "/" + sublayer.name, weights);
                         });
  }

 private:
  int keras_major_version_;
};

}  // namespace

bool is_v3_weights_root(const Hdf5Group& group) {
  return group.has_child_group("vars") || group.has_child_group("layers") ||
         group.has_child_group("_layer_checkpoint_dependencies");
}

WeightsByLayer read_v3_weights(const Hdf5Group& root, const KerasLayerNode& model,
                               int keras_major_version) {
  const V3WeightsReader reader(keras_major_version);
  WeightsByLayer weights_by_layer;
  reader.for_each_layer_group(
      root, model, [&](const KerasLayerNode& layer, const Hdf5Group& layer_group) {
        reader.append_layer_weights(layer_group, layer, layer.name, weights_by_layer[layer.name]);
      });
  return weights_by_layer;
}

}  // namespace hlsnn::frontend
