#ifndef HLSNN_PASSES_CHOOSE_TABLE_TYPES_H
#define HLSNN_PASSES_CHOOSE_TABLE_TYPES_H

#include "ir/graph.h"

namespace hlsnn::passes {

/// Gives the lookup tables their types and sizes (the slots ir::is_table_slot names and the
/// Softmax sum `accum`, left `auto` by infer_precision), from each layer's input and result types:
///  - a Softmax whose implementation is `accurate`, or `stable` (the default) with the table
///    types exp_table, inv_table, inv_inp and inp_norm all `auto`, becomes `accurate`
///    (hls/nnet_utils/nnet_softmax_accurate.h): its exp table covers max - x over [0, 2^k) with
///    2^k the power of two at which the remaining exponentials no longer reach half an LSB of the
///    result (and no more than the input type spans), at the input's resolution or
///    2 * table_size entries, whichever is smaller; exact sums (accum unless the config names it);
///    a normalized inverse of
///    table_size entries; entries 4 bits finer than the result (at most 18 bits);
///  - a sigmoid, tanh, softplus, softsign, elu or selu Activation whose `table` is `auto` uses
///    hlsnn's accurate kernel (hls/nnet_utils/nnet_activation_accurate.h), with the table range
///    (option table_range) and size (at most 2 * table_size, no finer than the input) that give
///    the smallest worst-case error, and entries on the result's grid;
///  - every other table (an explicit type, Softmax latency, legacy or argmax) is hls4ml's, and its
///    `auto` slots take hls4ml's defaults: ap_fixed<18,8> tables, AP_RND and AP_SAT for Softmax
///    (inv_inp and accum too; inp_norm unsigned, one bit narrower than a signed input, the exp
///    table then no larger than it addresses).
/// Records the sizes as the layer options exp_table_size and inv_table_size (Softmax) and
/// table_size (Activation). Runs after infer_precision, which sets the result types. Throws
/// hlsnn::Error for an accurate softmax whose explicit inp_norm is wider than 24 bits (every bit
/// of it addresses the exp table).
void choose_table_types(ir::Graph& graph);

}  // namespace hlsnn::passes

#endif  // HLSNN_PASSES_CHOOSE_TABLE_TYPES_H
