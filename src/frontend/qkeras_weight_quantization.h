#ifndef HLSNN_FRONTEND_QKERAS_WEIGHT_QUANTIZATION_H
#define HLSNN_FRONTEND_QKERAS_WEIGHT_QUANTIZATION_H

#include <string>
#include <vector>

#include "frontend/qkeras_quantizers.h"
#include "ir/precision_type.h"
#include "ir/tensor.h"

namespace hlsnn::frontend {

/// A weight array as a QKeras layer sees it at inference.
struct QKerasQuantizedWeights {
  /// What the quantizer returns for each value, in float32 (row-major, the input's shape).
  std::vector<double> values;
  /// For 'auto' and 'auto_po2': the scale of each channel, so that values / scale lie on the
  /// quantizer's grid (quantized_bits: `quantizer.scale`, i.e. s·2^(bits−1); binary, ternary,
  /// bernoulli: the least-squares scale). One per entry of the last axis, or one per element for
  /// a rank-1 array (QKeras scales those element by element). Empty for fixed grids.
  std::vector<double> scales;
  /// For 'auto' and 'auto_po2': the values before scaling, on the quantizer's grid (QKeras'
  /// `mi·z/m`, or the codes ±1 and 0). values = scale · grid, after one float32 rounding. Empty
  /// for fixed grids.
  std::vector<double> grid;
};

/// Quantizes float32 weights exactly as QKeras 0.9.0 does at inference: float32 arithmetic, one
/// rounding per operation in QKeras' order, including the final `x + ((-x) + xq)` step.
/// quantized_bits' 'auto_po2' runs the least-squares loop five times and keeps the codes of the
/// fifth pass with the fifth scale, as 0.9.0 does (QKeras since 2025 recomputes them).
/// quantized_po2 and quantized_relu_po2 round in the log domain; binary, ternary and bernoulli
/// give their codes times the scale (bernoulli its most likely code, x >= 0: QKeras draws it at
/// random even at inference). `shape` is the array's shape (the last axis is the channel). Throws
/// hlsnn::Error at `where` for quantizers that only exist as activations (quantized_relu,
/// quantized_tanh, ...).
QKerasQuantizedWeights quantize_qkeras_weights(const QKerasQuantizer& quantizer,
                                               const std::vector<double>& values,
                                               const ir::Shape& shape,
                                               const std::string& where = "weights");

/// The narrowest fixed-point type holding every one of `values` exactly (ap_ufixed when none is
/// negative), for arrays QKeras leaves off any one grid: per-element scaled biases, po2 scales.
/// Throws hlsnn::Error at `where` when that would take more than 64 bits.
ir::PrecisionType exact_fixed_type(const std::vector<double>& values, const std::string& where);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_QKERAS_WEIGHT_QUANTIZATION_H
