#ifndef HLSNN_FRONTEND_KERAS_TO_IR_H
#define HLSNN_FRONTEND_KERAS_TO_IR_H

#include <string>

#include "frontend/keras_file.h"
#include "ir/graph.h"

namespace hlsnn::frontend {

/// Builds the IR graph of a Keras 2 or Keras 3 model from its JSON (`model.to_json()`, the
/// `model_config` of an .h5 file, or the config.json of a .keras archive) and its weights by
/// layer name. Every unsupported layer of the model is named in ONE hlsnn::Error, with its
/// class; other problems name the layer. The graph is validated before it is returned.
ir::Graph graph_from_keras(const std::string& model_json, const WeightsByLayer& weights,
                           int keras_major_version);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_KERAS_TO_IR_H
