#ifndef HLSNN_PASSES_PREFLIGHT_CHECKS_H
#define HLSNN_PASSES_PREFLIGHT_CHECKS_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// The vendor tool only reports some problems after hours of synthesis, and the C simulation
/// shows others only as wrong numbers; this pass finds them from the types alone, once every type
/// is known. Configurations that can only give garbage throw hlsnn::Error naming the layer and
/// the config key to change: a softmax whose exp or inverse table is addressed so coarsely that
/// neighbouring inputs share one entry (e.g. 40-bit logits with 16 integer bits). Problems that
/// still give a usable design become graph warnings: weights outside their type's range (how
/// many, and a type that holds them), softmax sums that can overflow their type, coarse softmax
/// tables, Latency-strategy layers with more than 4096 multiplications (the vendor tool's
/// unroll limit, reached after a long synthesis), and wrapping result and accumulator types that
/// values can overflow on the declared input range (the range analysis of value_ranges.h; the
/// slot, the type's range, the values' and a type that holds them).
void preflight_checks(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_PREFLIGHT_CHECKS_H
