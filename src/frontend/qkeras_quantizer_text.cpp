#include "frontend/qkeras_quantizer_text.h"

#include <algorithm>
#include <map>
#include <vector>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::frontend {

using json = nlohmann::ordered_json;

namespace {

/// Constructor arguments in positional order, as the string form passes them (QKeras 0.9.0).
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
      {"quantized_po2",
       {"bits", "max_value", "use_stochastic_rounding", "quadratic_approximation", "log2_rounding",
        "qnoise_factor"}},
      {"quantized_relu_po2",
       {"bits", "max_value", "negative_slope", "use_stochastic_rounding", "quadratic_approximation",
        "log2_rounding", "qnoise_factor"}},
      {"binary", {"use_01", "alpha", "use_stochastic_rounding"}},
      {"stochastic_binary", {"alpha", "temperature", "use_real_sigmoid"}},
      {"ternary", {"alpha", "threshold", "use_stochastic_rounding", "number_of_unrolls"}},
      {"stochastic_ternary",
       {"alpha", "threshold", "temperature", "use_real_sigmoid", "number_of_unrolls"}},
      {"bernoulli", {"alpha", "temperature", "use_real_sigmoid"}},
      {"quantized_ulaw", {"bits", "integer", "symmetric", "u"}},
      {"quantized_hswish",
       {"bits", "integer", "symmetric", "alpha", "use_stochastic_rounding", "scale_axis",
        "qnoise_factor", "var_name", "use_ste", "use_variables", "relu_shift", "relu_upper_bound"}},
  };
  return table;
}

[[noreturn]] void fail(const std::string& problem, const std::string& where) {
  throw Error(problem, where, qkeras_supported_hint());
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

}  // namespace

json qkeras_string_to_dict(const std::string& text, const std::string& where) {
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
  if (order == positional_arguments().end()) {
    fail("quantizer " + ir::display_name(name) + " is not a QKeras quantizer hlsnn knows", where);
  }
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
    if (position >= order->second.size()) {
      fail("the quantizer " + quoted + " has too many or unknown arguments", where);
    }
    result["config"][order->second[position++]] = parse_argument(argument, where, quoted);
  }
  return result;
}

}  // namespace hlsnn::frontend
