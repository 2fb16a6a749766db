#ifndef HLSNN_PASSES_INSERT_APPLY_ALPHA_H
#define HLSNN_PASSES_INSERT_APPLY_ALPHA_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// Puts an `ApplyAlpha` layer named `<layer>_alpha` right after every layer whose quantizer
/// scaled its weights per channel (QKeras' alpha 'auto_po2' or 'auto', recorded by the frontend
/// as attributes `alpha.scale`, `alpha.bias` and their `..._precision`): a BatchNormalization-like
/// `y = x*scale + bias` with weights `scale` and `bias` in those types and an exact (inferred)
/// result. The scaled layer then computes on the quantizer's integer grid, as in the reference
/// tool. Runs after split_activations, so that the scale applies before the activation, and
/// before the config is made, so that the new layer can be configured.
void insert_apply_alpha(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_INSERT_APPLY_ALPHA_H
