#ifndef HLSNN_IR_PRECISION_SLOTS_H
#define HLSNN_IR_PRECISION_SLOTS_H

#include <string>
#include <string_view>
#include <vector>

namespace hlsnn::ir {

/// The precision slots a layer of this class has (the keys of a config's `Precision` dict), e.g.
/// Dense: weight, bias, result, accum. Slots named like a weight address that weight's type. An
/// Activation's `param` types the parameter of leaky_relu, elu and thresholded_relu.
/// Empty for classes without any.
const std::vector<std::string>& precision_slots(std::string_view layer_class);

/// True for classes that only move values (Reshape, padding, cropping, upsampling, transpose):
/// their `result` is their input's type unless the layer's own config (LayerName, LayerType)
/// sets one; a Model default does not apply, as in the reference, which keeps the input's type.
bool result_follows_input(std::string_view layer_class);

/// True for the slots of a layer's lookup tables (Activation: table; Softmax: exp_table,
/// inv_table, inv_inp, inp_norm): a scope's default precision never fills them. Left `auto`,
/// hlsnn chooses them (passes/choose_table_types.h).
bool is_table_slot(std::string_view layer_class, std::string_view slot);

}  // namespace hlsnn::ir

#endif  // HLSNN_IR_PRECISION_SLOTS_H
