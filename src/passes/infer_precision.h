#ifndef HLSNN_PASSES_INFER_PRECISION_H
#define HLSNN_PASSES_INFER_PRECISION_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// Replaces every `auto` precision but the table slots (ir::is_table_slot) and the Softmax sum
/// (choose_table_types fills those) with a concrete type, layer by layer in graph order, using
/// the range analysis (value_ranges.h) from the inputs' declared types and the stored weights:
///  - accumulators (Dense, Dot): exact for the sum they hold, capped by the model's maximum;
///  - results of layers that compute new values (Dense, BatchNormalization, ApplyAlpha, Merge,
///    Dot, Concatenate of different types, table activations, Softmax, ...): the narrowest type
///    that holds every value the layer can produce on the declared input range, so it never
///    overflows, with the default precision's fractional bits and modes; with exact fractional
///    bits instead for QKeras layers (marked `quantizer_precision.result`, whose float32 results
///    only that reproduces), under a configured maximum (which then caps them, as in the
///    reference) and with bit_exact;
///  - results of relu, relu6, leaky_relu, thresholded_relu, linear, Reshape and Concatenate of
///    equal types: the input's type (they only select or move values); Reshape always;
///  - weights and everything else: the model's default precision;
///  - a layer class without a transfer function: the default precision.
/// With bit_exact (ModelSettings::bit_exact) every result and accumulator a quantizer does not
/// fix is inferred so, whatever the config said, and every model input must be quantized: it
/// takes its quantizer's type (as hls4ml 1.3's bit_exact flow does).
void infer_precision(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_INFER_PRECISION_H
