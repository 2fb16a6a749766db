#ifndef HLSNN_FRONTEND_QKERAS_CODE_QUANTIZATION_H
#define HLSNN_FRONTEND_QKERAS_CODE_QUANTIZATION_H

// The weight quantizers whose values are codes times a scale rather than points of a
// fixed-point grid: quantized_po2 / quantized_relu_po2 (±2^e), binary, ternary and bernoulli.
// Each as QKeras 0.9.0 computes it at inference, in float32 (see quantize_qkeras_weights).

#include <vector>

#include "frontend/qkeras_float32.h"
#include "frontend/qkeras_quantizers.h"
#include "frontend/qkeras_weight_quantization.h"

namespace hlsnn::frontend {

/// QKeras' power-of-two exponent of a >= 0 (its _clip_power_of_two): a below epsilon gives the
/// minimum exponent; a is clamped to max_value, then the log2 (of sqrt(a) under the quadratic
/// approximation, the exponent then doubled) is rounded half to even (or floored) and clipped.
float qkeras_po2_exponent(float a, const QKerasQuantizer& quantizer);

QKerasQuantizedWeights quantize_po2(const QKerasQuantizer& quantizer,
                                    const std::vector<double>& values);

/// binary and bernoulli (its most likely code, [x >= 0]).
QKerasQuantizedWeights quantize_binary(const QKerasQuantizer& quantizer,
                                       const std::vector<double>& values,
                                       const qkeras_float32::ChannelLayout& layout);

QKerasQuantizedWeights quantize_ternary(const QKerasQuantizer& quantizer,
                                        const std::vector<double>& values,
                                        const qkeras_float32::ChannelLayout& layout);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_QKERAS_CODE_QUANTIZATION_H
