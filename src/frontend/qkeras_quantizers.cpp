#include "frontend/qkeras_quantizers.h"

#include <algorithm>
#include <cmath>

#include "frontend/keras_activations.h"
#include "frontend/qkeras_quantizer_text.h"
#include "frontend/qkeras_weight_quantization.h"
#include "ir/attribute.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::frontend {

using json = nlohmann::ordered_json;

namespace {

/// The quantizer classes hlsnn reads (the stochastic ones as their inference form).
const std::vector<std::string> kQuantizerClasses = {
    "quantized_bits", "quantized_relu",     "quantized_tanh", "quantized_sigmoid",
    "quantized_po2",  "quantized_relu_po2", "binary",         "stochastic_binary",
    "ternary",        "stochastic_ternary", "bernoulli",      "quantized_hswish"};

/// QKeras' other quantizers and functions: named in errors as known but not implemented, each
/// with the reason.
const std::vector<std::pair<std::string, std::string>> kUnsupportedQuantizers = {
    {"quantized_linear", "it is not in QKeras 0.9.0; save the model with quantized_bits"},
    {"quantized_ulaw",
     "it returns TensorFlow's float32 logarithm of each code, which TensorFlow computes "
     "differently in its vector and scalar loops, so no fixed-point result reproduces it"},
    {"quantized_ulaw2", "see quantized_ulaw"},
    {"binary_tanh", "use the binary quantizer"},
    {"binary_sigmoid", "use binary(use_01=True)"},
    {"smooth_sigmoid", "use quantized_sigmoid"},
    {"smooth_tanh", "use quantized_tanh"},
    {"set_internal_sigmoid", "it is not an activation"}};

[[noreturn]] void fail(const std::string& problem, const std::string& where) {
  throw Error(problem, where, qkeras_supported_hint());
}

bool is_power_of_two(double value) {
  int exponent = 0;
  return value > 0 && std::frexp(value, &exponent) == 0.5;
}

struct ConfigReader {
  const json& config;
  const std::string& label;
  const std::string& where;

