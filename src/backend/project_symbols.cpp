#include "backend/project_symbols.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

#include "ir/error.h"
#include "ir/names.h"

namespace hlsnn::backend {
namespace {

/// Names the generated code or the headers it includes use at global or function scope; a layer
/// named like one of them must get another identifier.
const std::vector<std::string>& fixed_reserved_names() {
  static const std::vector<std::string> names = {
      "input_t", "result_t", "nnet", "std", "hls", "ap_fixed", "ap_ufixed", "ap_int", "ap_uint",
      "DIV_ROUNDUP", "hlsnn_emulation", "main",
      // include guards of the generated headers
      "HLSNN_DEFINES_H_", "HLSNN_PARAMETERS_H_", "HLSNN_TOP_FUNCTION_H_"};
  return names;
}

/// io_stream: a Flatten keeps its input's stream (words of the input's last dimension) when it is
/// the only reader of a tensor that is no model output and every reader of its own output is a
/// Dense, which gathers its inputs from words of any size (as hls4ml's in-place flatten).
bool stream_reuses_input(const ir::Graph& graph, const ir::Layer& reshape) {
  const std::string& input = reshape.inputs.at(0);
  const std::vector<std::string>& outputs = graph.outputs();
  if (reshape.output().shape.size() != 1 || graph.consumers(input).size() != 1 ||
      std::count(reshape.inputs.begin(), reshape.inputs.end(), input) != 1 ||
      std::find(outputs.begin(), outputs.end(), input) != outputs.end()) {
    return false;
  }
  const std::vector<const ir::Layer*> readers = graph.consumers(reshape.output().name);
  return !readers.empty() && std::all_of(readers.begin(), readers.end(), [](const ir::Layer* r) {
    return r->layer_class == "Dense";
  });
}

std::string argument_type_name(const std::string& stem, size_t position) {
  return position == 0 ? stem + "_t" : stem + std::to_string(position + 1) + "_t";
}

}  // namespace

std::string cpp_type(const ir::Layer& layer, const std::string& slot) {
  const ir::PrecisionType& type = layer.precision(slot);
  if (type.is_auto()) {
    throw Error("precision '" + slot + "' is still auto", layer.description(),
                "run the optimization passes (they infer auto types) before writing the project");
  }
  return type.to_cpp();
}

namespace {

/// The exponent range [min, max] of weights that are all ±2^e in their own type, if they are.
std::optional<std::pair<int, int>> po2_exponent_range(const ir::Layer& layer,
                                                      const ir::Weight& weight) {
  if (!layer.attribute_or<bool>("po2_weight." + weight.name, false) || weight.values.empty()) {
    return std::nullopt;
  }
  const std::string quantizer_slot = "quantizer_precision." + weight.name;
  if (!layer.has_attribute(quantizer_slot) ||
      layer.attribute<ir::PrecisionType>(quantizer_slot) != weight.precision) {
    return std::nullopt;
  }
  int lowest = std::numeric_limits<int>::max();
  int highest = std::numeric_limits<int>::min();
  for (double value : weight.values) {
    int exponent = 0;
    if (std::frexp(std::fabs(value), &exponent) != 0.5) {
      return std::nullopt;
    }
    lowest = std::min(lowest, exponent - 1);
    highest = std::max(highest, exponent - 1);
  }
  return std::make_pair(std::min(lowest, 0), highest);
}

bool all_in(const std::vector<double>& values, std::initializer_list<double> allowed) {
  return !values.empty() && std::all_of(values.begin(), values.end(), [&](double value) {
    return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
  });
}

}  // namespace

std::string weight_cpp_type(const ir::Layer& layer, const ir::Weight& weight) {
  if (weight.precision.is_auto()) {
    throw Error("the precision of weight '" + weight.name + "' is still auto", layer.description(),
                "run the optimization passes before writing the project");
  }
  if (const auto range = po2_exponent_range(layer, weight)) {
    return "nnet::po2_weight<" + std::to_string(range->first) + ", " +
           std::to_string(range->second) + ">";
  }
  return weight.precision.to_cpp();
}

std::string product_member(const ir::Layer& layer, const ir::Weight& weight) {
  std::string policy = "mult";
  const bool held = std::all_of(weight.values.begin(), weight.values.end(), [&](double value) {
    return weight.precision.is_representable(value);
  });
  if (po2_exponent_range(layer, weight)) {
    policy = "po2";
  } else if (held && all_in(weight.values, {-1.0, 1.0})) {
    policy = "weight_binary";
  } else if (held && all_in(weight.values, {-1.0, 0.0, 1.0})) {
    policy = "weight_ternary";
  }
  return "  template <class x_T, class y_T>\n  using product = nnet::product::" + policy +
         "<x_T, y_T>;\n";
}

std::string in_namespace(const ProjectSymbols& symbols, const std::string& text) {
  if (symbols.cpp_namespace.empty()) return text;
  return "namespace " + symbols.cpp_namespace + " {\n\n" + text + "\n}  // namespace " +
         symbols.cpp_namespace + "\n";
}

std::string qualified(const ProjectSymbols& symbols, const std::string& name) {
  return symbols.cpp_namespace.empty() ? "::" + name : "::" + symbols.cpp_namespace + "::" + name;
}

ProjectSymbols make_project_symbols(const ir::Graph& graph, const std::string& cpp_namespace) {
  ProjectSymbols symbols;
  symbols.project = graph.settings().project_name;
  symbols.trace_namespace = "hlsnn_emulation";
  symbols.cpp_namespace = cpp_namespace;

  std::set<std::string> used(fixed_reserved_names().begin(), fixed_reserved_names().end());
  if (!cpp_namespace.empty()) {
    if (!ir::is_valid_cpp_identifier(cpp_namespace) || used.count(cpp_namespace) != 0 ||
        cpp_namespace == symbols.project || cpp_namespace == "hlsnn_weight_conversions") {
      throw Error("namespace " + ir::single_quoted(cpp_namespace) +
                      " is not a C++ identifier the generated code can use",
                  "namespace (WriterConfig Namespace)",
                  "use letters, digits and '_', starting with a letter, other than the project "
                  "name and nnet, std, hls, ap_fixed, ...");
    }
    used.insert(cpp_namespace);
  }
  used.insert(symbols.project);
  for (size_t i = 0; i < graph.inputs().size(); ++i) {
    symbols.input_types.push_back(argument_type_name("input", i));
  }
  for (size_t i = 0; i < graph.outputs().size(); ++i) {
    symbols.output_types.push_back(argument_type_name("result", i));
  }
  used.insert(symbols.input_types.begin(), symbols.input_types.end());
  used.insert(symbols.output_types.begin(), symbols.output_types.end());
  const bool streams = graph.settings().io_type == ir::IoType::kStream;
  size_t position = 0;
  for (const ir::Layer& layer : graph.layers()) {
    const std::string k = std::to_string(position++);
    used.insert({"layer" + k + "_t", "config" + k, "N_LAYER_" + k});
    if (!streams) continue;
    // Names of stream_wiring's local arrays, stream copies and forks.
    used.insert("layer" + k + "_out");
    for (size_t j = 0; j < layer.inputs.size(); ++j) {
      used.insert("layer" + k + "_in" + std::to_string(j));
    }
    const size_t readers = graph.consumers(layer.output().name).size() + layer.inputs.size() + 2;
    for (size_t j = 0; j <= readers; ++j) {
      used.insert(
          {"layer" + k + "_cpy" + std::to_string(j), "layer" + k + "_fork" + std::to_string(j)});
    }
  }

  ir::IdentifierTable table;
  for (const std::string& name : used) table.reserve(name);

  std::map<std::string, size_t, std::less<>> producer_of;
  symbols.layers.reserve(graph.layer_count());
  int index = 0;
  for (const ir::Layer& layer : graph.layers()) {
    LayerSymbols& entry = symbols.layers.emplace_back();
    entry.layer = &layer;
    entry.index = index;
    const std::string k = std::to_string(index++);
    entry.type = "layer" + k + "_t";
    entry.element_type = streams ? entry.type + "::value_type" : entry.type;
    entry.word_size = layer.output().shape.empty() ? 1 : layer.output().shape.back();
    entry.config = "config" + k;
    entry.size_macro = "N_LAYER_" + k;
    entry.size = ir::element_count(layer.output().shape);
    entry.array = table.assign(layer.name);
    used.insert(entry.array);
    for (const std::string& input : layer.inputs) {
      entry.inputs.push_back(&symbols.layers[producer_of.at(input)]);
    }
    producer_of[layer.output().name] = symbols.layers.size() - 1;
  }

  for (size_t position = 0; position < graph.inputs().size(); ++position) {
    LayerSymbols& entry = symbols.layers[producer_of.at(graph.inputs()[position])];
    entry.input_position = static_cast<int>(position);
    symbols.model_inputs.push_back(&entry);
  }
  for (size_t position = 0; position < graph.outputs().size(); ++position) {
    LayerSymbols& entry = symbols.layers[producer_of.at(graph.outputs()[position])];
    if (entry.input_position >= 0 || entry.output_position >= 0) {
      throw Error("the model output " + ir::display_name(graph.outputs()[position]) +
                      " is a model input or listed twice, which the backend cannot write yet",
                  entry.layer->description(), "give every model output its own computing layer");
    }
    entry.output_position = static_cast<int>(position);
    symbols.model_outputs.push_back(&entry);
  }

  for (LayerSymbols& entry : symbols.layers) {
    const ir::Layer& layer = *entry.layer;
    if (layer.layer_class != "Input") symbols.traced.push_back(&entry);
    // A Reshape only renames the array, unless its type differs or it must fill a result
    // argument; then it copies. In io_stream designs see streams_alias.
    const bool same_type =
        layer.layer_class == "Reshape" && entry.output_position < 0 &&
        layer.precision("result") == entry.inputs.at(0)->layer->precision("result");
    if (same_type && (!streams || stream_reuses_input(graph, layer))) {
      entry.aliases_input = true;
      entry.array = entry.inputs[0]->array;
      if (streams) {
        entry.type = entry.inputs[0]->type;
        entry.element_type = entry.inputs[0]->element_type;
        entry.word_size = entry.inputs[0]->word_size;
      }
    }
    for (const ir::Weight& weight : layer.weights) {
      // No trailing '_' before the separator: "__" would make a reserved identifier.
      std::string stem = entry.array;
      while (stem.back() == '_') stem.pop_back();
      const std::string base = stem + "_" + ir::sanitize_identifier(weight.name);
      std::string candidate = base;
      for (int suffix = 2; used.count(candidate) != 0; ++suffix) {
        candidate = base + "_" + std::to_string(suffix);
      }
      used.insert(candidate);
      entry.weight_arrays[weight.name] = candidate;
    }
  }
  return symbols;
}

}  // namespace hlsnn::backend
