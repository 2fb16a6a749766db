#ifndef HLSNN_FRONTEND_QKERAS_QUANTIZERS_H
#define HLSNN_FRONTEND_QKERAS_QUANTIZERS_H

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ir/precision_type.h"

namespace hlsnn::frontend {

/// How a quantized_bits quantizer scales its grid (QKeras' `alpha`).
enum class QKerasAlpha {
  kNone,     ///< alpha=None: the plain fixed-point grid
  kNumber,   ///< a numeric alpha: the grid's values times that number
  kAutoPo2,  ///< 'auto_po2': a least-squares power-of-two scale per output channel
  kAuto,     ///< 'auto': scale = max |x| per output channel over the levels (not a power of two)
};

/// A QKeras quantizer hlsnn implements, read from a model config: `quantized_bits`,
/// `quantized_relu`, `quantized_tanh`, `quantized_sigmoid` (activations only), or a plain
/// activation name (QActivation("relu")). The fields are the
/// constructor arguments that change inference results; the others (stochastic rounding, which
/// is off at inference, relu_upper_bound, which the default clip makes inert) are accepted and
/// ignored.
struct QKerasQuantizer {
  /// "quantized_bits", "quantized_relu", or the plain activation's name.
  std::string name;
  int bits = 8;
  int integer = 0;
  bool symmetric = false;
  bool keep_negative = true;
  QKerasAlpha alpha = QKerasAlpha::kNone;
  double alpha_value = 1.0;  ///< for kNumber

  bool is_quantized_bits() const { return name == "quantized_bits"; }
  bool is_quantized_relu() const { return name == "quantized_relu"; }
  /// quantized_tanh and quantized_sigmoid: QKeras' hard (slope 1/2) versions, rounded.
  bool is_quantized_tanh() const { return name == "quantized_tanh"; }
  bool is_quantized_sigmoid() const { return name == "quantized_sigmoid"; }
  /// True when the grid is not scaled: alpha None or 1.
  bool has_unit_alpha() const {
    return alpha == QKerasAlpha::kNone || (alpha == QKerasAlpha::kNumber && alpha_value == 1.0);
  }
  /// True for a plain activation name rather than a quantizer.
  bool is_plain_activation() const {
    return !is_quantized_bits() && !is_quantized_relu() && !is_quantized_tanh() &&
           !is_quantized_sigmoid();
  }
  /// "quantized_bits(6,0,alpha=1)"-like, for messages.
  std::string to_string() const;
};

/// The quantizer classes that parse, for `hlsnn layers` and error hints.
const std::vector<std::string>& supported_qkeras_quantizers();

/// Reads a quantizer in either serialized form: the dict {"class_name": "quantized_bits",
/// "config": {...}} (other keys such as module and registered_name are ignored) or the string
/// form QKeras accepts ("quantized_relu(4,0)", "quantized_bits(8,3,1,alpha=1)", "quantized_bits",
/// "relu"). Throws hlsnn::Error at `where` naming the quantizer and what is supported for other
/// quantizer classes (po2, binary, ternary, tanh, ...), options that change results in ways
/// hlsnn does not implement (qnoise_factor != 1, post_training_scale, a list alpha, negative_slope,
/// use_sigmoid, use_real_tanh, use_real_sigmoid, a symmetric quantized_sigmoid) and malformed text.
QKerasQuantizer parse_qkeras_quantizer(const nlohmann::ordered_json& value,
                                       const std::string& where);

/// What QKeras' QDense (and the other kernel layers) do to their kernel quantizer in their
/// constructor: quantized_bits with alpha None becomes alpha='auto_po2', symmetric. Idempotent.
QKerasQuantizer with_kernel_alpha_default(QKerasQuantizer quantizer);

/// The type holding every value of a quantized_bits weight grid: ap_fixed<bits, integer+1> with
/// keep_negative, ap_ufixed<bits, integer> without; scaled grids ('auto', 'auto_po2') keep
/// negative values whatever keep_negative says, so they get ap_fixed<bits, integer+keep_negative>.
ir::PrecisionType qkeras_weight_type(const QKerasQuantizer& quantizer);

/// The result type of an activation quantizer: quantized_relu(b,i) is
/// ap_ufixed<b,i,AP_RND_CONV,AP_SAT>; quantized_bits(b,i) is ap_fixed<b,i+1,AP_RND_CONV,AP_SAT>
/// (AP_SAT_SYM when symmetric; ap_ufixed<b,i,...> without keep_negative). AP_RND_CONV rounds
/// half to even as QKeras' tf.round does; saturation is its clip. quantized_tanh(b) is
/// ap_fixed<b,1,AP_RND_CONV,AP_SAT> (AP_SAT_SYM when symmetric), quantized_sigmoid(b)
/// ap_ufixed<b,0,AP_RND_CONV,AP_SAT>. Throws hlsnn::Error at `where`
/// for a quantized_bits activation with an alpha other than None or 1 (its scale would depend on
/// the batch).
ir::PrecisionType qkeras_activation_type(const QKerasQuantizer& quantizer,
                                         const std::string& where);

}  // namespace hlsnn::frontend

#endif  // HLSNN_FRONTEND_QKERAS_QUANTIZERS_H
