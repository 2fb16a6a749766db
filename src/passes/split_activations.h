#ifndef HLSNN_PASSES_SPLIT_ACTIVATIONS_H
#define HLSNN_PASSES_SPLIT_ACTIVATIONS_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// Moves an activation fused into a layer (Keras' `Dense(..., activation='relu')`) into a layer
/// of its own, named `<layer>_<activation>`, right after it: an `Activation` layer, or `Softmax`.
/// The kernels compute them separately anyway, and per-layer configs and trace keys then line up
/// with the reference tool's. Parameters stored under `activation.<key>` move along as `<key>`.
/// Runs before the config is made and applied, so that the new layers can be configured.
void split_activations(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_SPLIT_ACTIVATIONS_H
