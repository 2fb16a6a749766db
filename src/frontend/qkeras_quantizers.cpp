#include "frontend/qkeras_quantizers.h"

#include <algorithm>
#include <map>

#include "frontend/keras_activations.h"
#include "ir/attribute.h"
#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::frontend {

using json = nlohmann::ordered_json;

namespace {

/// QKeras' other quantizer classes: named in errors as known but not implemented.
const std::vector<std::string> kUnsupportedQuantizers = {
    "quantized_po2",    "quantized_relu_po2", "binary",          "stochastic_binary",
    "ternary",          "stochastic_ternary", "bernoulli",       "quantized_hswish",
    "quantized_linear", "quantized_ulaw",     "quantized_ulaw2", "binary_tanh",
    "binary_sigmoid",   "smooth_sigmoid",     "smooth_tanh",     "set_internal_sigmoid"};

/// Constructor arguments in positional order, as the string form passes them.
const std::map<std::string, std::vector<std::string>>& positional_arguments() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"quantized_bits",
       {"bits", "integer", "symmetric", "keep_negative", "alpha", "use_stochastic_rounding",
        "scale_axis", "qnoise_factor"}},
      {"quantized_relu",
       {"bits", "integer", "use_sigmoid", "negative_slope", "use_stochastic_rounding",
        "relu_upper_bound", "is_quantized_clip", "qnoise_factor"}},
      {"quantized_tanh", {"bits", "use_stochastic_rounding", "symmetric", "use_real_tanh"}},
      {"quantized_sigmoid", {"bits", "symmetric", "use_real_sigmoid", "use_stochastic_rounding"}},
  };
  return table;
}

std::string supported_text() {
  return "supported: quantized_bits (alpha None, 1, a number, 'auto_po2' or 'auto'), "
         "quantized_relu (negative_slope 0), quantized_tanh and quantized_sigmoid (hard, as "
         "activations) and plain activation names";
}

