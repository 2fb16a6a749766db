#ifndef HLSNN_PASSES_INFER_PRECISION_H
#define HLSNN_PASSES_INFER_PRECISION_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// Replaces every `auto` precision but the table slots (ir::is_table_slot) and the Softmax sum
/// (choose_table_types fills those) with a concrete type, layer by layer in graph order:
///  - accumulators (Dense, Dot): exact for the sum they hold, capped by the
///    model's maximum precision when one is configured;
///  - results of exact arithmetic (Dense, BatchNormalization, ApplyAlpha, Merge add/subtract/
///    multiply/average/maximum/minimum): the exact type capped by the maximum, or, when no
///    maximum is configured, the model's default precision (the exact type for QKeras layers,
///    marked `quantizer_precision.result`, whose float32 results only that reproduces);
///  - results of relu, relu6, leaky_relu, thresholded_relu, linear, Reshape and Concatenate of
///    equal types: the input's type (they only select or move values);
///  - weights and everything else: the model's default precision.
/// Reshape always takes its input's type: it only renames the array.
void infer_precision(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_INFER_PRECISION_H
