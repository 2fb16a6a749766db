#ifndef HLSNN_PASSES_FUSE_BATCHNORM_H
#define HLSNN_PASSES_FUSE_BATCHNORM_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// Folds a BatchNormalization into the Dense before it (kernel × scale, bias × scale + shift,
/// computed in float32 as the reference tool does) and removes it, when the Dense's output exists
/// only as the BatchNormalization's input: the Dense's result type is `auto` (not configured)
/// and nothing else reads it. The fused Dense takes the BatchNormalization's result type. When
/// the user configured the Dense's result type, that quantization point is part of their design,
/// and folding would change the bits, so the layers stay apart.
void fuse_batchnorm(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_FUSE_BATCHNORM_H
