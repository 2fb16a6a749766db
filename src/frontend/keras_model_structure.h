#ifndef HLSNN_FRONTEND_KERAS_MODEL_STRUCTURE_H
#define HLSNN_FRONTEND_KERAS_MODEL_STRUCTURE_H

// The little of a Keras architecture JSON that the weight readers need: which layers a model
// has, in which order, of which class, and which of them are models themselves. Everything else
// in the JSON is the business of the JSON -> IR translation.

#include <string>
#include <vector>

namespace hlsnn::frontend {

/// A layer of a model config, or the model itself.
struct KerasLayerNode {
  std::string name;
  std::string class_name;
  /// Non-empty only for a model (Sequential, Functional, ...): its layers in config order, the
  /// InputLayer of a Sequential included as it appears in the config.
  std::vector<KerasLayerNode> layers;
  bool is_model = false;
  /// Whether the config lists this model's layers as a Sequential does: Keras leaves the
  /// InputLayer out of a Sequential's `model.layers`, and so out of its saved weights.
  bool is_sequential = false;
};

/// Parses `json_text` (`{"class_name": ..., "config": ...}`); `where` names its origin in errors.
KerasLayerNode parse_model_structure(const std::string& json_text, const std::string& where);

/// The layers of `model` as Keras lists them in `model.layers` (a Sequential's InputLayer left
/// out).
std::vector<const KerasLayerNode*> model_layers(const KerasLayerNode& model);

/// The "keras_version" of a Keras 2 `to_json()` document, or empty (Keras 3 does not write it).
std::string keras_version_in_json(const std::string& json_text);

/// How Keras turns a class name into a snake-case name: "Conv2D" -> "conv2d", "PReLU" ->
/// "p_re_lu". Keras 2 and 3 differ in corner cases (digits, leading underscores).
std::string keras_snake_case(const std::string& class_name, int keras_major_version);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_KERAS_MODEL_STRUCTURE_H
