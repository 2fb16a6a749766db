#include <set>

#include "backend/firmware_parts.h"
#include "backend/layer_codegen.h"
#include "ir/names.h"

namespace hlsnn::backend {
namespace {

const char* const kTraceDeclaration =
    "#ifndef __SYNTHESIS__\n"
    "// Emulation only: while a bridge call traces, one double array per traced layer (see the\n"
    "// manifest's traced_layers) that the top function fills after each layer. thread_local, so\n"
    "// samples running concurrently on other threads never share it.\n"
    "namespace hlsnn_emulation {\n"
    "extern thread_local double* const* trace_outputs;\n"
    "}\n"
    "#endif\n";

/// "input_t in[N_LAYER_0], ..., result_t out[N_LAYER_5]"
std::string top_parameters(const ProjectSymbols& symbols) {
  std::string text;
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) {
    const LayerSymbols& layer = *symbols.model_inputs[i];
    text += symbols.input_types[i] + " " + layer.array + "[" + layer.size_macro + "], ";
  }
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    const LayerSymbols& layer = *symbols.model_outputs[i];
    text += symbols.output_types[i] + " " + layer.array + "[" + layer.size_macro + "]";
    if (i + 1 < symbols.model_outputs.size()) text += ", ";
  }
  return text;
}

/// Copies the layer's output into its trace array when the bridge asks for a trace.
std::string trace_statement(const LayerSymbols& layer, size_t trace_position) {
  return "#ifndef __SYNTHESIS__\n  if (hlsnn_emulation::trace_outputs) {\n"
         "    nnet::convert_data<" +
         layer.type + ", double, " + layer.size_macro + ">(" + layer.array +
         ", hlsnn_emulation::trace_outputs[" + std::to_string(trace_position) +
         "]);\n  }\n#endif\n";
}

}  // namespace

std::string comment_line(const LayerSymbols& layer) {
  return "// " + ir::to_cpp_string_literal(layer.layer->name) + " (" + layer.layer->layer_class +
         ")\n";
}

std::string pragma(const std::string& text) { return "  #pragma HLS " + text + "\n"; }

GeneratedFile defines_header(const ProjectSymbols& symbols, bool streams) {
  std::string text =
      "#ifndef HLSNN_DEFINES_H_\n#define HLSNN_DEFINES_H_\n\n#include \"ap_fixed.h\"\n"
      "#include \"ap_int.h\"\n";
  if (streams) text += "#include \"nnet_utils/nnet_stream.h\"\n";
  text += "\n// Element count of each layer's output (arrays are flat, row-major).\n";
  for (const LayerSymbols& layer : symbols.layers) {
    text += "#define " + layer.size_macro + " " + std::to_string(layer.size) + "\n";
  }
  if (streams) {
    text += "\n// Word of each layer's output stream: the values of its last axis.\n";
    for (const LayerSymbols& layer : symbols.layers) {
      if (layer.aliases_input) continue;  // passes its input's stream on
      text += "typedef nnet::array<" + cpp_type(*layer.layer, "result") + ", " +
              std::to_string(layer.word_size) + "> " + layer.type + ";\n";
    }
  } else {
    text += "\n// Element type of each layer's output.\n";
    for (const LayerSymbols& layer : symbols.layers) {
      text += "typedef " + cpp_type(*layer.layer, "result") + " " + layer.type + ";\n";
    }
  }
  text += "\n// Types of the top function's arguments.\n";
  for (size_t i = 0; i < symbols.model_inputs.size(); ++i) {
    text += "typedef " + symbols.model_inputs[i]->type + " " + symbols.input_types[i] + ";\n";
  }
  for (size_t i = 0; i < symbols.model_outputs.size(); ++i) {
    text += "typedef " + symbols.model_outputs[i]->type + " " + symbols.output_types[i] + ";\n";
  }
  text += "\n#endif\n";
  return {"firmware/defines.h", std::move(text)};
}

GeneratedFile top_header(const ProjectSymbols& symbols, const std::string& parameters) {
  std::string text =
      "#ifndef HLSNN_TOP_FUNCTION_H_\n#define HLSNN_TOP_FUNCTION_H_\n\n"
      "#include \"defines.h\"\n\nvoid " +
      symbols.project + "(" + parameters + ");\n\n" + kTraceDeclaration + "\n#endif\n";
  return {"firmware/" + symbols.project + ".h", std::move(text)};
}

GeneratedFile parameters_header(const std::set<std::string>& kernel_headers,
                                const std::string& configs) {
  std::string parameters =
      "#ifndef HLSNN_PARAMETERS_H_\n#define HLSNN_PARAMETERS_H_\n\n#include \"defines.h\"\n";
  for (const std::string& header : kernel_headers) {
    parameters += "#include \"nnet_utils/" + header + "\"\n";
  }
  parameters += "\n" + configs + "#endif\n";
  return {"firmware/parameters.h", std::move(parameters)};
}

std::string top_source_start(const ProjectSymbols& symbols, const std::string& weight_includes,
                             const std::string& parameters) {
  return "#include \"" + symbols.project + ".h\"\n#include \"parameters.h\"\n\n" + weight_includes +
         "\n#ifndef __SYNTHESIS__\n" +
         "thread_local double* const* hlsnn_emulation::trace_outputs = nullptr;\n" +
         "#endif\n\nvoid " + symbols.project + "(" + parameters + ") {\n";
}

std::vector<GeneratedFile> firmware_files(const ProjectSymbols& symbols,
                                          const ir::ModelSettings& settings) {
  std::set<std::string> kernel_headers = {"nnet_common.h", "nnet_helpers.h"};
  std::string configs;
  std::string weight_includes;
  std::string body;
  size_t trace_position = 0;
  for (const LayerSymbols& layer : symbols.layers) {
    const LayerCode code = generate_layer_code(layer, settings);
    if (!code.config.empty()) configs += code.config + "\n";
    kernel_headers.insert(code.headers.begin(), code.headers.end());
    for (const auto& [name, array] : layer.weight_arrays) {
      weight_includes += "#include \"weights/" + array + ".h\"\n";
    }
    if (layer.layer->layer_class == "Input") continue;
    body += "\n  " + comment_line(layer);
    if (!layer.aliases_input && layer.output_position < 0) {
      body += "  " + layer.type + " " + layer.array + "[" + layer.size_macro + "];\n" +
              pragma("ARRAY_PARTITION variable=" + layer.array + " complete dim=0");
    }
    body += code.call + trace_statement(layer, trace_position++);
  }

  const std::string parameters = top_parameters(symbols);
  std::string interface_ports;
  std::string top = top_source_start(symbols, weight_includes, parameters);
  for (const auto* group : {&symbols.model_inputs, &symbols.model_outputs}) {
    for (const LayerSymbols* layer : *group) {
      top += pragma("ARRAY_PARTITION variable=" + layer->array + " complete dim=0");
      interface_ports += (interface_ports.empty() ? "" : ",") + layer->array;
    }
  }
  top += pragma("INTERFACE ap_vld port=" + interface_ports) + pragma("PIPELINE") + body + "}\n";

  return {defines_header(symbols, false),
          top_header(symbols, parameters),
          parameters_header(kernel_headers, configs),
          {"firmware/" + symbols.project + ".cpp", std::move(top)}};
}

}  // namespace hlsnn::backend
