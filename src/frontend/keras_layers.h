#ifndef HLSNN_FRONTEND_KERAS_LAYERS_H
#define HLSNN_FRONTEND_KERAS_LAYERS_H

#include <optional>
#include <string>
#include <vector>

#include "frontend/keras_file.h"
#include "frontend/keras_topology.h"
#include "ir/layer.h"

namespace hlsnn::frontend {

/// Keras layer classes the converter understands (Dropout and friends included: they vanish).
const std::vector<std::string>& supported_keras_layers();
bool is_supported_keras_layer(const std::string& class_name);
/// The options a supported class takes and refuses, in one line ("" when nothing to say).
std::string keras_layer_options(const std::string& class_name);

/// Converts one Keras layer call into an IR layer, given the shapes of its inputs and its weight
/// arrays in Keras order. Returns nothing for layers that do nothing at inference (Dropout):
/// their output is their input. The IR vocabulary it produces:
///  - `Input`; `Dense` (weights `weight` {n_in,n_out}, `bias` {n_out}; a fused activation in
///    attribute `activation`, its parameters under `activation.<name>`);
///  - `Activation` (`activation` one of linear, relu, relu6, leaky_relu, thresholded_relu, elu,
///    selu, sigmoid, tanh, softplus, softsign, hard_sigmoid, hard_tanh; parameters `alpha`,
///    `theta`, `slope`, `offset`); `PReLU` (weight `alpha`, the input's shape); `Softmax`;
///  - `BatchNormalization` (weights `scale`, `bias` over the last axis, computed as the
///    reference tool computes them, in float32);
///  - `Reshape` (Flatten too); `Transpose` (Permute, and a channels-first Flatten: `perm`, the
///    input axis of each output axis, counted without the batch axis; the output shape may be
///    the permuted one flattened); `ZeroPadding1D` / `ZeroPadding2D` (`pad_top`, `pad_bottom`,
///    `pad_left`, `pad_right`), `Cropping1D` / `Cropping2D` (`crop_...` alike), `Resize`
///    (UpSampling1D/2D: `height_factor` (1 for 1D), `width_factor`, `algorithm` 'nearest');
///    `Merge` (`op`: add, subtract, multiply, average, maximum,
///    minimum); `Concatenate` (`axis`, counted without the batch axis); `Dot` (1-D inputs);
///  - convolutions, channels last, a 1-D layer as an image of height 1 (keras_sliding_window.h):
///    attributes `in_height`, `in_width`, `n_chan`, `filt_height`, `filt_width`,
///    `stride_height`, `stride_width`, `pad_top`, `pad_bottom`, `pad_left`, `pad_right` (Keras'
///    'valid', 'same' and 'causal' resolved), `out_height`, `out_width`, `n_filt`:
///    `Conv1D`/`Conv2D` (weights `weight` {[filt_height,] filt_width, n_chan, n_filt} in Keras
///    order, `bias` {n_filt}; a 1x1 window is the pointwise case); `DepthwiseConv1D`/
///    `DepthwiseConv2D` (`depth_multiplier`; `weight` {..., n_chan, depth_multiplier}, `bias`
///    {n_filt = n_chan * depth_multiplier}); `SeparableConv1D`/`SeparableConv2D`
///    (`depth_multiplier`; weights `depthwise` {..., n_chan, depth_multiplier}, `pointwise`
///    {[1,] 1, n_chan * depth_multiplier, n_filt}, `bias` {n_filt}); a missing bias is zeros,
///    a fused activation as for Dense;
///  - pooling: `Pooling1D`/`Pooling2D` (`pool_op` max or average; the window attributes with
///    `pool_height`, `pool_width`), `GlobalPooling1D`/`GlobalPooling2D` (a window over the
///    whole image; the output {n_chan}, or {1, n_chan} / {1, 1, n_chan} with keepdims);
///  - QKeras: `QDense` as a `Dense` whose weights hold what QKeras' quantizers return (the
///    integer-grid values when the kernel is scaled per unit, with the scales and the bias in
///    `alpha.scale`, `alpha.bias` and their `..._precision` for insert_apply_alpha), and
///    `QActivation` as an `Activation` (quantized_relu: relu; quantized_bits: linear). A type a
///    quantizer fixes is recorded as attribute `quantizer_precision.<slot>` (under
///    `activation.` for a fused activation); `auto` there marks a float32 result of QKeras, to
///    be inferred exact.
/// Throws hlsnn::Error naming the layer for unsupported options, wrong weights and shapes.
std::optional<ir::Layer> convert_keras_layer(const KerasLayerCall& call,
                                             const std::vector<ir::Shape>& input_shapes,
                                             const std::vector<WeightArray>& weights,
                                             int keras_major_version);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_KERAS_LAYERS_H
