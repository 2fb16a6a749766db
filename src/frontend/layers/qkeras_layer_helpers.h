#ifndef HLSNN_FRONTEND_LAYERS_QKERAS_LAYER_HELPERS_H
#define HLSNN_FRONTEND_LAYERS_QKERAS_LAYER_HELPERS_H

// What the QKeras layer converters share: quantizing a layer's weights as QKeras does, recording
// the types quantizers fix, and QKeras activations (quantizers or plain names).

#include <string>
#include <vector>

#include "frontend/layers/keras_layer_context.h"
#include "frontend/qkeras_quantizers.h"

namespace hlsnn::frontend {

/// Records the type a QKeras quantizer gives `slot`, under `<prefix>quantizer_precision.<slot>`:
/// the config lets it win over the model's default precision. `auto` marks values QKeras keeps
/// in float32, which only an exact type reproduces.
void set_quantizer_precision(ir::Layer& layer, const std::string& prefix, const std::string& slot,
                             const ir::PrecisionType& type);

/// A QKeras activation (a quantizer, or a plain name; null is linear) on `layer`, its
/// parameters and result type under `prefix` ("" for an activation layer, "activation." for one
/// fused into another layer). The IR activation: quantized_bits is `linear`, quantized_relu
/// `relu` (`leaky_relu` with a negative slope; `lower_bound`/`upper_bound` when it clips),
/// quantized_tanh/sigmoid QKeras' `hard_tanh`/`hard_sigmoid` (`tanh`/`sigmoid` with use_real_*,
/// tabulated), quantized_po2 / quantized_relu_po2, binary, ternary, bernoulli and
/// quantized_hswish under their own names; each with the quantizer's result type.
void set_qkeras_activation(const Context& context, ir::Layer& layer, const json& value,
                           const std::string& prefix);

/// Quantizes the layer's weight `weight` with the kernel quantizer `value` (config key `key`),
/// after QKeras' kernel default (alpha None is 'auto_po2'). With 'auto_po2' the weight keeps the
/// quantizer's grid (codes) and the layer records the per-channel scales under `alpha.scale`
/// and `alpha.scale_precision`, for insert_apply_alpha; every other alpha (including 'auto')
/// leaves the values QKeras multiplies with. Power-of-two quantizers mark the weight
/// `po2_weight.<weight>` (its products become shifts). Returns whether the layer got scales.
bool quantize_kernel(const Context& context, ir::Layer& layer, const std::string& weight,
                     const json& value, const char* key);

/// Quantizes the layer's weight `weight` with `value` (config key `key`) as QKeras does, in the
/// quantizer's type (or the exact type of the values when scales move them off its grid); with
/// QKeras' kernel default when `kernel` (the values then include any scale, folded exactly).
void quantize_weight(const Context& context, ir::Layer& layer, const std::string& weight,
                     const json& value, const char* key, bool kernel = false);

/// The quantizers of a QKeras kernel layer (QDense, QConv1D/2D, QDepthwiseConv2D, the folded
/// layers) on `layer` (weights `weight` and `bias`): exact (`auto`) accum and result types for
/// its float32 sums, the kernel quantizer under config key `kernel_key` (see quantize_kernel;
/// a depthwise kernel's scales, one per depth multiple, repeated over the input channels), the
/// bias quantizer (the bias moves after a scale, into `alpha.bias`), and the activation.
void quantize_layer(const Context& context, ir::Layer& layer, const char* kernel_key);

/// The weight array called `name` ("gamma", "kernel", ...: the last part of the array's name
/// before ":"), or nullptr when the layer has none. Arrays named by position (a live model's
/// get_weights()) are found at `name`'s place in `order`, the layer's arrays in QKeras' order.
const WeightArray* find_weight(const Context& context, const std::string& name,
                               const std::vector<std::string>& order);

/// The layer's float32 1/sqrt(variance + epsilon) per channel as TensorFlow's rsqrt gives it on
/// this CPU: on x86 the channels in whole groups of 8 take its AVX path (the hardware estimate
/// and one Newton step, not correctly rounded), the rest 1/sqrt.
std::vector<float> tensorflow_rsqrt(const std::vector<float>& values);

/// QKeras' normalization axis must be the last one; the number of channels.
int64_t channel_count(const Context& context);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_LAYERS_QKERAS_LAYER_HELPERS_H
