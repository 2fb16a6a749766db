#ifndef HLSNN_PASSES_FUSE_BATCHNORM_H
#define HLSNN_PASSES_FUSE_BATCHNORM_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// Folds a BatchNormalization into the Dense, Conv, DepthwiseConv or SeparableConv (its
/// pointwise kernel) before it (kernel × scale per output channel, bias × scale + shift, computed
/// in float32 as the reference tool does) and removes it, when that layer's output exists only as
/// the BatchNormalization's input: its result type is `auto` (not configured) and nothing else
/// reads it. The fused layer takes the BatchNormalization's result type. When the user configured
/// the layer's result type, that quantization point is part of their design, and folding would
/// change the bits, so the layers stay apart. (hls4ml 1.3 folds into a DepthwiseConv too, but
/// broadcasts the scale over the wrong axis; this folds it per channel.)
void fuse_batchnorm(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_FUSE_BATCHNORM_H