  const json* find(const char* key) const {
    const auto found = config.find(key);
    return found == config.end() || found->is_null() ? nullptr : &*found;
  }
  [[noreturn]] void bad(const char* key, const json& value, const std::string& expected) const {
    fail(label + " has " + key + "=" + value.dump() + ", expected " + expected, where);
  }
  int integer(const char* key, int fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    // Older QKeras saves `integer` as a one-element array or a float holding an integer.
    const json& scalar = value->is_array() && value->size() == 1 ? (*value)[0] : *value;
    if (scalar.is_number() && scalar.get<double>() == static_cast<int>(scalar.get<double>())) {
      return static_cast<int>(scalar.get<double>());
    }
    bad(key, *value, "an integer");
  }
  bool flag(const char* key, bool fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (value->is_boolean()) {
      return value->get<bool>();
    }
    if (value->is_number() && (value->get<double>() == 0 || value->get<double>() == 1)) {
      return value->get<double>() != 0;
    }
    bad(key, *value, "True, False, 0 or 1");
  }
  std::optional<double> optional_number(const char* key) const {
    if (find(key) == nullptr) {
      return std::nullopt;
    }
    return number(key, 0.0);
  }
  std::string text(const char* key, const std::string& fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (value->is_string()) {
      return value->get<std::string>();
    }
    bad(key, *value, "a string");
  }
  double number(const char* key, double fallback) const {
    const json* value = find(key);
    if (value == nullptr) {
      return fallback;
    }
    if (value->is_number()) {
      return value->get<double>();
    }
    bad(key, *value, "a number");
  }
};

/// alpha: None, a number, 'auto' or 'auto_po2' (a list, QKeras' per-channel array, is refused:
/// binary cannot even reload it).
void read_alpha(const ConfigReader& reader, QKerasQuantizer& quantizer) {
  const json* alpha = reader.find("alpha");
  if (alpha == nullptr) {
    return;
  }
  if (alpha->is_number()) {
    quantizer.alpha = QKerasAlpha::kNumber;
    quantizer.alpha_value = alpha->get<double>();
    if (!(quantizer.alpha_value > 0) || !std::isfinite(quantizer.alpha_value)) {
      reader.bad("alpha", *alpha, "a positive number");
    }
  } else if (alpha->is_string() && alpha->get<std::string>() == "auto_po2") {
    quantizer.alpha = QKerasAlpha::kAutoPo2;
  } else if (alpha->is_string() && alpha->get<std::string>() == "auto") {
    quantizer.alpha = QKerasAlpha::kAuto;
  } else {
    reader.bad("alpha", *alpha, "None, a number, 'auto_po2' or 'auto'");
  }
}

void require_unit_noise(const ConfigReader& reader) {
  if (reader.number("qnoise_factor", 1.0) != 1.0) {
    reader.bad("qnoise_factor", *reader.find("qnoise_factor"), "1 (a trained model)");
  }
}

void read_bits_and_integer(const ConfigReader& reader, QKerasQuantizer& quantizer, int min_bits) {
  quantizer.bits = reader.integer("bits", 8);
  quantizer.integer = reader.integer("integer", 0);
  if (quantizer.bits < min_bits || quantizer.bits > 32) {
    reader.bad("bits", json(quantizer.bits),
               std::to_string(min_bits) + " to 32" +
                   (min_bits == 2 ? " (1-bit quantizers are sign functions: use binary)" : ""));
  }
  if (quantizer.integer < 0 || quantizer.integer > quantizer.bits) {
    reader.bad("integer", json(quantizer.integer), "0 to bits");
  }
}

void read_quantized_bits(const ConfigReader& reader, QKerasQuantizer& quantizer) {
  require_unit_noise(reader);
  read_bits_and_integer(reader, quantizer, 2);
  quantizer.symmetric = reader.flag("symmetric", false);
  quantizer.keep_negative = reader.flag("keep_negative", true);
  read_alpha(reader, quantizer);
  // QKeras' constructor: string alphas force symmetric levels.
  if (quantizer.has_data_dependent_scale()) {
    quantizer.symmetric = true;
  }
  if (reader.find("post_training_scale") != nullptr) {
    reader.bad("post_training_scale", *reader.find("post_training_scale"), "None");
  }
}

/// A negative slope QKeras accepts: 0 or a power of two (it asserts the same).
double read_negative_slope(const ConfigReader& reader) {
  const double slope = reader.number("negative_slope", 0.0);
  if (slope != 0.0 && (!is_power_of_two(slope) || slope >= 1.0)) {
    reader.bad("negative_slope", *reader.find("negative_slope"),
               "0 or a power of two below 1, as QKeras requires");
  }
  return slope;
}

void read_quantized_relu(const ConfigReader& reader, QKerasQuantizer& quantizer) {
  require_unit_noise(reader);
  quantizer.negative_slope = read_negative_slope(reader);
  read_bits_and_integer(reader, quantizer, quantizer.negative_slope != 0.0 ? 2 : 1);
  quantizer.keep_negative = quantizer.negative_slope != 0.0;
  if (reader.flag("use_sigmoid", false)) {
    reader.bad("use_sigmoid", json(1), "0");
  }
  // Not serialized, so only the string form can switch the clip off; relu_upper_bound then
  // bounds the quantized value.
  if (!reader.flag("is_quantized_clip", true)) {
    quantizer.relu_upper_bound = reader.optional_number("relu_upper_bound");
  }
}

/// quantized_tanh / quantized_sigmoid: `bits`, `symmetric` and the choice of function.
void read_quantized_tanh_or_sigmoid(const ConfigReader& reader, QKerasQuantizer& quantizer) {
  quantizer.bits = reader.integer("bits", 8);
  quantizer.symmetric = reader.flag("symmetric", false);
  quantizer.use_real =
      reader.flag(quantizer.is_quantized_tanh() ? "use_real_tanh" : "use_real_sigmoid", false);
  // Its minimum 1/m has no saturation mode.
  if (quantizer.is_quantized_sigmoid() && quantizer.symmetric) {
    reader.bad("symmetric", json(true), "False");
  }
  if (quantizer.bits < 1 || quantizer.bits > 32) {
    reader.bad("bits", json(quantizer.bits), "1 to 32");
  }
}

void read_po2(const ConfigReader& reader, QKerasQuantizer& quantizer) {
  require_unit_noise(reader);
  quantizer.bits = reader.integer("bits", 8);
  quantizer.max_value = reader.optional_number("max_value");
  if (quantizer.max_value && !(*quantizer.max_value >= 0)) {
    reader.bad("max_value", *reader.find("max_value"), "None or a non-negative number");
  }
  if (quantizer.name == "quantized_relu_po2") {
    quantizer.negative_slope = read_negative_slope(reader);
  }
  quantizer.quadratic_approximation = reader.flag("quadratic_approximation", false);
  const std::string rounding = reader.text("log2_rounding", "rnd");
  if (rounding != "rnd" && rounding != "floor") {
    reader.bad("log2_rounding", json(rounding), "'rnd' or 'floor'");
  }
  quantizer.log2_floor = rounding == "floor";
  const int sign_bit = quantizer.name == "quantized_po2" ? 1 : 0;
  // Below this QKeras' exponent range becomes fractional or empty.
  if (quantizer.bits < 2 + sign_bit || quantizer.bits > 9) {
    reader.bad("bits", json(quantizer.bits), std::to_string(2 + sign_bit) + " to 9");
  }
  // TensorFlow flushes float32 subnormals to zero: 2^-127 and below are not powers of two there.
  const Po2Exponents range = po2_exponents(quantizer);
  if (range.factor * range.min < -126 || range.factor * range.max > 127) {
    reader.bad("bits", json(quantizer.bits),
               "fewer, so that the exponents stay within float32's normal range [-126, 127]");
  }
}

void read_binary(const ConfigReader& reader, QKerasQuantizer& quantizer, bool stochastic) {
  quantizer.use_01 = !stochastic && reader.flag("use_01", false);
  read_alpha(reader, quantizer);
}

void read_ternary(const ConfigReader& reader, QKerasQuantizer& quantizer) {
  read_alpha(reader, quantizer);
  quantizer.threshold = reader.optional_number("threshold");
  quantizer.number_of_unrolls = reader.integer("number_of_unrolls", 5);
  if (quantizer.has_data_dependent_scale() && quantizer.threshold) {
    reader.bad("threshold", *reader.find("threshold"),
               "None with alpha 'auto' or 'auto_po2' (QKeras asserts it)");
  }
  if (quantizer.number_of_unrolls < 1 || quantizer.number_of_unrolls > 100) {
    reader.bad("number_of_unrolls", json(quantizer.number_of_unrolls), "1 to 100");
  }
}

void read_hswish(const ConfigReader& reader, QKerasQuantizer& quantizer) {
  read_quantized_bits(reader, quantizer);
  quantizer.keep_negative = true;  // forced by QKeras' constructor
  quantizer.relu_shift = reader.number("relu_shift", 3.0);
  quantizer.hswish_upper_bound = reader.number("relu_upper_bound", 6.0);
  if (!(quantizer.relu_shift > 0)) {
    reader.bad("relu_shift", *reader.find("relu_shift"), "a positive number");
  }
  if (!(quantizer.hswish_upper_bound > 0)) {
    reader.bad("relu_upper_bound", *reader.find("relu_upper_bound"), "a positive number");
  }
}

/// Refuses QKeras' unimplemented quantizers by name, before their arguments are read.
void check_supported_name(const std::string& name, const std::string& where) {
  for (const auto& [unsupported, reason] : kUnsupportedQuantizers) {
    if (name == unsupported) {
      fail("QKeras quantizer " + ir::display_name(name) + " is not supported: " + reason, where);
    }
  }
}

/// The class name as hlsnn computes it: the stochastic quantizers are their deterministic forms
/// at inference.
std::string inference_class(const std::string& name) {
  if (name == "stochastic_binary") {
    return "binary";
  }
  if (name == "stochastic_ternary") {
    return "ternary";
  }
  return name;
}

std::string format_alpha(const QKerasQuantizer& quantizer) {
  switch (quantizer.alpha) {
    case QKerasAlpha::kNumber:
      return "alpha=" + ir::format_double(quantizer.alpha_value);
    case QKerasAlpha::kAutoPo2:
      return "alpha='auto_po2'";
    case QKerasAlpha::kAuto:
      return "alpha='auto'";
    case QKerasAlpha::kNone:
      break;
  }
  return "";
}

/// "name(a,b,c)" from the non-empty arguments.
std::string call_text(const std::string& name, const std::vector<std::string>& arguments) {
  std::string text = name + "(";
  bool first = true;
  for (const std::string& argument : arguments) {
    if (argument.empty()) {
      continue;
    }
    text += (first ? "" : ",") + argument;
    first = false;
  }
  return text + ")";
}

/// The exact type of the values `scale` times each of `codes`.
ir::PrecisionType scaled_codes_type(double scale, std::vector<double> codes,
                                    const std::string& where) {
  for (double& code : codes) {
    code *= scale;
  }
  return exact_fixed_type(codes, where);
}

}  // namespace

