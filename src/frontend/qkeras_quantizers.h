#ifndef HLSNN_FRONTEND_QKERAS_QUANTIZERS_H
#define HLSNN_FRONTEND_QKERAS_QUANTIZERS_H

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ir/precision_type.h"

namespace hlsnn::frontend {

/// How a quantizer scales its values (QKeras' `alpha`).
enum class QKerasAlpha {
  kNone,     ///< alpha=None: the plain grid (binary and ternary: tanh of the input as the base)
  kNumber,   ///< a numeric alpha: the grid's values times that number
  kAutoPo2,  ///< 'auto_po2': a least-squares power-of-two scale per output channel
  kAuto,     ///< 'auto': a least-squares (binary, ternary) or max-based (quantized_bits) scale
};

/// A QKeras quantizer hlsnn implements, read from a model config: `quantized_bits`,
/// `quantized_relu`, `quantized_tanh`, `quantized_sigmoid`, `quantized_po2`,
/// `quantized_relu_po2`, `binary`, `stochastic_binary`, `ternary`, `stochastic_ternary`,
/// `bernoulli`, `quantized_ulaw`, `quantized_hswish`, or a plain activation name
/// (QActivation("relu")). The fields are the constructor arguments that change inference results
/// (QKeras 0.9.0); the others (stochastic rounding, off at inference; temperature) are accepted and
/// ignored. The stochastic quantizers compute their deterministic form at inference and are read
/// as it: `name` holds binary or ternary for them.
struct QKerasQuantizer {
  /// The quantizer class, or the plain activation's name.
  std::string name;
  int bits = 8;
  int integer = 0;
  bool symmetric = false;
  bool keep_negative = true;
  QKerasAlpha alpha = QKerasAlpha::kNone;
  double alpha_value = 1.0;  ///< for kNumber
  /// quantized_relu, quantized_relu_po2: the slope below zero, 0 or a power of two.
  double negative_slope = 0.0;
  /// quantized_relu: the upper bound that acts when the quantized clip is off (string form only).
  std::optional<double> relu_upper_bound;
  /// quantized_po2, quantized_relu_po2: the input is clamped to it before rounding.
  std::optional<double> max_value;
  bool quadratic_approximation = false;
  bool log2_floor = false;          ///< log2_rounding='floor' (default 'rnd', half to even)
  bool use_01 = false;              ///< binary: codes {0, 1} instead of {-1, +1}
  std::optional<double> threshold;  ///< ternary with a fixed scale (default 0.33)
  int number_of_unrolls = 5;        ///< ternary 'auto' iterations
  bool use_real = false;            ///< quantized_tanh/sigmoid: use_real_tanh/use_real_sigmoid
  double ulaw_u = 255.0;            ///< quantized_ulaw
  double relu_shift = 3.0;          ///< quantized_hswish
  double hswish_upper_bound = 6.0;  ///< quantized_hswish's relu_upper_bound

