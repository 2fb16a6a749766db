#ifndef HLSNN_PASSES_ADOPT_INPUT_QUANTIZERS_H
#define HLSNN_PASSES_ADOPT_INPUT_QUANTIZERS_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// A QKeras model often quantizes its input first (QActivation(quantized_bits(...)) or
/// quantized_relu): QKeras rounds the float input once. With the input in the model's default
/// type, the emulation would truncate it to that type and then round again, off by an LSB near
/// every rounding midpoint. So an input whose only consumers are such quantizers, all of one
/// type, takes that type (rounding and saturation included) as its QKeras type
/// (`quantizer_precision.result`): converting the float input once then equals QKeras, and the
/// quantizer layer changes nothing. As for any QKeras type, the config's Model default does not
/// replace it, an input's own LayerName/LayerType entry does. Runs before the config is made.
void adopt_input_quantizers(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_ADOPT_INPUT_QUANTIZERS_H
