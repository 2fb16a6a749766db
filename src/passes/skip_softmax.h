#ifndef HLSNN_PASSES_SKIP_SOFTMAX_H
#define HLSNN_PASSES_SKIP_SOFTMAX_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// Removes the Softmax layers whose config sets `Skip: true` (hls4ml's option for a classifier
/// whose argmax is all that is used: the logits keep the order and save the tables). Throws
/// hlsnn::Error for a skipped softmax that reads a model input and is a model output, which
/// would leave nothing to compute.
void skip_softmax(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_SKIP_SOFTMAX_H