  bool is_quantized_bits() const { return name == "quantized_bits"; }
  bool is_quantized_relu() const { return name == "quantized_relu"; }
  /// quantized_tanh and quantized_sigmoid: QKeras' hard (slope 1/2) versions unless use_real.
  bool is_quantized_tanh() const { return name == "quantized_tanh"; }
  bool is_quantized_sigmoid() const { return name == "quantized_sigmoid"; }
  /// quantized_po2 and quantized_relu_po2: signed powers of two.
  bool is_po2() const { return name == "quantized_po2" || name == "quantized_relu_po2"; }
  bool is_binary() const { return name == "binary"; }
  bool is_ternary() const { return name == "ternary"; }
  bool is_bernoulli() const { return name == "bernoulli"; }
  /// quantized_ulaw and quantized_hswish: activations only.
  bool is_ulaw() const { return name == "quantized_ulaw"; }
  bool is_hswish() const { return name == "quantized_hswish"; }
  /// True when the grid is not scaled: alpha None or 1.
  bool has_unit_alpha() const {
    return alpha == QKerasAlpha::kNone || (alpha == QKerasAlpha::kNumber && alpha_value == 1.0);
  }
  /// True for 'auto' and 'auto_po2', whose scales QKeras computes from the tensor.
  bool has_data_dependent_scale() const {
    return alpha == QKerasAlpha::kAuto || alpha == QKerasAlpha::kAutoPo2;
  }
  /// True for a plain activation name rather than a quantizer.
  bool is_plain_activation() const;
  /// "quantized_bits(6,0,alpha=1)"-like, for messages.
  std::string to_string() const;
};

/// The exponents of quantized_po2 / quantized_relu_po2: QKeras clips the rounded log2 to
/// [min, max] (its _min_exp and _max_exp) and multiplies it by `factor` (2 under
/// quadratic_approximation); inputs below epsilon get `min` itself. So the values are ±2^e with
/// e in [factor*min, factor*max].
struct Po2Exponents {
  int min = 0;
  int max = 0;
  int factor = 1;
};
Po2Exponents po2_exponents(const QKerasQuantizer& quantizer);

/// The quantizer classes that parse, for `hlsnn layers` and error hints.
const std::vector<std::string>& supported_qkeras_quantizers();

/// Reads a quantizer in either serialized form: the dict {"class_name": "quantized_bits",
/// "config": {...}} (other keys such as module and registered_name are ignored) or the string
/// form QKeras accepts ("quantized_relu(4,0)", "quantized_bits(8,3,1,alpha=1)", "quantized_bits",
/// "relu", "binary(alpha='auto_po2')"). Throws hlsnn::Error at `where` naming the quantizer, the
/// option and what is supported for options that change results in ways hlsnn does not
/// implement (qnoise_factor != 1, post_training_scale, a list alpha, use_sigmoid, a negative
/// slope that is not a power of two, quantized_linear, ...) and malformed text.
QKerasQuantizer parse_qkeras_quantizer(const nlohmann::ordered_json& value,
                                       const std::string& where);

/// What QKeras' kernel layers (QDense, QConv*, the kernels of the folded layers) and
/// QBatchNormalization's gamma and variance do to their quantizer in their constructor:
/// quantized_bits with alpha None becomes alpha='auto_po2', symmetric; binary, ternary and
/// bernoulli with alpha None become 'auto_po2'. Idempotent.
QKerasQuantizer with_kernel_alpha_default(QKerasQuantizer quantizer);

/// The type holding every value of a weight quantizer's grid (before a data-dependent scale):
/// ap_fixed<bits, integer+1> for quantized_bits with keep_negative, ap_ufixed<bits, integer>
/// without (scaled grids, 'auto' and 'auto_po2', keep negative values whatever keep_negative
/// says, so they get ap_fixed<bits, integer+keep_negative>); the exact type of ±2^e over the
/// exponent range for the po2 quantizers; ap_int<2> for the binary and ternary codes ±1 and 0
/// (ap_uint<1> for binary's use_01).
ir::PrecisionType qkeras_weight_type(const QKerasQuantizer& quantizer);

/// The result type of an activation quantizer, saturating, rounding half to even as QKeras'
/// tf.round does (AP_RND_CONV): quantized_relu(b,i) is ap_ufixed<b,i> (ap_fixed<b,i+1> with a
/// negative slope); quantized_bits(b,i) is ap_fixed<b,i+1> (AP_SAT_SYM when symmetric;
/// ap_ufixed<b,i> without keep_negative); quantized_tanh(b) ap_fixed<b,1> (AP_SAT_SYM when
/// symmetric); quantized_sigmoid(b) ap_ufixed<b,0>; the po2 quantizers the exact type of their
/// powers of two; binary and ternary the exact type of ±alpha (and 0). Throws hlsnn::Error at
/// `where` naming the quantizer and option for what has no fixed result type: a scale QKeras
/// computes from each batch ('auto', 'auto_po2'), a non-power-of-two alpha of binary or ternary.
ir::PrecisionType qkeras_activation_type(const QKerasQuantizer& quantizer,
                                         const std::string& where);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_QKERAS_QUANTIZERS_H