bool QKerasQuantizer::is_plain_activation() const {
  return std::find(kQuantizerClasses.begin(), kQuantizerClasses.end(), name) ==
         kQuantizerClasses.end();
}

const std::vector<std::string>& supported_qkeras_quantizers() { return kQuantizerClasses; }

std::string qkeras_supported_hint() {
  return "supported: quantized_bits, quantized_relu, quantized_tanh, quantized_sigmoid, "
         "quantized_po2, quantized_relu_po2, binary, ternary (and their stochastic forms), "
         "bernoulli, quantized_hswish and plain activation names";
}

std::string QKerasQuantizer::to_string() const {
  if (is_plain_activation()) {
    return name;
  }
  const std::string bits_text = std::to_string(bits);
  const std::string alpha_text = format_alpha(*this);
  const std::string slope =
      negative_slope != 0.0 ? "negative_slope=" + ir::format_double(negative_slope) : std::string();
  if (is_quantized_tanh() || is_quantized_sigmoid()) {
    return call_text(
        name, {bits_text, symmetric ? "symmetric=1" : "",
               use_real ? (is_quantized_tanh() ? "use_real_tanh=1" : "use_real_sigmoid=1") : ""});
  }
  if (is_po2()) {
    return call_text(
        name, {bits_text, max_value ? "max_value=" + ir::format_double(*max_value) : "", slope,
               quadratic_approximation ? "quadratic_approximation=1" : "",
               log2_floor ? "log2_rounding='floor'" : ""});
  }
  if (is_binary() || is_bernoulli()) {
    return call_text(name, {use_01 ? "use_01=1" : "", alpha_text});
  }
  if (is_ternary()) {
    return call_text(name,
                     {alpha_text, threshold ? "threshold=" + ir::format_double(*threshold) : ""});
  }
  const std::string integer_text = std::to_string(integer);
  if (is_quantized_relu()) {
    return call_text(
        name, {bits_text, integer_text, slope,
               relu_upper_bound ? "relu_upper_bound=" + ir::format_double(*relu_upper_bound) : ""});
  }
  return call_text(name, {bits_text, integer_text, symmetric ? "symmetric=1" : "",
                          keep_negative ? "" : "keep_negative=0", alpha_text});
}

