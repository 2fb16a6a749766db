#ifndef HLSNN_FRONTEND_KERAS_TOPOLOGY_H
#define HLSNN_FRONTEND_KERAS_TOPOLOGY_H

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ir/tensor.h"

namespace hlsnn::frontend {

/// One application of a Keras layer, with nested models flattened away: the layer entry of the
/// JSON and the tensors it reads. Tensors are named after the layer producing them.
struct KerasLayerCall {
  std::string name;
  std::string class_name;
  nlohmann::ordered_json config;
  std::vector<std::string> inputs;
  /// For an InputLayer: the sample shape (without the batch dimension).
  ir::Shape input_shape;
};

/// A Keras model's layers in execution order, as one flat list.
struct KerasTopology {
  std::vector<KerasLayerCall> calls;
  std::vector<std::string> inputs;   ///< model input tensors, in argument order
  std::vector<std::string> outputs;  ///< model output tensors, in result order
};

/// Flattens a Keras 2 or Keras 3 model JSON (`{"class_name": "Sequential" | "Functional" |
/// "Model", "config": ...}`): Sequential chains, Functional `inbound_nodes` in both the list
/// (Keras 2) and dict (Keras 3) forms, and nested models of either kind, inlined so that their
/// layers keep their own names. Throws hlsnn::Error naming the layer for shared layers (called
/// more than once), references to unknown layers and missing input shapes.
KerasTopology flatten_keras_model(const nlohmann::ordered_json& model);

/// True for the class names of a (nested) model rather than a layer.
bool is_keras_model_class(const std::string& class_name);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_KERAS_TOPOLOGY_H