[[noreturn]] void fail(const std::string& problem, const std::string& where) {
  throw Error(problem, where, supported_text());
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\n");
  if (first == std::string::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t\n") - first + 1);
}

/// Splits "a, b=[1 2], c='x,y'" at the commas outside brackets and quotes.
std::vector<std::string> split_arguments(const std::string& text, const std::string& where,
                                         const std::string& quoted) {
  std::vector<std::string> parts;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (char c : text) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '[' || c == '(') {
      ++depth;
    } else if (c == ']' || c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.push_back(trim(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (quote != 0 || depth != 0) {
    fail("the quantizer " + quoted + " is malformed", where);
  }
  parts.push_back(trim(current));
  return parts;
}

/// One argument of the string form: True/False, None, a number, a quoted string or a
/// bracketed list of numbers.
json parse_argument(const std::string& token, const std::string& where, const std::string& quoted) {
  if (token == "True") {
    return true;
  }
  if (token == "False") {
    return false;
  }
  if (token == "None") {
    return nullptr;
  }
  if (token.size() >= 2 && (token.front() == '\'' || token.front() == '"') &&
      token.back() == token.front()) {
    return token.substr(1, token.size() - 2);
  }
  try {
    if (!token.empty() && token.front() == '[' && token.back() == ']') {
      json list = json::array();
      std::string inner = token.substr(1, token.size() - 2);
      std::replace(inner.begin(), inner.end(), ',', ' ');
      size_t position = 0;
      while ((position = inner.find_first_not_of(' ', position)) != std::string::npos) {
        size_t used = 0;
        list.push_back(std::stod(inner.substr(position), &used));
        position += used;
      }
      return list;
    }
    size_t used = 0;
    const bool looks_integer = token.find_first_of(".eE") == std::string::npos;
    if (looks_integer) {
      const long long value = std::stoll(token, &used);
      if (used == token.size()) {
        return value;
      }
    } else {
      const double value = std::stod(token, &used);
      if (used == token.size()) {
        return value;
      }
    }
  } catch (const std::exception&) {
    // Reported below with the quantizer text.
  }
  fail("the argument '" + token + "' of the quantizer " + quoted + " is not a value", where);
}

/// The string form as the dict form: {"class_name": name, "config": {...}}.
json string_to_dict(const std::string& text, const std::string& where) {
  const std::string quoted = ir::display_name(text);
  const std::string stripped = trim(text);
  const size_t open = stripped.find('(');
  json result = {{"class_name", trim(stripped.substr(0, open))}, {"config", json::object()}};
  if (open == std::string::npos) {
    return result;
  }
  if (stripped.back() != ')') {
    fail("the quantizer " + quoted + " is malformed", where);
  }
  const std::string name = result["class_name"].get<std::string>();
  const std::string inside = trim(stripped.substr(open + 1, stripped.size() - open - 2));
  if (inside.empty()) {
    return result;
  }
  const auto order = positional_arguments().find(name);
  size_t position = 0;
  for (const std::string& argument : split_arguments(inside, where, quoted)) {
    const size_t equals = argument.find('=');
    if (equals != std::string::npos && argument.find_first_of("'\"[") > equals) {
      const std::string key = trim(argument.substr(0, equals));
      result["config"][key] = parse_argument(trim(argument.substr(equals + 1)), where, quoted);
      continue;
    }
    if (argument.empty()) {
      fail("the quantizer " + quoted + " has an empty argument", where);
    }
    if (order == positional_arguments().end() || position >= order->second.size()) {
      fail("the quantizer " + quoted + " has too many or unknown arguments", where);
    }
    result["config"][order->second[position++]] = parse_argument(argument, where, quoted);
  }
  return result;
}

/// Typed reads of a quantizer config that name the key in errors.
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

void read_quantized_bits(const ConfigReader& reader, QKerasQuantizer& quantizer) {
  quantizer.bits = reader.integer("bits", 8);
  quantizer.integer = reader.integer("integer", 0);
  quantizer.symmetric = reader.flag("symmetric", false);
  quantizer.keep_negative = reader.flag("keep_negative", true);
  if (const json* alpha = reader.find("alpha")) {
    if (alpha->is_number()) {
      quantizer.alpha = QKerasAlpha::kNumber;
      quantizer.alpha_value = alpha->get<double>();
      if (!(quantizer.alpha_value > 0)) {
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
  if (reader.find("post_training_scale") != nullptr) {
    reader.bad("post_training_scale", *reader.find("post_training_scale"), "None");
  }
  if (quantizer.bits < 2 || quantizer.bits > 32) {
    reader.bad("bits", json(quantizer.bits), "2 to 32 (1-bit quantizers are sign functions)");
  }
  if (quantizer.integer < 0 || quantizer.integer > quantizer.bits) {
    reader.bad("integer", json(quantizer.integer), "0 to bits");
  }
}

void read_quantized_relu(const ConfigReader& reader, QKerasQuantizer& quantizer) {
  quantizer.bits = reader.integer("bits", 8);
  quantizer.integer = reader.integer("integer", 0);
  quantizer.keep_negative = false;
  if (reader.number("negative_slope", 0.0) != 0.0) {
    reader.bad("negative_slope", *reader.find("negative_slope"), "0");
  }
  // Not serialized, so only the string form can switch the clip off (relu_upper_bound then acts).
  if (!reader.flag("is_quantized_clip", true)) {
    reader.bad("is_quantized_clip", json(false), "True");
  }
  if (reader.flag("use_sigmoid", false)) {
    reader.bad("use_sigmoid", json(1), "0");
  }
  if (quantizer.bits < 1 || quantizer.bits > 32) {
    reader.bad("bits", json(quantizer.bits), "1 to 32");
  }
  if (quantizer.integer < 0 || quantizer.integer > quantizer.bits) {
    reader.bad("integer", json(quantizer.integer), "0 to bits");
  }
}

/// Refuses QKeras' other quantizers by name, before their arguments are read.
void check_supported_name(const std::string& name, bool has_arguments, const std::string& where) {
  const std::string label = "quantizer " + ir::display_name(name);
  if (std::find(kUnsupportedQuantizers.begin(), kUnsupportedQuantizers.end(), name) !=
      kUnsupportedQuantizers.end()) {
    fail("QKeras " + label + " is not supported", where);
  }
  if (has_arguments && positional_arguments().count(name) == 0) {
    fail(label + " is not a QKeras quantizer hlsnn knows", where);
  }
}

/// quantized_tanh / quantized_sigmoid: only `bits` and `symmetric` change the (hard) result.
void read_quantized_hard_activation(const ConfigReader& reader, QKerasQuantizer& quantizer) {
  quantizer.bits = reader.integer("bits", 8);
  quantizer.symmetric = reader.flag("symmetric", false);
  const char* real = quantizer.is_quantized_tanh() ? "use_real_tanh" : "use_real_sigmoid";
  if (reader.flag(real, false)) {
    reader.bad(real, json(true), "False (the real function has no exact fixed-point form)");
  }
  // Its minimum 1/m has no saturation mode.
  if (quantizer.is_quantized_sigmoid() && quantizer.symmetric) {
    reader.bad("symmetric", json(true), "False");
  }
  if (quantizer.bits < 1 || quantizer.bits > 32) {
    reader.bad("bits", json(quantizer.bits), "1 to 32");
  }
}

}  // namespace

const std::vector<std::string>& supported_qkeras_quantizers() {
  static const std::vector<std::string> names = {"quantized_bits", "quantized_relu",
                                                 "quantized_tanh", "quantized_sigmoid"};
  return names;
}

std::string QKerasQuantizer::to_string() const {
  if (is_plain_activation()) {
    return name;
  }
  if (is_quantized_tanh() || is_quantized_sigmoid()) {
    return name + "(" + std::to_string(bits) + (symmetric ? ",symmetric=1)" : ")");
  }
  std::string text = name + "(" + std::to_string(bits) + "," + std::to_string(integer);
  if (is_quantized_bits()) {
    if (symmetric) {
      text += ",symmetric=1";
    }
    if (!keep_negative) {
      text += ",keep_negative=0";
    }
    if (alpha == QKerasAlpha::kNumber) {
      text += ",alpha=" + ir::format_double(alpha_value);
    }
    if (alpha == QKerasAlpha::kAutoPo2) {
      text += ",alpha='auto_po2'";
    }
    if (alpha == QKerasAlpha::kAuto) {
      text += ",alpha='auto'";
    }
  }
  return text + ")";
}

QKerasQuantizer parse_qkeras_quantizer(const json& value, const std::string& where) {
  json dict;
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    check_supported_name(trim(text.substr(0, text.find('('))), text.find('(') != std::string::npos,
                         where);
    dict = string_to_dict(text, where);
  } else if (value.is_object() && value.contains("class_name") && value["class_name"].is_string()) {
    dict = value;
  } else {
    fail("the quantizer " + value.dump() + " is neither a string nor a {class_name, config} dict",
         where);
  }
  QKerasQuantizer quantizer;
  quantizer.name = dict["class_name"].get<std::string>();
  const std::string label = "quantizer " + ir::display_name(quantizer.name);
  const json empty = json::object();
  const json& config =
      dict.contains("config") && dict["config"].is_object() ? dict["config"] : empty;
  const ConfigReader reader{config, label, where};
  if (quantizer.is_quantized_bits() || quantizer.is_quantized_relu()) {
    if (reader.number("qnoise_factor", 1.0) != 1.0) {
      reader.bad("qnoise_factor", *reader.find("qnoise_factor"), "1 (a trained model)");
    }
    if (quantizer.is_quantized_bits()) {
      read_quantized_bits(reader, quantizer);
    } else {
      read_quantized_relu(reader, quantizer);
    }
    return quantizer;
  }
  if (quantizer.is_quantized_tanh() || quantizer.is_quantized_sigmoid()) {
    read_quantized_hard_activation(reader, quantizer);
    return quantizer;
  }
  check_supported_name(quantizer.name, !config.empty(), where);
  try {
    quantizer.name = keras_activation_name(json(quantizer.name), where);
  } catch (const Error&) {
    fail(label + " is neither a supported QKeras quantizer nor a supported activation", where);
  }
  return quantizer;
}

QKerasQuantizer with_kernel_alpha_default(QKerasQuantizer quantizer) {
  if (quantizer.is_quantized_bits() && quantizer.alpha == QKerasAlpha::kNone) {
    quantizer.alpha = QKerasAlpha::kAutoPo2;
    quantizer.symmetric = true;
  }
  return quantizer;
}

ir::PrecisionType qkeras_weight_type(const QKerasQuantizer& quantizer) {
  const bool scaled =
      quantizer.alpha == QKerasAlpha::kAutoPo2 || quantizer.alpha == QKerasAlpha::kAuto;
  if (scaled) {
    return ir::PrecisionType::fixed(quantizer.bits,
                                    quantizer.integer + (quantizer.keep_negative ? 1 : 0));
  }
  if (quantizer.keep_negative) {
    return ir::PrecisionType::fixed(quantizer.bits, quantizer.integer + 1);
  }
  return ir::PrecisionType::fixed(quantizer.bits, quantizer.integer, false);
}

ir::PrecisionType qkeras_activation_type(const QKerasQuantizer& quantizer,
                                         const std::string& where) {
  using ir::OverflowMode;
  using ir::RoundingMode;
  if (quantizer.is_quantized_relu()) {
    return ir::PrecisionType::fixed(quantizer.bits, quantizer.integer, false,
                                    RoundingMode::kRndConv, OverflowMode::kSat);
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
  if (!quantizer.has_unit_alpha()) {
    throw Error("the activation quantizer " + quantizer.to_string() +
                    " scales by an alpha, which QKeras computes from each batch",
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