Po2Exponents po2_exponents(const QKerasQuantizer& quantizer) {
  const bool exponent_sign = !quantizer.max_value || *quantizer.max_value > 1;
  const int magnitude_bits =
      quantizer.bits - (quantizer.name == "quantized_po2" ? 1 : 0) - (exponent_sign ? 1 : 0);
  Po2Exponents range{-(1 << magnitude_bits), (1 << magnitude_bits) - 1, 1};
  if (quantizer.quadratic_approximation) {
    // QKeras keeps the maximum even, 2 * (max // 2), then doubles the clipped exponent.
    range.max = 2 * static_cast<int>(std::floor(range.max / 2.0));
    range.factor = 2;
  }
  return range;
}

QKerasQuantizer parse_qkeras_quantizer(const json& value, const std::string& where) {
  json dict;
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    const size_t open = text.find('(');
    std::string name = text.substr(0, open);
    name.erase(0, name.find_first_not_of(" \t\n"));
    name.erase(name.find_last_not_of(" \t\n") + 1);
    check_supported_name(name, where);
    dict = qkeras_string_to_dict(text, where);
  } else if (value.is_object() && value.contains("class_name") && value["class_name"].is_string()) {
    dict = value;
  } else {
    fail("the quantizer " + value.dump() + " is neither a string nor a {class_name, config} dict",
         where);
  }
  const std::string class_name = dict["class_name"].get<std::string>();
  check_supported_name(class_name, where);
  QKerasQuantizer quantizer;
  quantizer.name = inference_class(class_name);
  const std::string label = "quantizer " + ir::display_name(class_name);
  const json empty = json::object();
  const json& config =
      dict.contains("config") && dict["config"].is_object() ? dict["config"] : empty;
  const ConfigReader reader{config, label, where};
  if (quantizer.is_quantized_bits()) {
    read_quantized_bits(reader, quantizer);
  } else if (quantizer.is_quantized_relu()) {
    read_quantized_relu(reader, quantizer);
  } else if (quantizer.is_quantized_tanh() || quantizer.is_quantized_sigmoid()) {
    read_quantized_tanh_or_sigmoid(reader, quantizer);
  } else if (quantizer.is_po2()) {
    read_po2(reader, quantizer);
  } else if (quantizer.is_binary()) {
    read_binary(reader, quantizer, class_name != "binary");
  } else if (quantizer.is_ternary()) {
    read_ternary(reader, quantizer);
  } else if (quantizer.is_bernoulli()) {
    read_alpha(reader, quantizer);
  } else if (quantizer.is_hswish()) {
    read_hswish(reader, quantizer);
  } else {
    if (!config.empty()) {
      fail(label + " is not a QKeras quantizer hlsnn knows", where);
    }
    try {
      quantizer.name = keras_activation_name(json(quantizer.name), where);
    } catch (const Error&) {
      fail(label + " is neither a supported QKeras quantizer nor a supported activation", where);
    }
  }
  return quantizer;
}

