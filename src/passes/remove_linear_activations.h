#ifndef HLSNN_PASSES_REMOVE_LINEAR_ACTIVATIONS_H
#define HLSNN_PASSES_REMOVE_LINEAR_ACTIVATIONS_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// Removes `linear` Activation layers that change nothing: their result type is `auto` or the
/// type of their input. One with another result type requantizes, so it stays; so does a QKeras
/// quantizer (it is a layer of the user's model).
void remove_linear_activations(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_REMOVE_LINEAR_ACTIVATIONS_H
