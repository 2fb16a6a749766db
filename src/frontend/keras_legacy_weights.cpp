#include "frontend/keras_legacy_weights.h"

#include <algorithm>
#include <map>

#include "ir/error.h"

namespace hlsnn::frontend {
namespace {

void collect_leaf_layers(const KerasLayerNode& model, std::vector<const KerasLayerNode*>& leaves) {
  for (const KerasLayerNode* layer : model_layers(model)) {
    if (layer->is_model) {
      collect_leaf_layers(*layer, leaves);
    } else {
      leaves.push_back(layer);
    }
  }
}

// A nested model's group lists all trainable weights of its sublayers before all non-trainable
// ones (BatchNormalization statistics come last), while `layer.get_weights()` returns the weights
// sublayer by sublayer. Names like "bn/moving_mean:0" or "inner/bn/moving_mean" tell each
// weight's sublayer; when some name does not, the file order is kept as the best guess.
void order_by_sublayer(std::vector<WeightArray>& weights, const KerasLayerNode& nested_model) {
  std::vector<const KerasLayerNode*> leaves;
  collect_leaf_layers(nested_model, leaves);
  std::map<std::string, size_t> rank_of_leaf;
  for (const KerasLayerNode* leaf : leaves) {
    if (!rank_of_leaf.emplace(leaf->name, rank_of_leaf.size()).second) return;  // ambiguous
  }
  std::vector<size_t> ranks;
  for (const WeightArray& weight : weights) {
    // The owner is the rightmost path segment, before the variable's own name, naming a leaf.
    const std::string& name = weight.name;
    size_t end = name.rfind('/');
    auto owner = rank_of_leaf.end();
    while (end != std::string::npos && end > 0 && owner == rank_of_leaf.end()) {
      const size_t start = name.rfind('/', end - 1);
      const size_t segment_start = start == std::string::npos ? 0 : start + 1;
      owner = rank_of_leaf.find(name.substr(segment_start, end - segment_start));
      end = start;
    }
    if (owner == rank_of_leaf.end()) return;
    ranks.push_back(owner->second);
  }
  std::vector<size_t> order(weights.size());
  for (size_t index = 0; index < order.size(); ++index) order[index] = index;
  std::stable_sort(order.begin(), order.end(),
                   [&ranks](size_t left, size_t right) { return ranks[left] < ranks[right]; });
  std::vector<WeightArray> reordered;
  reordered.reserve(weights.size());
  for (size_t index : order) reordered.push_back(std::move(weights[index]));
  weights = std::move(reordered);
}

}  // namespace

bool is_legacy_weights_group(const Hdf5Group& group) {
  return group.has_string_list_attribute("layer_names");
}

WeightsByLayer read_legacy_weights(const Hdf5Group& weights_root, const KerasLayerNode& model) {
  WeightsByLayer weights_by_layer;
  for (const KerasLayerNode* layer : model_layers(model)) {
    if (!weights_root.has_child_group(layer->name)) {
      throw Error("the model config has a layer '" + layer->name + "' (" + layer->class_name +
                      ") but the file holds no weights group for it",
                  weights_root.where(),
                  "the weights do not belong to this model description; save the model again "
                  "from Keras, or pass the weights file saved together with this model");
    }
    const Hdf5Group layer_group = weights_root.open_group(layer->name);
    std::vector<WeightArray>& weights = weights_by_layer[layer->name];
    if (!layer_group.has_string_list_attribute("weight_names")) continue;
    for (const std::string& weight_name : layer_group.read_string_list_attribute("weight_names")) {
      Hdf5Array array = layer_group.read_dataset(weight_name);
      weights.push_back(WeightArray{weight_name, std::move(array.shape), std::move(array.values)});
    }
    if (layer->is_model) order_by_sublayer(weights, *layer);
  }
  return weights_by_layer;
}

}  // namespace hlsnn::frontend