QKerasQuantizer with_kernel_alpha_default(QKerasQuantizer quantizer) {
  if (quantizer.alpha != QKerasAlpha::kNone) {
    return quantizer;
  }
  if (quantizer.is_quantized_bits()) {
    quantizer.alpha = QKerasAlpha::kAutoPo2;
    quantizer.symmetric = true;
  } else if (quantizer.is_binary() || quantizer.is_ternary() || quantizer.is_bernoulli()) {
    quantizer.alpha = QKerasAlpha::kAutoPo2;
  }
  return quantizer;
}

ir::PrecisionType qkeras_weight_type(const QKerasQuantizer& quantizer) {
  if (quantizer.is_po2()) {
    const Po2Exponents range = po2_exponents(quantizer);
    const int lowest = range.factor * range.min;
    const int highest = range.factor * range.max;
    const bool negative = quantizer.name == "quantized_po2" || quantizer.negative_slope != 0.0;
    const int sign = negative ? 1 : 0;
    return ir::PrecisionType::fixed(highest - lowest + 1 + sign, highest + 1 + sign, negative);
  }
  if (quantizer.is_binary() || quantizer.is_ternary() || quantizer.is_bernoulli()) {
    const bool unsigned_codes = quantizer.use_01 || quantizer.is_bernoulli();
    if (quantizer.alpha != QKerasAlpha::kNumber) {
      return unsigned_codes ? ir::PrecisionType::integer(1, false) : ir::PrecisionType::integer(2);
    }
    return scaled_codes_type(
        quantizer.alpha_value,
        unsigned_codes ? std::vector<double>{0, 1} : std::vector<double>{-1, 0, 1},
        "quantizer " + quantizer.to_string());
  }
  const int sign = quantizer.keep_negative ? 1 : 0;
  if (quantizer.has_data_dependent_scale() || quantizer.keep_negative) {
    // Scaled grids keep negative values whatever keep_negative says.
    return ir::PrecisionType::fixed(quantizer.bits, quantizer.integer + sign);
  }
  return ir::PrecisionType::fixed(quantizer.bits, quantizer.integer, false);
}

ir::PrecisionType qkeras_activation_type(const QKerasQuantizer& quantizer,
                                         const std::string& where) {
  using ir::OverflowMode;
  using ir::RoundingMode;
  const std::string quoted = quantizer.to_string();
  if (quantizer.has_data_dependent_scale()) {
    throw Error("the activation quantizer " + quoted +
                    " scales by an alpha QKeras computes from each batch",
                where, "use alpha=None or a fixed alpha for activations");
  }
  if (quantizer.is_quantized_relu()) {
    return ir::PrecisionType::fixed(
        quantizer.bits, quantizer.integer + (quantizer.keep_negative ? 1 : 0),
        quantizer.keep_negative, RoundingMode::kRndConv, OverflowMode::kSat);
  }
  if (quantizer.is_quantized_sigmoid()) {
    return ir::PrecisionType::fixed(quantizer.bits, 0, false, RoundingMode::kRndConv,
                                    OverflowMode::kSat);
  }
  if (quantizer.is_quantized_tanh()) {
    return ir::PrecisionType::fixed(
        quantizer.bits, 1, true, RoundingMode::kRndConv,
        quantizer.symmetric ? OverflowMode::kSatSym : OverflowMode::kSat);
  }
  if (quantizer.is_po2()) {
    return qkeras_weight_type(quantizer);
  }
  if (quantizer.is_binary() || quantizer.is_ternary() || quantizer.is_bernoulli()) {
    const double alpha = quantizer.alpha == QKerasAlpha::kNumber ? quantizer.alpha_value : 1.0;
    // QKeras' last step, x + (-x + alpha*k), leaves alpha*k exactly only for a power of two.
    if (!is_power_of_two(alpha)) {
      throw Error("the activation quantizer " + quoted + " has alpha=" + ir::format_double(alpha) +
                      ", which QKeras' output does not hold exactly for large inputs",
                  where, "use alpha=None or a power of two");
    }
    std::vector<double> codes = {0, 1};
    if (quantizer.is_binary() && !quantizer.use_01) {
      codes = {-1, 1};
    } else if (quantizer.is_ternary()) {
      codes = {-1, 0, 1};
    }
    return scaled_codes_type(alpha, codes, where);
  }
  if (!quantizer.has_unit_alpha()) {
    throw Error("the activation quantizer " + quoted +
                    " scales by alpha=" + ir::format_double(quantizer.alpha_value),
                where, "use alpha=None or alpha=1 for activations");
  }
  if (!quantizer.keep_negative) {
    return ir::PrecisionType::fixed(quantizer.bits, quantizer.integer, false,
                                    RoundingMode::kRndConv, OverflowMode::kSat);
  }
  return ir::PrecisionType::fixed(quantizer.bits, quantizer.integer + 1, true,
                                  RoundingMode::kRndConv,
                                  quantizer.symmetric ? OverflowMode::kSatSym : OverflowMode::kSat);
}

}  // namespace hlsnn::frontend
